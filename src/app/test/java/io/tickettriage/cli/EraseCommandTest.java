package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.state.FileStateStore;
import io.tickettriage.state.JdbcStateStore;
import io.tickettriage.state.StateStore;
import io.tickettriage.state.TestDatabase;
import io.tickettriage.triage.Outcome;
import io.tickettriage.triage.Prediction;
import io.tickettriage.triage.WritePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code erase} on the state a service left behind, in files and in PostgreSQL. */
class EraseCommandTest {

    private static final Instant VERSION = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    /** What a service records of a ticket it triaged, wrote and later failed on: every kind of record. */
    private static void triaged(StateStore store, String id) {
        String key = "freshdesk:" + id;
        Prediction prediction = new Prediction(key, VERSION, "abc123", Map.of("queue", new HeadPrediction("queue",
                List.of(new ScoredLabel("billing", 0.9)))), Map.of("queue", "billing"), Set.of("queue"), VERSION);
        store.predictions().record(prediction);
        store.predictions().settle(new Outcome(key, VERSION, Map.of("queue", "sales"), Set.of("queue"), VERSION));
        store.writeLedger().begin(new WritePlan(key, id, "Refund for jane@example.com", VERSION.toString(),
                WritePlan.newToken(), List.of(), key + " -> queue billing"));
        store.writeLedger().finished(key);
        // As the dead-letter store keeps a ticket the help desk refused after the write (an agent changed it).
        store.deadLetters().keep("20261201T100009.000Z-" + key.replace(':', '-') + ".json", key + "@" + VERSION,
                VERSION, "{\"ticket\":\"" + key + "\",\"subject\":\"Refund for jane@example.com\","
                        + "\"ticketUpdatedAt\":\"" + VERSION + "\",\"failedAt\":\"" + VERSION + "\"}");
    }

    private static String records(StateStore store) {
        return store.predictions().since(Instant.EPOCH).stream().map(entry -> entry.prediction().key())
                .collect(Collectors.joining(","));
    }

    @Test
    void theFileStoreLosesTheTicketsRecordsButItsWrittenMark() throws Exception {
        Path state = dir.resolve("state");
        try (StateStore store = FileStateStore.open(state)) {
            triaged(store, "7");
            triaged(store, "9");
        }

        ToolRun run = ToolRun.of("", "erase", "--ticket", "freshdesk:7", "--state", state.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Erased the records of freshdesk:7 from " + state.toAbsolutePath()), run.out());
        assertTrue(run.out().contains("dead letters removed: 1 ("), run.out());
        assertTrue(run.out().contains("predictions removed (with their outcomes): 1"), run.out());
        assertTrue(run.out().contains("kept: the write ledger's mark that freshdesk:7 was written"), run.out());
        try (StateStore store = FileStateStore.open(state)) {
            assertEquals("freshdesk:9", records(store));
            assertTrue(store.writeLedger().isWritten("freshdesk:7"));
        }
        try (var letters = Files.list(state.resolve("dead-letter"))) {
            assertEquals(1, letters.count(), "ticket 9's letter stays");
        }
    }

    @Test
    void theDatabaseStoreLosesTheTicketsRecordsButItsWrittenMark() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        try (StateStore store = new JdbcStateStore(database.open())) {
            triaged(store, "7");
            triaged(store, "9");
        }
        Path config = dir.resolve("application.properties");
        Files.writeString(config, database.properties().entrySet().stream()
                .map(setting -> setting.getKey() + " = " + setting.getValue()).collect(Collectors.joining("\n")));

        ToolRun run = ToolRun.of("", "erase", "--ticket", "freshdesk:7", "--config", config.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Erased the records of freshdesk:7 from PostgreSQL at"), run.out());
        assertTrue(run.out().contains("dead letters removed: 1 ("), run.out());
        assertTrue(run.out().contains("predictions removed (with their outcomes): 1"), run.out());
        assertFalse(run.out().contains(TestDatabase.PASSWORD), run.out());
        assertEquals(1, database.deadLetters().size(), "ticket 9's letter stays");
        assertFalse(database.deadLetters().values().iterator().next().contains("\"freshdesk:7\""));
        try (StateStore store = new JdbcStateStore(database.open())) {
            assertEquals("freshdesk:9", records(store));
            assertTrue(store.writeLedger().isWritten("freshdesk:7"));
        }
    }

    @Test
    void aStateDirectoryTheServiceHoldsIsRefusedWithWhatToDo() throws Exception {
        Path state = dir.resolve("state");
        try (StateStore running = FileStateStore.open(state)) {
            ToolRun run = ToolRun.of("", "erase", "--ticket", "freshdesk:7", "--state", state.toString());

            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("the service is running with the state directory"), run.err());
            assertTrue(run.err().contains("stop it, erase, and start it again"), run.err());
        }
    }

    @Test
    void aTicketThatIsNoDeskAndIdOrAStateDirectoryThatIsNotThereIsRefused() {
        ToolRun bare = ToolRun.of("", "erase", "--ticket", "4711", "--state", dir.toString());
        assertEquals(2, bare.exitCode());
        assertTrue(bare.err().contains("--ticket must be <desk>:<id>, e.g. freshdesk:4711, was '4711'"), bare.err());

        ToolRun missing = ToolRun.of("", "erase", "--ticket", "freshdesk:1", "--state", dir.resolve("nope").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("there is no state directory"), missing.err());
        assertFalse(Files.exists(dir.resolve("nope")), "none is created");
    }
}
