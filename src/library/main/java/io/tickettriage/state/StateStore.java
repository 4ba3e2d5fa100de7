package io.tickettriage.state;

import io.tickettriage.triage.PredictionLog;
import io.tickettriage.triage.WriteLedger;

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

    @Override
    void close();
}
