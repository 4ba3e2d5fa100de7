package io.tickettriage.adapter;

import io.tickettriage.privacy.PersonalDataRedactor;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Whether what a help desk's Kamelets log about a ticket is rid of personal data ({@link PersonalDataRedactor}): the
 * retry warnings of its client, which quote the help desk's own words about a failed call, and the lines of a dry
 * run, which show the calls with the note. The same keys as the service's dead letters, so one setting covers both;
 * a value, so that Kamelets with equal settings share one client.
 *
 * @param enabled     {@value PersonalDataRedactor#ENABLED}, the Kamelets' {@code redactPersonalData}
 * @param phoneRegion {@value PersonalDataRedactor#PHONE_REGION}, the Kamelets' {@code phoneRegion}; empty: phone
 *                    numbers in international form only
 */
public record LogRedaction(boolean enabled, String phoneRegion) {

    public static final Setting ENABLED = new Setting(PersonalDataRedactor.ENABLED, "redactPersonalData",
            String.valueOf(PersonalDataRedactor.ENABLED_BY_DEFAULT));
    public static final Setting PHONE_REGION = new Setting(PersonalDataRedactor.PHONE_REGION, "phoneRegion", "");
    public static final List<Setting> SETTINGS = List.of(ENABLED, PHONE_REGION);

    public static final LogRedaction DEFAULT = new LogRedaction(PersonalDataRedactor.ENABLED_BY_DEFAULT, "");

    /** @throws IllegalArgumentException for a phone region libphonenumber does not know */
    public LogRedaction {
        phoneRegion = phoneRegion == null ? "" : phoneRegion.strip();
        redactor(enabled, phoneRegion);
    }

    /** The settings, checked; a phone region libphonenumber does not know is refused with its name. */
    public static LogRedaction read(SettingValues values) {
        boolean enabled = values.flag(ENABLED);
        String region = values.text(PHONE_REGION);
        values.parsed(PHONE_REGION, text -> redactor(true, text));
        return new LogRedaction(enabled, region);
    }

    /** What these settings do to a log line's text: redact it, or leave it as it is when redaction is off. */
    public UnaryOperator<String> redactor() {
        return redactor(enabled, phoneRegion);
    }

    private static UnaryOperator<String> redactor(boolean enabled, String phoneRegion) {
        return enabled ? new PersonalDataRedactor(Optional.of(phoneRegion)) : UnaryOperator.identity();
    }
}
