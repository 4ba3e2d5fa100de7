package io.tickettriage.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitPacerTest {

    private static HelpDeskHttp.Answer answer(int total, int remaining, int used) {
        return new HelpDeskHttp.Answer(200, Map.of("X-RateLimit-Total", List.of(String.valueOf(total)),
                "X-RateLimit-Remaining", List.of(String.valueOf(remaining)),
                "X-RateLimit-Used-CurrentRequest", List.of(String.valueOf(used))), "[]");
    }

    @Test
    void callsAreSpacedToTheShareOfTheBudget() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        RateLimitPacer pacer = new RateLimitPacer(0.5, clock);

        assertEquals(Duration.ZERO, pacer.before(), "nothing is known before the first answer");
        pacer.after(answer(200, 199, 1));
        pacer.before();
        Duration wait = pacer.before();

        // 100 calls a minute (half of 200), kept 2 % below: one every 612 ms.
        assertTrue(wait.toMillis() >= 600 && wait.toMillis() <= 620, "waits " + wait);
        assertEquals(100, pacer.allowedPerMinute().orElseThrow());
    }

    @Test
    void aCallThatCostMoreCreditsPushesTheNextOneFurther() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        RateLimitPacer pacer = new RateLimitPacer(1.0, clock);
        pacer.after(answer(200, 190, 1));
        pacer.before();
        pacer.after(answer(200, 187, 3));

        Duration wait = pacer.before();

        assertTrue(wait.toMillis() >= 900 && wait.toMillis() <= 930, "three credits at 200 a minute: " + wait);
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        Clock clock = Clock.systemUTC();
        assertThrows(IllegalArgumentException.class, () -> new RateLimitPacer(0, clock));
        assertThrows(IllegalArgumentException.class, () -> new RateLimitPacer(1.5, clock));
    }
}
