package io.tickettriage.state;

import io.tickettriage.config.TriageProperties;
import io.tickettriage.triage.PredictionLog;
import io.tickettriage.triage.WriteLedger;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The state in PostgreSQL ({@code triage.state.jdbc.*}): every store a view of one {@link StateDatabase}, each step
 * its own transaction. No lock: several nodes may share the database, and what keeps them from triaging the same
 * desk at once is not this class's business (one active node per desk comes with camel-master).
 */
public final class JdbcStateStore implements StateStore {

    private final StateDatabase database;
    private final JdbcWriteLedger ledger;
    private final JdbcDeadLetters deadLetters;
    private final JdbcPredictionLog predictions;

    public JdbcStateStore(StateDatabase database) {
        this.database = database;
        this.ledger = new JdbcWriteLedger(database);
        this.deadLetters = new JdbcDeadLetters(database);
        this.predictions = new JdbcPredictionLog(database);
    }

    /** Connects and migrates the schema; see {@link StateDatabase#open}. */
    public static JdbcStateStore open(TriageProperties properties) {
        return new JdbcStateStore(StateDatabase.open(properties));
    }

    @Override
    public WatermarkStorage watermark(String helpdesk) {
        return new JdbcWatermark(database, helpdesk);
    }

    @Override
    public WriteLedger writeLedger() {
        return ledger;
    }

    @Override
    public DeadLetterShelf deadLetters() {
        return deadLetters;
    }

    @Override
    public PredictionLog predictions() {
        return predictions;
    }

    @Override
    public int purgePredictions(Instant before) {
        return predictions.purge(before);
    }

    @Override
    public void forgetClosedWrites() {
        ledger.forgetClosedWrites();
    }

    @Override
    public Erased erase(String ticket) {
        return new Erased(ticket, deadLetters.erase(ticket), predictions.erase(ticket), ledger.erase(ticket),
                ledger.isWritten(ticket));
    }

    /** The cluster's roster, in the same database. */
    public JdbcClusterRoster clusterRoster() {
        return new JdbcClusterRoster(database);
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return database.toString();
    }
}
