package io.tickettriage.state;

import io.tickettriage.triage.WriteLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class JdbcWriteLedgerTest extends WriteLedgerContract {

    private TestDatabase database;
    private StateDatabase open;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.fresh();
    }

    /** A restart: a new pool and ledger on the same database. */
    @Override
    WriteLedger reopen() {
        close();
        open = database.open();
        return new JdbcWriteLedger(open);
    }

    @AfterEach
    void close() {
        if (open != null) {
            open.close();
        }
    }
}
