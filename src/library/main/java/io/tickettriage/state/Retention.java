package io.tickettriage.state;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.Optional;

/**
 * How long the records about customers' tickets are kept ({@code triage.retention.*}): each an ISO-8601 duration
 * ({@code P30D}, {@code PT12H}) or period ({@code P6M}, {@code P1Y}, counted in UTC); empty or zero keeps them for
 * ever.
 *
 * @param deadLetters how long a dead letter is kept after it failed
 * @param predictions how long a prediction (and its outcome, if the agents settled it) is kept after it was made
 */
public record Retention(Optional<TemporalAmount> deadLetters, Optional<TemporalAmount> predictions) {

    /** Each setting with its one default. */
    public enum Setting {
        DEAD_LETTERS("triage.retention.dead-letters", "P30D"),
        PREDICTIONS("triage.retention.predictions", "P180D"),
        /** When the purge runs (Quartz cron), read by {@code routes/retention.yaml}. */
        SCHEDULE("triage.retention.cron", "0 17 * * * ?");

        private final String key;
        private final String defaultValue;

        Setting(String key, String defaultValue) {
            this.key = key;
            this.defaultValue = defaultValue;
        }

        public String key() {
            return key;
        }

        public String defaultValue() {
            return defaultValue;
        }
    }

    /** Reads and checks both settings. */
    public static Retention from(TriageProperties properties) {
        return new Retention(amount(properties, Setting.DEAD_LETTERS), amount(properties, Setting.PREDICTIONS));
    }

    /** The records made before this instant have expired; empty when they are kept for ever. */
    public static Optional<Instant> cutoff(Optional<TemporalAmount> kept, Instant now) {
        return kept.map(amount -> now.atZone(ZoneOffset.UTC).minus(amount).toInstant());
    }

    private static Optional<TemporalAmount> amount(TriageProperties properties, Setting setting) {
        // Given empty: kept for ever. Not given at all: the default.
        String value = properties.given(setting.key()).orElse(setting.defaultValue());
        if (value.isEmpty() || value.equals("0")) {
            return Optional.empty();
        }
        TemporalAmount amount = parse(value).orElseThrow(() -> new ConfigurationException(properties.name(
                setting.key()) + " must be an ISO-8601 duration or period such as P30D, PT12H or P6M (empty keeps the "
                + "records for ever), was '" + value + "'"));
        if (amount instanceof Duration duration ? duration.isNegative() : ((Period) amount).isNegative()) {
            throw new ConfigurationException(properties.name(setting.key()) + " must not be negative, was '"
                    + value + "'");
        }
        boolean zero = amount instanceof Duration duration ? duration.isZero() : ((Period) amount).isZero();
        return zero ? Optional.empty() : Optional.of(amount);
    }

    /** Days and times as a duration (P30D, PT12H), months, years and weeks as a calendar period (P6M). */
    private static Optional<TemporalAmount> parse(String value) {
        try {
            return Optional.of(Duration.parse(value));
        } catch (DateTimeParseException notADuration) {
            try {
                return Optional.of(Period.parse(value));
            } catch (DateTimeParseException notAPeriod) {
                return Optional.empty();
            }
        }
    }
}
