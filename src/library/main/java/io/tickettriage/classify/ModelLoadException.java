package io.tickettriage.classify;

/** A model that cannot be used: missing, unreadable, or not one of ours. The message says which and why. */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }
}
