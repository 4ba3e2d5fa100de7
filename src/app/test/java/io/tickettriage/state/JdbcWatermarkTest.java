package io.tickettriage.state;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class JdbcWatermarkTest extends WatermarkContract {

    private StateDatabase database;

    @BeforeEach
    void openDatabase() {
        database = TestDatabase.fresh().open();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    WatermarkStorage storage(String helpdesk) {
        return new JdbcWatermark(database, helpdesk);
    }
}
