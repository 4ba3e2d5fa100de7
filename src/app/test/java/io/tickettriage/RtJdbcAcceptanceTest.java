package io.tickettriage;

import io.tickettriage.state.TestDatabase;
import java.util.Optional;

/** The shared acceptance suite against Request Tracker, with the state in PostgreSQL (triage.state.store = jdbc). */
class RtJdbcAcceptanceTest extends RtAcceptanceTest {

    /** A fresh database per test: JUnit makes a new instance for each. */
    private final TestDatabase database = TestDatabase.fresh();

    @Override
    Optional<TestDatabase> stateDatabase() {
        return Optional.of(database);
    }
}
