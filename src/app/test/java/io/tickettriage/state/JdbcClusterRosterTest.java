package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcClusterRosterTest {

    private StateDatabase database;

    @BeforeEach
    void openDatabase() {
        database = TestDatabase.fresh().open();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void theLivingNodesWithTheDesksTheyLeadAndNoneThatLeftOrFellSilent() throws Exception {
        JdbcClusterRoster roster = new JdbcClusterRoster(database);
        roster.renew("node-1", Set.of("it", "customers"));
        roster.renew("node-2", Set.of());
        roster.renew("node-3", Set.of("partners"));
        assertEquals(Map.of("node-1", Set.of("customers", "it"), "node-2", Set.of(), "node-3", Set.of("partners")),
                roster.living(Duration.ofSeconds(10)));

        // A renewal replaces what the node led; a node that leaves is gone at once.
        roster.renew("node-1", Set.of("it"));
        roster.leave("node-3");
        assertEquals(Map.of("node-1", Set.of("it"), "node-2", Set.of()), roster.living(Duration.ofSeconds(10)));

        // One that stops renewing ages out.
        Thread.sleep(600);
        roster.renew("node-2", Set.of("customers"));
        assertEquals(Map.of("node-2", Set.of("customers")), roster.living(Duration.ofMillis(500)));
    }
}
