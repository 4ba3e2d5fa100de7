package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.WriteLedger;
import io.tickettriage.triage.WritePlan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link WriteLedger} must do, written once; each implementation's test says how it is (re)opened. */
abstract class WriteLedgerContract {

    /** The ledger as a fresh start finds it: the one opened before, if any, is closed first (a restart). */
    abstract WriteLedger reopen();

    static WritePlan plan(String key, String token) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return new WritePlan(key, key.substring(key.indexOf(':') + 1), "subject", "2026-12-01T10:00:00Z", token,
                List.of(new PlannedCall("note", json.objectNode().put("body", "ref " + token), true),
                        new PlannedCall("fields", json.objectNode().put("group_id", 5), false)),
                key + " -> billing");
    }

    @Test
    void progressSurvivesARestartCallByCall() {
        WriteLedger ledger = reopen();
        ledger.begin(plan("freshdesk:1", "t1"));
        ledger.attempting("freshdesk:1", "note");
        ledger.landed("freshdesk:1", "note");
        ledger.attempting("freshdesk:1", "fields");
        ledger.begin(plan("freshdesk:2", "t2"));
        ledger.attempting("freshdesk:2", "note");
        ledger.landed("freshdesk:2", "note");
        ledger.landed("freshdesk:2", "fields");
        ledger.finished("freshdesk:2");

        WriteLedger reopened = reopen();
        assertTrue(reopened.isWritten("freshdesk:2"));
        assertFalse(reopened.isWritten("freshdesk:1"));
        assertEquals(List.of(plan("freshdesk:1", "t1")), reopened.unfinished("freshdesk"));
        assertEquals(Optional.of(plan("freshdesk:1", "t1")), reopened.openPlan("freshdesk:1"));
        assertEquals(Optional.empty(), reopened.openPlan("freshdesk:2"), "a finished write is no longer open");
        assertEquals(List.of(), reopened.unfinished("zammad"), "each help desk finishes its own");
        assertTrue(reopened.hasLanded("freshdesk:1", "note"));
        assertFalse(reopened.hasLanded("freshdesk:1", "fields"));
        assertTrue(reopened.wasAttempted("freshdesk:1", "fields"), "the PUT may have been sent");
        assertFalse(reopened.wasAttempted("freshdesk:1", "marker"));
        assertTrue(reopened.hasLanded("freshdesk:2", "fields"), "every call of a written ticket landed");
    }

    @Test
    void aNoteThatLandedUnderAnAbandonedPlanIsNotPlannedAgain() {
        WriteLedger ledger = reopen();
        ledger.begin(plan("otobo:3", "old"));
        ledger.landed("otobo:3", "note");
        ledger.landed("otobo:3", "fields");
        ledger.abandoned("otobo:3");
        assertTrue(ledger.unfinished("otobo").isEmpty(), "an abandoned write is not resumed");
        assertEquals(Optional.empty(), ledger.openPlan("otobo:3"));

        ledger.begin(plan("otobo:3", "new"));

        WriteLedger reopened = reopen();
        assertTrue(reopened.hasLanded("otobo:3", "note"));
        assertFalse(reopened.hasLanded("otobo:3", "fields"), "a call that may be sent again is sent again");
        assertEquals(List.of(plan("otobo:3", "new")), reopened.unfinished("otobo"));
    }

    @Test
    void unfinishedWritesComeOldestFirstAndAPlanBegunAgainIsTheNewest() {
        WriteLedger ledger = reopen();
        ledger.begin(plan("zammad:1", "a"));
        ledger.begin(plan("zammad:2", "b"));
        ledger.begin(plan("zammad:3", "c"));
        ledger.begin(plan("zammad:1", "d"));

        assertEquals(List.of(plan("zammad:2", "b"), plan("zammad:3", "c"), plan("zammad:1", "d")),
                reopen().unfinished("zammad"));
    }

    @Test
    void aCallOfAWriteThatWasNeverBegunIsAMistake() {
        WriteLedger ledger = reopen();

        assertThrows(IllegalStateException.class, () -> ledger.attempting("freshdesk:9", "note"));
        assertThrows(IllegalStateException.class, () -> ledger.landed("freshdesk:9", "note"));
        assertThrows(IllegalStateException.class, () -> ledger.abandoned("freshdesk:9"));
        assertFalse(ledger.isWritten("freshdesk:9"));
    }
}
