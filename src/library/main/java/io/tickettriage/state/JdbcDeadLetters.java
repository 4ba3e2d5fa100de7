package io.tickettriage.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Dead letters as rows of the state database's {@code dead_letter} table, each letter's JSON as a file holds it. */
public final class JdbcDeadLetters implements DeadLetterShelf {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateDatabase database;

    public JdbcDeadLetters(StateDatabase database) {
        this.database = database;
    }

    @Override
    public boolean holds(String version) {
        return database.inTransaction("read the dead letters", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM dead_letter WHERE kept_version = ?")) {
                select.setBytes(1, version.getBytes(StandardCharsets.UTF_8));
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public String keep(String name, String version, Instant failedAt, String letter) {
        database.inTransaction("keep the dead letter " + name, connection -> {
            // Like a file of the same name, a second letter in the same millisecond replaces the first.
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO dead_letter "
                    + "(name, kept_version, failed_at, letter) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE "
                    + "SET kept_version = EXCLUDED.kept_version, failed_at = EXCLUDED.failed_at, "
                    + "letter = EXCLUDED.letter")) {
                upsert.setString(1, name);
                upsert.setBytes(2, version == null ? null : version.getBytes(StandardCharsets.UTF_8));
                upsert.setObject(3, failedAt.atOffset(ZoneOffset.UTC));
                upsert.setString(4, letter);
                return upsert.executeUpdate();
            }
        });
        return "the state database (dead_letter " + name + ")";
    }

    @Override
    public int purge(Instant before) {
        return database.inTransaction("purge the dead letters", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM dead_letter WHERE failed_at < ?")) {
                delete.setObject(1, before.atOffset(ZoneOffset.UTC));
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Reads the letters' tickets in Java, not with PostgreSQL's JSON: a letter may hold a key with NUL in it, which
     * PostgreSQL's {@code jsonb} refuses.
     */
    @Override
    public List<String> erase(String ticket) {
        return database.inTransaction("erase the dead letters of " + ticket, connection -> {
            List<String> names = new ArrayList<>();
            for (String[] row : Sql.rows(connection, "SELECT name, letter FROM dead_letter FOR UPDATE",
                    row -> new String[] {row.getString(1), row.getString(2)})) {
                if (Erased.concerns(ticket, ticketOf(row[1]))) {
                    Sql.update(connection, "DELETE FROM dead_letter WHERE name = ?", row[0]);
                    names.add(row[0]);
                }
            }
            return names;
        });
    }

    private static String ticketOf(String letter) {
        try {
            return JSON.readTree(letter).path("ticket").asText(null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a dead letter in the state database is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcDeadLetters[" + database + "]";
    }
}
