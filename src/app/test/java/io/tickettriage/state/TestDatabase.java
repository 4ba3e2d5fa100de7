package io.tickettriage.state;

import io.tickettriage.config.TriageProperties;
import io.tickettriage.triage.PredictionLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A fresh, empty PostgreSQL database per test, on one embedded server per test JVM (it takes seconds to start).
 * The server checks passwords like a real one: the tests' user {@value #USER} has {@value #PASSWORD}, so a wrong
 * one is refused.
 */
public record TestDatabase(String url, String username, String password) {

    public static final String USER = "triage";
    public static final String PASSWORD = "pg-secret-4b7e91";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** Holds the server; started on first use, stopped with the JVM. */
    private static final class Server {
        static final EmbeddedPostgres POSTGRES = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                try (Connection admin = postgres.getPostgresDatabase().getConnection();
                     Statement sql = admin.createStatement()) {
                    sql.execute("CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
                    // Trust only the server's own superuser; everyone else must give the password.
                    Path hba;
                    try (var row = sql.executeQuery("SHOW hba_file")) {
                        row.next();
                        hba = Path.of(row.getString(1));
                    }
                    Files.writeString(hba, """
                            local all all trust
                            host all postgres 127.0.0.1/32 trust
                            host all postgres ::1/128 trust
                            host all all 127.0.0.1/32 scram-sha-256
                            host all all ::1/128 scram-sha-256
                            """);
                    sql.execute("SELECT pg_reload_conf()");
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going anyway
                    }
                }));
                return postgres;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot set up the embedded PostgreSQL", e);
            }
        }
    }

    /** A new database, owned by {@value #USER}. */
    public static TestDatabase fresh() {
        String name = "state_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = Server.POSTGRES.getPostgresDatabase().getConnection();
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return new TestDatabase("jdbc:postgresql://localhost:" + Server.POSTGRES.getPort() + "/" + name, USER,
                PASSWORD);
    }

    /** The settings that select this database as the state store. */
    public Map<String, String> properties() {
        return Map.of("triage.state.store", "jdbc", "triage.state.jdbc.url", url,
                "triage.state.jdbc.username", username, "triage.state.jdbc.password", password);
    }

    /** Opens it as the service does (migrating the schema). */
    public StateDatabase open() {
        DefaultCamelContext camel = new DefaultCamelContext();
        properties().forEach((key, value) -> camel.getPropertiesComponent().addInitialProperty(key, value));
        return StateDatabase.open(new TriageProperties(camel.getPropertiesComponent()));
    }

    /** Every dead letter in it, by name, as JSON text. */
    public Map<String, String> deadLetters() {
        Map<String, String> letters = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT name, letter FROM dead_letter")) {
            while (rows.next()) {
                letters.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the dead letters of " + url, e);
        }
        return letters;
    }

    /** Whether {@code table} has any rows. */
    public boolean hasRows(String table) {
        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
            return rows.next();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table + " of " + url, e);
        }
    }

    /** Its whole prediction log, read on a connection of its own. */
    public List<PredictionLog.Entry> predictions() {
        try (StateDatabase database = open()) {
            return new JdbcPredictionLog(database).since(Instant.EPOCH);
        }
    }
}
