package io.tickettriage.state;

import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.Watermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the next poll starts: the newest {@code updated_at} of the last fully processed batch, kept in a
 * {@link WatermarkStorage} (a one-line file, or a row of the state database). It is written only after a whole batch
 * is done, atomically, so a crash leaves either the old or the new value and at worst repeats a batch (the write
 * ledger then skips what was already written).
 */
public final class WatermarkStore implements Watermark {

    private static final Logger LOG = LoggerFactory.getLogger(WatermarkStore.class);

    /** How far ahead of our clock the watermark may go, for a help desk whose clock runs a little ahead. */
    static final Duration LARGEST_SKEW = Duration.ofMinutes(5);

    private final WatermarkStorage storage;
    private final Duration firstLookBack;
    private final Clock clock;

    /**
     * @param storage       one help desk's watermark, e.g. the file {@code state/freshdesk.watermark}
     * @param firstLookBack how far back the very first poll looks, before any watermark exists
     */
    public WatermarkStore(WatermarkStorage storage, Duration firstLookBack, Clock clock) {
        this.storage = storage;
        this.firstLookBack = firstLookBack;
        this.clock = clock;
    }

    @Override
    public Instant current() {
        return storage.read().orElseGet(() -> clock.instant().minus(firstLookBack));
    }

    @Override
    public TicketBatch commit(TicketBatch batch) {
        Instant previous = current();
        Instant next = batch.watermark();
        Instant latest = clock.instant().plus(LARGEST_SKEW);
        if (next.isAfter(latest)) {
            // Whatever a record claims, the next poll must still see tickets that change from now on.
            LOG.warn("The help desk reported a change at {}, ahead of now; the watermark moves to {} instead", next,
                    latest);
            next = latest;
        }
        if (next.isAfter(previous)) {
            storage.advance(next);
            LOG.debug("watermark {} -> {}", previous, next);
        }
        return batch;
    }
}
