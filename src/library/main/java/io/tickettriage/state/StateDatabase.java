package io.tickettriage.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The PostgreSQL database that holds the state when {@code triage.state.store = jdbc}: a small pool of connections to
 * a schema Flyway migrated at startup, and {@link #inTransaction} for the stores, one transaction per call.
 */
public final class StateDatabase implements AutoCloseable {

    public static final String URL = "triage.state.jdbc.url";
    public static final String USERNAME = "triage.state.jdbc.username";
    public static final String PASSWORD = "triage.state.jdbc.password";
    /** Where Flyway finds the schema's migrations, V1__…sql onwards. */
    static final String MIGRATIONS = "classpath:db/state";

    /** One step of work on the database; everything it does commits together or not at all. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final HikariDataSource pool;
    private final String location;

    private StateDatabase(HikariDataSource pool, String location) {
        this.pool = pool;
        this.location = location;
    }

    /**
     * Connects with {@code triage.state.jdbc.*} and migrates the schema. A wrong URL, an unreachable server or a
     * refused password is a {@link ConfigurationException} of one line that never holds the password.
     */
    public static StateDatabase open(TriageProperties properties) {
        String url = properties.required(URL);
        Optional<String> username = properties.optional(USERNAME);
        Optional<String> password = properties.optionalSecret(PASSWORD);
        // The URL may carry credentials of its own (?password=…): only its part before the parameters is shown.
        String location = url.replaceFirst("\\?.*", "");
        probe(url, username, password, location);
        HikariConfig config = new HikariConfig();
        config.setPoolName("ticket-triage-state");
        config.setJdbcUrl(url);
        username.ifPresent(config::setUsername);
        password.ifPresent(config::setPassword);
        // Every store commits explicitly, so a step of several statements is one transaction.
        config.setAutoCommit(false);
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new ConfigurationException("cannot migrate the state database at " + location + ": "
                    + oneLine(e.getMessage()));
        }
        return new StateDatabase(pool, location);
    }

    /**
     * One connection straight from the driver first: a wrong URL or password is then one clear line, not the
     * pool's retries and stack trace.
     */
    private static void probe(String url, Optional<String> username, Optional<String> password, String location) {
        Properties credentials = new Properties();
        username.ifPresent(name -> credentials.setProperty("user", name));
        password.ifPresent(secret -> credentials.setProperty("password", secret));
        try (Connection ignored = DriverManager.getConnection(url, credentials)) {
            // reachable, and the credentials are accepted
        } catch (SQLException e) {
            String reason = password.map(secret -> oneLine(e.getMessage()).replace(secret, "****"))
                    .orElse(oneLine(e.getMessage()));
            throw new ConfigurationException("cannot connect to the state database at " + location + " (" + URL
                    + "): " + reason + "; check " + URL + ", " + USERNAME + " and " + PASSWORD);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "no reason given" : message.lines().findFirst().orElse("").strip();
    }

    /** Runs {@code work} in a transaction of its own: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what + " in the state database at " + location + ": "
                    + oneLine(e.getMessage()), e);
        }
    }

    /** For {@code sql:} and {@code jdbc:} endpoints of one's own routes, bound as {@code stateDataSource}. */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgreSQL at " + location;
    }
}
