package io.tickettriage.state;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the dead letters and predictions older than their {@link Retention}, from whichever store holds them, while
 * the desks go on polling: {@code routes/retention.yaml} runs it on a schedule. One INFO line per run says what went.
 * The write ledger's content of closed writes goes at every run too ({@link StateStore#forgetClosedWrites}): a plan's
 * subject and note are needed only while its write is open.
 *
 * <p>A prediction still waiting for the agents' outcome expires like any other: it is about a customer's ticket all
 * the same, and an outcome that comes later is then not recorded. A dead letter that expires no longer keeps its
 * ticket from being tried again: should the same unchanged ticket still be listed, it fails and is kept once more.
 */
public final class RetentionPurge {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final StateStore store;
    private final Retention retention;
    private final Clock clock;

    public RetentionPurge(StateStore store, Retention retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    /** One purge: what expired by now goes. */
    public void run() {
        Instant now = clock.instant();
        Optional<Instant> deadLetters = Retention.cutoff(retention.deadLetters(), now);
        Optional<Instant> predictions = Retention.cutoff(retention.predictions(), now);
        int letters = deadLetters.map(store::purgeDeadLetters).orElse(0);
        int predicted = predictions.map(store::purgePredictions).orElse(0);
        store.forgetClosedWrites();
        LOG.info("Retention: purged {} dead letter(s) {} and {} prediction(s) {} from {}", letters,
                deadLetters.map(at -> "kept before " + at).orElse("(kept for ever)"), predicted,
                predictions.map(at -> "made before " + at).orElse("(kept for ever)"), store);
    }

    @Override
    public String toString() {
        return "RetentionPurge[" + retention + ", " + store + "]";
    }
}
