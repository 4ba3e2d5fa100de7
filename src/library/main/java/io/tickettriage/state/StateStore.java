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
     * Deletes what the write ledger still holds of writes that finished: their plans, with the subject and the note.
     * The database's ledger deletes a plan as its write finishes; the file ledger's journal keeps them until this,
     * or the next start.
     */
    default void dropFinishedWrites() {
    }

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
