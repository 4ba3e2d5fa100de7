package io.tickettriage.state;

import org.junit.jupiter.api.BeforeEach;

class JdbcPersonalRecordsTest extends PersonalRecordsContract {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.fresh();
    }

    @Override
    StateStore openStore() {
        return new JdbcStateStore(database.open());
    }
}
