package io.tickettriage.state;

import io.tickettriage.triage.PredictionLog;
import io.tickettriage.triage.WriteLedger;
import java.time.Instant;

/**
 * Every piece of state ticket-triage keeps across restarts, in one place chosen by {@code triage.state.store}: the
 * state directory ({@link FileStateStore}) or a PostgreSQL database ({@link JdbcStateStore}).
 */
public interface StateStore extends AutoCloseable {

    /** The choices of {@code triage.state.store}. */
    enum Kind {
        FILE,
        JDBC
    }

    /** Where one help desk's next poll starts. */
    WatermarkStorage watermark(String helpdesk);

    WriteLedger writeLedger();

    DeadLetterShelf deadLetters();

    PredictionLog predictions();

    /** Deletes the dead letters kept before {@code before}; returns how many. */
    default int purgeDeadLetters(Instant before) {
        return deadLetters().purge(before);
    }

    /** Deletes the predictions made before {@code before}, each with its outcome; returns how many. */
    int purgePredictions(Instant before);

    /**
     * Deletes what the write ledger holds of writes that are closed and no longer need it: the plans of finished
     * writes, and the subject, note and fields of abandoned ones (which of their calls landed stays, so that a later
     * write never notes the ticket twice).
     */
    void forgetClosedWrites();

    /**
     * Deletes one ticket's records: its dead letters, its predictions with their outcomes, and a write of it still
     * open. The write ledger's bare mark that it was written stays (see {@link Erased#written}).
     *
     * @param ticket its key, {@code <desk>:<id>}
     */
    Erased erase(String ticket);

    @Override
    void close();
}
