package io.tickettriage.config;

import java.util.Map;
import java.util.Set;

/**
 * Keys a release renamed. A configuration file, environment or {@code -D} option that still sets one is refused with
 * the new name: read by no one, it would silently fall back to the default.
 */
public final class RenamedKeys {

    /** Old key to new key. */
    private static final Map<String, String> RENAMED = Map.of(
            "triage.retry.initial-delay-ms", "triage.retry.delay-ms");

    private RenamedKeys() {
    }

    /** The old keys, which the environment may still set ({@code TRIAGE_RETRY_INITIAL_DELAY_MS}) as any key. */
    public static Set<String> oldKeys() {
        return RENAMED.keySet();
    }

    /** Throws a {@link ConfigurationException} naming the new key when {@code properties} sets an old one. */
    public static void check(TriageProperties properties) {
        RENAMED.forEach((old, renamed) -> {
            if (properties.optional(old).isPresent()) {
                throw new ConfigurationException(old + " was renamed: set " + renamed + " ("
                        + TriageProperties.environmentName(renamed) + ") instead");
            }
        });
    }
}
