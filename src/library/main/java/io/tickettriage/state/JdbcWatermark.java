package io.tickettriage.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A help desk's watermark as a row of the state database's {@code watermark} table. PostgreSQL keeps microseconds;
 * help desks stamp changes to the second or millisecond, so nothing a watermark is compared with is lost.
 */
public record JdbcWatermark(StateDatabase database, String helpdesk) implements WatermarkStorage {

    @Override
    public Optional<Instant> read() {
        return database.inTransaction("read the watermark of " + helpdesk, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT at FROM watermark WHERE helpdesk = ?")) {
                select.setString(1, helpdesk);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getObject(1, OffsetDateTime.class).toInstant())
                            : Optional.empty();
                }
            }
        });
    }

    /** One statement, its own transaction; GREATEST keeps it forward-only even if two nodes commit at once. */
    @Override
    public void advance(Instant watermark) {
        database.inTransaction("move the watermark of " + helpdesk, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO watermark (helpdesk, at) "
                    + "VALUES (?, ?) ON CONFLICT (helpdesk) DO UPDATE SET at = GREATEST(watermark.at, EXCLUDED.at)")) {
                upsert.setString(1, helpdesk);
                upsert.setObject(2, watermark.atOffset(ZoneOffset.UTC));
                return upsert.executeUpdate();
            }
        });
    }
}
