package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.config.TriageProperties;
import io.tickettriage.state.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The same hard crash with the state in PostgreSQL: the jar killed with SIGKILL mid-batch, started again on the same
 * database, and every ticket written exactly once with one note; the write ledger's transactions are what carry the
 * half-done work over.
 */
class CrashRecoveryJdbcIT extends CrashRecoveryIT {

    private final TestDatabase database = TestDatabase.fresh();

    @Override
    Map<String, String> stateEnvironment() {
        Map<String, String> environment = new HashMap<>(super.stateEnvironment());
        database.properties().forEach((key, value) -> environment.put(
                TriageProperties.environmentName(key), value));
        return environment;
    }

    @AfterEach
    void theStateWasInTheDatabase() {
        assertTrue(database.hasRows("written_ticket"), "the runs kept their state in the database");
    }

    @Override
    boolean watermarkCommitted() {
        return database.hasRows("watermark");
    }
}
