package io.tickettriage.state;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;

/** Dead letters as rows of the state database's {@code dead_letter} table, each letter's JSON as a file holds it. */
public final class JdbcDeadLetters implements DeadLetterShelf {

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
    public String toString() {
        return "JdbcDeadLetters[" + database + "]";
    }
}
