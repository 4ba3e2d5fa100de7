package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickettriage.triage.TicketBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link WatermarkStorage} must do under a {@link WatermarkStore}, written once. */
abstract class WatermarkContract {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    /** The storage of one help desk's watermark; a second call is the same watermark after a restart. */
    abstract WatermarkStorage storage(String helpdesk);

    private WatermarkStore store(String helpdesk) {
        return new WatermarkStore(storage(helpdesk), Duration.ofDays(1), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static TicketBatch batch(Instant watermark) {
        return new TicketBatch(List.of(), 1, watermark, List.of(), List.of());
    }

    @Test
    void theWatermarkNeverMovesBeyondNowPlusASmallSkewWhateverARecordSays() {
        WatermarkStore store = store("freshdesk");

        store.commit(batch(Instant.parse("2099-01-01T00:00:00Z")));

        assertEquals(NOW.plus(WatermarkStore.LARGEST_SKEW), store.current());
    }

    @Test
    void aWatermarkMovesForwardOnly() {
        WatermarkStore store = store("zammad");

        store.commit(batch(NOW.minusSeconds(60)));
        store.commit(batch(NOW.minusSeconds(600)));

        assertEquals(NOW.minusSeconds(60), store.current());
    }

    @Test
    void theFirstPollLooksBackAndEachHelpDeskHasItsOwnWatermarkAcrossARestart() {
        store("otobo").commit(batch(Instant.parse("2026-12-01T09:30:00.123Z")));

        assertEquals(Instant.parse("2026-12-01T09:30:00.123Z"), store("otobo").current());
        assertEquals(NOW.minus(Duration.ofDays(1)), store("freshdesk").current(), "the look-back, before any batch");
    }
}
