package io.tickettriage.state;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class JdbcDeadLettersTest extends DeadLetterContract {

    private TestDatabase database;
    private StateDatabase open;

    @BeforeEach
    void openDatabase() {
        database = TestDatabase.fresh();
        open = database.open();
    }

    @AfterEach
    void closeDatabase() {
        open.close();
    }

    @Override
    DeadLetterShelf shelf() {
        return new JdbcDeadLetters(open);
    }

    @Override
    Map<String, String> letters() {
        return database.deadLetters();
    }
}
