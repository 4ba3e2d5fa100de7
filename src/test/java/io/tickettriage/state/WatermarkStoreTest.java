package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickettriage.triage.TicketBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatermarkStoreTest {

    @TempDir
    Path state;

    @Test
    void theWatermarkNeverMovesBeyondNowPlusASmallSkewWhateverARecordSays() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        WatermarkStore store = new WatermarkStore(state.resolve("freshdesk.watermark"), Duration.ofDays(1),
                Clock.fixed(now, ZoneOffset.UTC));

        store.commit(new TicketBatch(List.of(), 1, Instant.parse("2099-01-01T00:00:00Z"), List.of(), List.of()));

        assertEquals(now.plus(WatermarkStore.LARGEST_SKEW), store.current());
    }

    @Test
    void aWatermarkMovesForwardOnly() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        WatermarkStore store = new WatermarkStore(state.resolve("zammad.watermark"), Duration.ofDays(1),
                Clock.fixed(now, ZoneOffset.UTC));

        store.commit(new TicketBatch(List.of(), 1, now.minusSeconds(60), List.of(), List.of()));
        store.commit(new TicketBatch(List.of(), 1, now.minusSeconds(600), List.of(), List.of()));

        assertEquals(now.minusSeconds(60), store.current());
    }
}
