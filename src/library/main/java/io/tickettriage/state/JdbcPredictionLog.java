package io.tickettriage.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.triage.Outcome;
import io.tickettriage.triage.Prediction;
import io.tickettriage.triage.PredictionLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The prediction log in the state database: {@code prediction} and {@code outcome} rows, each holding the JSON line
 * the file log would append. Read where it is asked, not cached, so every node sees the others' entries.
 */
public final class JdbcPredictionLog implements PredictionLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateDatabase database;

    public JdbcPredictionLog(StateDatabase database) {
        this.database = database;
    }

    /** A second prediction for the same ticket version is ignored, as the unique key enforces. */
    @Override
    public void record(Prediction prediction) {
        database.inTransaction("record the prediction for " + prediction.key(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO prediction "
                    + "(ticket_key, version, version_at, predicted_at, line) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (ticket_key, version) DO NOTHING")) {
                insert.setString(1, prediction.key());
                insert.setString(2, prediction.version().toString());
                insert.setObject(3, prediction.version().atOffset(ZoneOffset.UTC));
                insert.setObject(4, prediction.at().atOffset(ZoneOffset.UTC));
                insert.setString(5, PredictionLines.toJson(prediction).toString());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Prediction> latest(String key) {
        return database.inTransaction("read the prediction log", connection -> Sql.rows(connection,
                "SELECT line FROM prediction WHERE ticket_key = ? ORDER BY version_at DESC, seq DESC LIMIT 1",
                row -> PredictionLines.prediction(parse(row.getString(1))), key)).stream().findFirst();
    }

    @Override
    public boolean settled(Prediction prediction) {
        return database.inTransaction("read the prediction log", connection -> Sql.exists(connection,
                "SELECT 1 FROM outcome WHERE ticket_key = ? AND version = ?", prediction.key(),
                prediction.version().toString()));
    }

    @Override
    public void settle(Outcome outcome) {
        database.inTransaction("record the outcome of " + outcome.key(), connection -> Sql.update(connection,
                "INSERT INTO outcome (ticket_key, version, line) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                outcome.key(), outcome.version().toString(), PredictionLines.toJson(outcome).toString()));
    }

    @Override
    public List<Entry> since(Instant since) {
        return database.inTransaction("read the prediction log", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT p.line, o.line FROM prediction p "
                    + "LEFT JOIN outcome o ON o.ticket_key = p.ticket_key AND o.version = p.version "
                    + "WHERE p.predicted_at >= ? ORDER BY p.seq")) {
                select.setObject(1, since.atOffset(ZoneOffset.UTC));
                try (ResultSet rows = select.executeQuery()) {
                    List<Entry> entries = new ArrayList<>();
                    while (rows.next()) {
                        entries.add(new Entry(PredictionLines.prediction(parse(rows.getString(1))),
                                Optional.ofNullable(rows.getString(2)).map(line -> PredictionLines.outcome(parse(line)))));
                    }
                    return entries;
                }
            }
        });
    }

    /** Deletes the predictions made before {@code before}, each with its outcome; returns how many. */
    public int purge(Instant before) {
        return database.inTransaction("purge the prediction log", connection -> {
            try (PreparedStatement outcomes = connection.prepareStatement("DELETE FROM outcome o USING prediction p "
                    + "WHERE o.ticket_key = p.ticket_key AND o.version = p.version AND p.predicted_at < ?");
                 PreparedStatement predictions = connection.prepareStatement(
                         "DELETE FROM prediction WHERE predicted_at < ?")) {
                outcomes.setObject(1, before.atOffset(ZoneOffset.UTC));
                outcomes.executeUpdate();
                predictions.setObject(1, before.atOffset(ZoneOffset.UTC));
                return predictions.executeUpdate();
            }
        });
    }

    /** Deletes the ticket's predictions and outcomes; returns how many predictions. */
    public int erase(String ticket) {
        return database.inTransaction("erase the predictions of " + ticket, connection -> {
            Sql.update(connection, "DELETE FROM outcome WHERE ticket_key = ?", ticket);
            return Sql.update(connection, "DELETE FROM prediction WHERE ticket_key = ?", ticket);
        });
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an entry of the prediction log in the state database is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcPredictionLog[" + database + "]";
    }
}
