package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.triage.WritePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePersonalRecordsTest extends PersonalRecordsContract {

    @TempDir
    Path state;

    @Override
    StateStore openStore() {
        return FileStateStore.open(state);
    }

    @Override
    String writeLedgerText() throws Exception {
        return Files.readString(state.resolve("write-journal.jsonl"));
    }

    @Test
    void anErasedOpenWriteLeavesTheJournalAtOnceAndNoTemporaryFileIsLeft() throws Exception {
        StateStore store = reopen();
        store.writeLedger().begin(new WritePlan("freshdesk:8", "8", "Refund for jane@example.com",
                "2026-11-01T08:00:00Z", "token", List.of(), "freshdesk:8 -> queue billing"));
        assertTrue(Files.readString(state.resolve("write-journal.jsonl")).contains("jane@example.com"));

        store.erase("freshdesk:8");

        assertFalse(Files.readString(state.resolve("write-journal.jsonl")).contains("freshdesk:8"),
                "gone while the store is open, not only at its next start");
        try (var files = Files.list(state)) {
            assertEquals(0, files.filter(f -> f.toString().endsWith(".tmp")).count());
        }
    }

    @Test
    void eachPurgeDropsThePlansOfFinishedWritesFromTheJournal() throws Exception {
        StateStore store = reopen();
        store.writeLedger().begin(new WritePlan("freshdesk:5", "5", "Refund for jane@example.com",
                "2026-11-01T08:00:00Z", "token", List.of(), "freshdesk:5 -> queue billing"));
        store.writeLedger().finished("freshdesk:5");
        assertTrue(Files.readString(state.resolve("write-journal.jsonl")).contains("jane@example.com"));

        new RetentionPurge(store, new Retention(Optional.empty(), Optional.empty()),
                Clock.systemUTC()).run();

        assertEquals("", Files.readString(state.resolve("write-journal.jsonl")));
        assertTrue(store.writeLedger().isWritten("freshdesk:5"));
        assertTrue(reopen().writeLedger().isWritten("freshdesk:5"));
    }
}
