package io.tickettriage.state;

import io.tickettriage.triage.PredictionLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class JdbcPredictionLogTest extends PredictionLogContract {

    private TestDatabase database;
    private StateDatabase open;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.fresh();
    }

    @Override
    PredictionLog reopen() {
        close();
        open = database.open();
        return new JdbcPredictionLog(open);
    }

    @AfterEach
    void close() {
        if (open != null) {
            open.close();
        }
    }
}
