package io.tickettriage.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChangeTimesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void aFetchStartsAtAnInstantAnIsoTextOrTheLookBack() {
        Instant start = Instant.parse("2026-11-30T08:15:00Z");
        assertEquals(start, ChangeTimes.since(start, "P30D", CLOCK));
        assertEquals(start, ChangeTimes.since(" 2026-11-30T08:15:00Z\n", "P30D", CLOCK));
        assertEquals(start, ChangeTimes.since("2026-11-30T08:15:00Z".getBytes(StandardCharsets.UTF_8), "P1D", CLOCK));
        assertEquals(NOW.minus(Duration.ofDays(30)), ChangeTimes.since(null, "P30D", CLOCK));
        assertEquals(NOW.minus(Duration.ofHours(2)), ChangeTimes.since("", "PT2H", CLOCK));
    }

    @Test
    void anythingElseIsAClearError() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChangeTimes.since("yesterday", "P30D", CLOCK))
                .getMessage().contains("'yesterday'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChangeTimes.since(42L, "P30D", CLOCK))
                .getMessage().contains("java.lang.Long"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChangeTimes.since(null, "30 days", CLOCK))
                .getMessage().contains("lookBack"));
    }

    @Test
    void aChangeMoreThanADayAheadIsNotBelieved() {
        assertEquals(NOW.plus(Duration.ofHours(3)), ChangeTimes.plausible(NOW.plus(Duration.ofHours(3)), CLOCK, "x"));
        assertThrows(IllegalArgumentException.class,
                () -> ChangeTimes.plausible(Instant.parse("2099-01-01T00:00:00Z"), CLOCK, "x"));
    }
}
