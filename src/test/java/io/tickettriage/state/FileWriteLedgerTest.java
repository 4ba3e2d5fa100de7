package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.WritePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWriteLedgerTest {

    @TempDir
    Path state;

    private static WritePlan plan(String key, String token) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return new WritePlan(key, key.substring(key.indexOf(':') + 1), "subject", "2026-12-01T10:00:00Z", token,
                List.of(new PlannedCall("note", json.objectNode().put("body", "ref " + token), true),
                        new PlannedCall("fields", json.objectNode().put("group_id", 5), false)),
                key + " -> billing");
    }

    @Test
    void progressSurvivesARestartCallByCall() {
        try (FileWriteLedger ledger = FileWriteLedger.open(state)) {
            ledger.begin(plan("freshdesk:1", "t1"));
            ledger.attempting("freshdesk:1", "note");
            ledger.landed("freshdesk:1", "note");
            ledger.attempting("freshdesk:1", "fields");
            ledger.begin(plan("freshdesk:2", "t2"));
            ledger.attempting("freshdesk:2", "note");
            ledger.landed("freshdesk:2", "note");
            ledger.landed("freshdesk:2", "fields");
            ledger.finished("freshdesk:2");
        }

        try (FileWriteLedger reopened = FileWriteLedger.open(state)) {
            assertTrue(reopened.isWritten("freshdesk:2"));
            assertFalse(reopened.isWritten("freshdesk:1"));
            assertEquals(List.of(plan("freshdesk:1", "t1")), reopened.unfinished("freshdesk"));
            assertEquals(List.of(), reopened.unfinished("zammad"), "each help desk finishes its own");
            assertTrue(reopened.hasLanded("freshdesk:1", "note"));
            assertFalse(reopened.hasLanded("freshdesk:1", "fields"));
            assertTrue(reopened.wasAttempted("freshdesk:1", "fields"), "the PUT may have been sent");
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
    void aNoteThatLandedUnderAnAbandonedPlanIsNotPlannedAgain() {
        try (FileWriteLedger ledger = FileWriteLedger.open(state)) {
            ledger.begin(plan("otobo:3", "old"));
            ledger.landed("otobo:3", "note");
            ledger.abandoned("otobo:3");
            assertTrue(ledger.unfinished("otobo").isEmpty(), "an abandoned write is not resumed");

            ledger.begin(plan("otobo:3", "new"));

            assertTrue(ledger.hasLanded("otobo:3", "note"));
            assertFalse(ledger.hasLanded("otobo:3", "fields"));
            assertEquals(1, ledger.unfinished("otobo").size());
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
