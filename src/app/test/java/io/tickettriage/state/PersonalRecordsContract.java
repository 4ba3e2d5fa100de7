package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.sim.MutableClock;
import io.tickettriage.triage.Outcome;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.Prediction;
import io.tickettriage.triage.PredictionLog;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.UnreadableTicket;
import io.tickettriage.triage.WritePlan;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStore} must do with the records about customers' tickets, written once: expire them after
 * their {@link Retention} ({@link RetentionPurge}, on a clock), and erase one ticket's ({@link StateStore#erase}).
 */
abstract class PersonalRecordsContract {

    private static final Instant START = Instant.parse("2026-11-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(START);
    private StateStore open;

    /** The store as a fresh start finds it. */
    abstract StateStore openStore();

    /** Everything the write ledger keeps, as text: what a purge must have taken the personal data out of. */
    abstract String writeLedgerText() throws Exception;

    /** The store again, the one opened before closed first (a restart). */
    StateStore reopen() {
        closeStore();
        open = openStore();
        return open;
    }

    @AfterEach
    void closeStore() {
        if (open != null) {
            open.close();
            open = null;
        }
    }

    private DeadLetterStore deadLetters(StateStore store) {
        return new DeadLetterStore(store.deadLetters(), UnaryOperator.identity(), clock, () -> { });
    }

    private static Ticket ticket(String id) {
        return new Ticket("freshdesk", id, "Refund for order " + id, "Please", List.of(), START);
    }

    private Prediction prediction(String key) {
        return new Prediction(key, START, "model-1", Map.of("queue", new HeadPrediction("queue",
                List.of(new ScoredLabel("billing", 0.91)))), Map.of("queue", "billing"), Set.of("queue"),
                clock.instant());
    }

    private static Outcome outcome(Prediction prediction) {
        return new Outcome(prediction.key(), prediction.version(), Map.of("queue", "sales"), Set.of("queue"),
                prediction.at().plusSeconds(60));
    }

    private static List<String> keys(PredictionLog log) {
        return log.since(Instant.EPOCH).stream().map(entry -> entry.prediction().key()).toList();
    }

    @Test
    void recordsOlderThanTheirRetentionArePurgedAndTheRestStaysAcrossARestart() {
        StateStore store = reopen();
        Prediction settled = prediction("freshdesk:1");
        Prediction waiting = prediction("freshdesk:2");
        store.predictions().record(settled);
        store.predictions().settle(outcome(settled));
        store.predictions().record(waiting);
        deadLetters(store).store(ticket("1"), new IllegalStateException("refused"));

        clock.advance(Duration.ofDays(20));
        Prediction recent = prediction("freshdesk:3");
        store.predictions().record(recent);
        store.predictions().settle(outcome(recent));
        deadLetters(store).store(ticket("3"), new IllegalStateException("refused"));

        clock.advance(Duration.ofDays(11));
        new RetentionPurge(store, new Retention(Optional.of(Duration.ofDays(30)), Optional.of(Period.ofDays(25))),
                clock).run();

        assertEquals(List.of("freshdesk:3"), keys(store.predictions()), "a prediction waiting for its outcome "
                + "expires too");
        assertTrue(deadLetters(store).isNew(ticket("1")), "the expired letter is gone");
        assertFalse(deadLetters(store).isNew(ticket("3")), "the recent letter stays");

        // Whatever is recorded after a purge is kept as before.
        Prediction later = prediction("freshdesk:4");
        store.predictions().record(later);

        StateStore restarted = reopen();
        assertEquals(List.of("freshdesk:3", "freshdesk:4"), keys(restarted.predictions()));
        assertTrue(restarted.predictions().settled(recent), "a kept prediction keeps its outcome");
        assertFalse(restarted.predictions().settled(settled));
        assertTrue(deadLetters(restarted).isNew(ticket("1")));
        assertFalse(deadLetters(restarted).isNew(ticket("3")));
    }

    @Test
    void recordsKeptForEverAreNotPurged() {
        StateStore store = reopen();
        store.predictions().record(prediction("freshdesk:1"));
        deadLetters(store).store(ticket("1"), new IllegalStateException("refused"));

        clock.advance(Duration.ofDays(3650));
        new RetentionPurge(store, new Retention(Optional.empty(), Optional.empty()), clock).run();

        assertEquals(List.of("freshdesk:1"), keys(store.predictions()));
        assertFalse(deadLetters(store).isNew(ticket("1")));
    }

    @Test
    void aPurgeLeavesOfAWriteTheHelpDeskRefusedOnlyWhichOfItsCallsLanded() throws Exception {
        StateStore store = reopen();
        store.writeLedger().begin(plan("freshdesk:6"));
        store.writeLedger().attempting("freshdesk:6", "note");
        store.writeLedger().landed("freshdesk:6", "note");
        store.writeLedger().abandoned("freshdesk:6");
        assertTrue(writeLedgerText().contains("jane@example.com"), writeLedgerText());

        new RetentionPurge(store, new Retention(Optional.empty(), Optional.empty()), clock).run();

        assertFalse(writeLedgerText().contains("jane@example.com"), writeLedgerText());
        assertFalse(writeLedgerText().contains("queue billing"), "nor the note: " + writeLedgerText());
        // The agent fixes the ticket and it is written again: its note, which landed, is not sent a second time.
        StateStore restarted = reopen();
        restarted.writeLedger().begin(plan("freshdesk:6"));
        assertTrue(restarted.writeLedger().hasLanded("freshdesk:6", "note"));
    }

    @Test
    void eraseRemovesOneTicketsRecordsAndKeepsOnlyTheMarkThatItWasWritten() {
        StateStore store = reopen();
        for (String id : List.of("7", "9")) {
            Prediction prediction = prediction("freshdesk:" + id);
            store.predictions().record(prediction);
            store.predictions().settle(outcome(prediction));
            deadLetters(store).store(ticket(id), new IllegalStateException("refused"));
            store.writeLedger().begin(plan("freshdesk:" + id));
            store.writeLedger().finished("freshdesk:" + id);
        }
        // The help desk also listed a record of ticket 7 that could not be read.
        deadLetters(store).keepUnreadable(new TicketBatch(List.of(), 1, START, List.of(new UnreadableTicket(
                "freshdesk", "7", "{\"id\":7,\"requester\":\"jane@example.com\"}", "no updated_at")), List.of()));
        store.writeLedger().begin(plan("freshdesk:8"));

        Erased seven = store.erase("freshdesk:7");
        Erased eight = store.erase("freshdesk:8");

        assertEquals(2, seven.deadLetters().size(), "its own letter and its unreadable record's: " + seven);
        assertEquals(1, seven.predictions());
        assertFalse(seven.writePlan());
        assertTrue(seven.written(), "the bare mark stays");
        assertEquals(new Erased("freshdesk:8", List.of(), 0, true, false), eight);
        assertEquals(new Erased("freshdesk:7", List.of(), 0, false, true), store.erase("freshdesk:7"),
                "nothing is left to erase");

        StateStore restarted = reopen();
        assertEquals(List.of("freshdesk:9"), keys(restarted.predictions()), "the other ticket's records stay");
        assertFalse(deadLetters(restarted).isNew(ticket("9")));
        assertTrue(deadLetters(restarted).isNew(ticket("7")));
        assertTrue(restarted.writeLedger().isWritten("freshdesk:7"), "never triaged, nor noted, a second time");
        assertTrue(restarted.writeLedger().isWritten("freshdesk:9"));
        assertEquals(Optional.empty(), restarted.writeLedger().openPlan("freshdesk:8"));
        assertEquals(List.of(), restarted.writeLedger().unfinished("freshdesk"));
    }

    private static WritePlan plan(String key) {
        return new WritePlan(key, key.substring(key.indexOf(':') + 1), "Refund for jane@example.com",
                START.toString(), WritePlan.newToken(), List.of(new PlannedCall("note",
                JSON.createObjectNode().put("body", "queue billing"), true)), key + " -> queue billing");
    }
}
