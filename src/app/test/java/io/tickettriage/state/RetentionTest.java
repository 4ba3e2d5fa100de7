package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final String DEAD_LETTERS = Retention.Setting.DEAD_LETTERS.key();
    private static final String PREDICTIONS = Retention.Setting.PREDICTIONS.key();

    @Test
    void durationsAndPeriodsAndKeptForEver() {
        assertEquals(new Retention(Optional.of(Duration.ofDays(30)), Optional.of(Duration.ofDays(180))),
                read(Map.of()), "the defaults");
        assertEquals(new Retention(Optional.of(Duration.ofHours(12)), Optional.of(Period.ofMonths(6))),
                read(Map.of(DEAD_LETTERS, "PT12H", PREDICTIONS, "P6M")));
        assertEquals(new Retention(Optional.empty(), Optional.empty()),
                read(Map.of(DEAD_LETTERS, "", PREDICTIONS, "0")), "empty or 0: kept for ever");
    }

    @Test
    void aCalendarPeriodIsCountedInUtc() {
        Instant now = Instant.parse("2026-03-31T12:00:00Z");
        assertEquals(Optional.of(Instant.parse("2025-09-30T12:00:00Z")),
                Retention.cutoff(Optional.of(Period.ofMonths(6)), now));
        assertEquals(Optional.empty(), Retention.cutoff(Optional.empty(), now));
    }

    @Test
    void aWrongOrNegativeValueNamesItsKey() {
        ConfigurationException wrong = assertThrows(ConfigurationException.class,
                () -> read(Map.of(DEAD_LETTERS, "30 days")));
        assertTrue(wrong.getMessage().startsWith(DEAD_LETTERS + " must be an ISO-8601 duration or period"),
                wrong.getMessage());
        ConfigurationException negative = assertThrows(ConfigurationException.class,
                () -> read(Map.of(PREDICTIONS, "P-1D")));
        assertTrue(negative.getMessage().startsWith(PREDICTIONS + " must not be negative"), negative.getMessage());
    }

    private static Retention read(Map<String, String> settings) {
        DefaultCamelContext camel = new DefaultCamelContext();
        settings.forEach((key, value) -> camel.getPropertiesComponent().addInitialProperty(key, value));
        return Retention.from(new TriageProperties(camel.getPropertiesComponent()));
    }
}
