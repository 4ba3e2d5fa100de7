package io.tickettriage.state;

import static io.tickettriage.state.Sql.exists;
import static io.tickettriage.state.Sql.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.triage.WriteLedger;
import io.tickettriage.triage.WritePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link WriteLedger} in the state database: {@code write_plan} holds each write in progress, {@code write_call}
 * its calls' progress and {@code written_ticket} the tickets completely written. Each step is one transaction,
 * committed before the caller sends the call it records (or after the call's answer came), so a crash at any instant
 * leaves the ledger as it was after the last step, exactly as the file ledger's journal does.
 */
public final class JdbcWriteLedger implements WriteLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateDatabase database;

    public JdbcWriteLedger(StateDatabase database) {
        this.database = database;
    }

    @Override
    public boolean isWritten(String key) {
        return database.inTransaction("read the write ledger", connection ->
                exists(connection, "SELECT 1 FROM written_ticket WHERE ticket_key = ?", key));
    }

    @Override
    public Optional<WritePlan> openPlan(String key) {
        return database.inTransaction("read the write ledger", connection -> {
            List<WritePlan> plans = plans(connection, "SELECT plan FROM write_plan WHERE ticket_key = ? "
                    + "AND NOT abandoned", key);
            return plans.stream().findFirst();
        });
    }

    /** Replaces any earlier plan of the ticket, carrying over the {@code once} calls that landed under it. */
    @Override
    public void begin(WritePlan plan) {
        database.inTransaction("record the write plan of " + plan.key(), connection -> {
            List<String> landedBefore = Sql.rows(connection,
                    "SELECT call FROM write_call WHERE ticket_key = ? AND landed", row -> row.getString(1), plan.key());
            update(connection, "DELETE FROM write_plan WHERE ticket_key = ?", plan.key());
            update(connection, "INSERT INTO write_plan (ticket_key, plan, begun) "
                    + "VALUES (?, ?, nextval('write_plan_begun'))", plan.key(), json(plan));
            Set<String> carried = plan.landedBefore(landedBefore);
            for (String call : carried) {
                update(connection, "INSERT INTO write_call (ticket_key, call, landed) VALUES (?, ?, true)",
                        plan.key(), call);
            }
            return carried.size();
        });
    }

    @Override
    public boolean hasLanded(String key, String call) {
        return database.inTransaction("read the write ledger", connection ->
                exists(connection, "SELECT 1 FROM written_ticket WHERE ticket_key = ?", key)
                        || exists(connection, "SELECT 1 FROM write_call WHERE ticket_key = ? AND call = ? AND landed",
                        key, call));
    }

    @Override
    public boolean wasAttempted(String key, String call) {
        return database.inTransaction("read the write ledger", connection ->
                exists(connection, "SELECT 1 FROM write_call WHERE ticket_key = ? AND call = ? AND attempted",
                        key, call));
    }

    @Override
    public void attempting(String key, String call) {
        mark(key, call, "attempted");
    }

    @Override
    public void landed(String key, String call) {
        mark(key, call, "landed");
    }

    /** The ticket becomes written and its plan goes, together: never one without the other. */
    @Override
    public void finished(String key) {
        database.inTransaction("record the finished write of " + key, connection -> {
            update(connection, "INSERT INTO written_ticket (ticket_key) VALUES (?) ON CONFLICT DO NOTHING", key);
            return update(connection, "DELETE FROM write_plan WHERE ticket_key = ?", key);
        });
    }

    @Override
    public void abandoned(String key) {
        database.inTransaction("record the abandoned write of " + key, connection ->
                require(key, update(connection, "UPDATE write_plan SET abandoned = true WHERE ticket_key = ?", key)));
    }

    @Override
    public List<WritePlan> unfinished(String system) {
        return database.inTransaction("read the write ledger", connection -> plans(connection,
                "SELECT plan FROM write_plan WHERE NOT abandoned AND starts_with(ticket_key, ?) ORDER BY begun",
                system + ":"));
    }

    /**
     * Drops the ticket's write still open (its plan and its calls); the mark that it was written, if it was, stays.
     * Returns whether there was one.
     */
    public boolean erase(String key) {
        return database.inTransaction("erase the open write of " + key, connection ->
                update(connection, "DELETE FROM write_plan WHERE ticket_key = ?", key) > 0);
    }

    /**
     * Strips the plans of abandoned writes to what is needed again ({@link ClosedWrites}); finished ones are deleted
     * as they finish. Returns how many were stripped.
     */
    public int forgetClosedWrites() {
        return database.inTransaction("strip the abandoned writes", connection -> {
            int stripped = 0;
            for (WritePlan plan : plans(connection, "SELECT plan FROM write_plan WHERE abandoned FOR UPDATE")) {
                String bare = json(ClosedWrites.bare(plan));
                stripped += update(connection, "UPDATE write_plan SET plan = ? WHERE ticket_key = ? AND plan <> ?",
                        bare, plan.key(), bare);
            }
            return stripped;
        });
    }

    private void mark(String key, String call, String column) {
        // Only for a plan that was begun: the row's insert finds no plan to belong to otherwise.
        database.inTransaction("record the call " + call + " of " + key + " as " + column, connection ->
                require(key, update(connection, "INSERT INTO write_call (ticket_key, call, " + column + ") "
                        + "SELECT ?, ?, true WHERE EXISTS (SELECT 1 FROM write_plan WHERE ticket_key = ?) "
                        + "ON CONFLICT (ticket_key, call) DO UPDATE SET " + column + " = true", key, call, key)));
    }

    private static int require(String key, int rows) {
        if (rows == 0) {
            throw new IllegalStateException("no write of " + key + " was begun");
        }
        return rows;
    }

    private static List<WritePlan> plans(Connection connection, String sql, String... parameters)
            throws SQLException {
        return Sql.rows(connection, sql, row -> {
            try {
                return JSON.readValue(row.getString(1), WritePlan.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a write plan in the state database is not readable: "
                        + e.getOriginalMessage(), e);
            }
        }, parameters);
    }

    private static String json(WritePlan plan) {
        try {
            return JSON.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the plan of " + plan.key() + " as JSON", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcWriteLedger[" + database + "]";
    }
}
