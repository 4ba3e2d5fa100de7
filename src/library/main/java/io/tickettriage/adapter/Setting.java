package io.tickettriage.adapter;

/**
 * One setting of a help desk, under both of its names, with its one default: the key of
 * {@code config/application.properties} the service reads it from, and the property of the help desk's Kamelets an
 * application of its own sets. The Kamelet definitions declare no default of their own: an unset property is not
 * passed at all, and this default applies.
 *
 * @param key          the configuration key, e.g. {@code freshdesk.page-size}; empty for a setting the service
 *                     leaves at its default (a Kamelet's look-back)
 * @param property     the Kamelet property, e.g. {@code perPage}
 * @param defaultValue the value when neither sets it, as text; empty for none
 */
public record Setting(String key, String property, String defaultValue) {

    /** A setting the service leaves at its default: only a Kamelet property sets it. */
    public static Setting kameletOnly(String property, String defaultValue) {
        return new Setting("", property, defaultValue);
    }

    /** Where a settings object given to a Kamelet holds this setting, for messages. */
    public String inSettings() {
        return key.isEmpty() ? "the settings' " + property + " (no configuration key: always " + defaultValue + ")"
                : "the settings' key " + key;
    }
}
