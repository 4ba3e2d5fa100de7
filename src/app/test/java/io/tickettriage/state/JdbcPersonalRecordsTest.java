package io.tickettriage.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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

    @Override
    String writeLedgerText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
                database.password());
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT plan FROM write_plan")) {
            while (rows.next()) {
                text.append(rows.getString(1)).append('\n');
            }
        }
        return text.toString();
    }
}
