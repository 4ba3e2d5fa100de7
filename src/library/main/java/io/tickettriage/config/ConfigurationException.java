package io.tickettriage.config;

/**
 * A setting that is missing or wrong. The message is one line that names the setting and says what to fix; the
 * application prints it and exits non-zero instead of a stack trace.
 */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
