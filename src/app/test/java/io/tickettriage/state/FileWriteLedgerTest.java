package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.triage.WriteLedger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file ledger: the shared contract, and what its journal adds (cut-short lines, compaction). */
class FileWriteLedgerTest extends WriteLedgerContract {

    @TempDir
    Path state;

    private FileWriteLedger open;

    @Override
    WriteLedger reopen() {
        close();
        open = FileWriteLedger.open(state);
        return open;
    }

    @AfterEach
    void close() {
        if (open != null) {
            open.close();
        }
    }

    @Test
    void aLineCutShortByACrashIsIgnored() throws IOException {
        try (FileWriteLedger ledger = FileWriteLedger.open(state)) {
            ledger.begin(plan("zammad:7", "t7"));
            ledger.attempting("zammad:7", "note");
        }
        Files.writeString(state.resolve("write-journal.jsonl"), "{\"event\":\"landed\",\"key\":\"zam",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (FileWriteLedger reopened = FileWriteLedger.open(state)) {
            assertTrue(reopened.wasAttempted("zammad:7", "note"));
            assertFalse(reopened.hasLanded("zammad:7", "note"), "the half line is not taken as a landing");
        }
    }

    @Test
    void theJournalHoldsOnlyOpenWritesAfterARestart() throws IOException {
        try (FileWriteLedger ledger = FileWriteLedger.open(state)) {
            for (int i = 0; i < 50; i++) {
                ledger.begin(plan("freshdesk:" + i, "t" + i));
                ledger.landed("freshdesk:" + i, "note");
                ledger.landed("freshdesk:" + i, "fields");
                ledger.finished("freshdesk:" + i);
            }
            ledger.begin(plan("freshdesk:99", "t99"));
        }
        try (FileWriteLedger reopened = FileWriteLedger.open(state)) {
            assertEquals(50, reopened.writtenCount());
        }
        assertEquals(1, Files.readAllLines(state.resolve("write-journal.jsonl")).size());
        assertEquals(50, Files.readAllLines(state.resolve("triaged-tickets.txt")).size());
    }
}
