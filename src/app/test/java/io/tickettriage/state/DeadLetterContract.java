package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.config.SecretRedactor;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.UnreadableTicket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** What a {@link DeadLetterStore} must do on every {@link DeadLetterShelf}, written once. */
abstract class DeadLetterContract {

    private static final String SECRET = "key-7f3a9c21d4";

    /** The shelf as a fresh start finds it: a second call is the same letters after a restart. */
    abstract DeadLetterShelf shelf();

    /** Every letter kept, by its name, as JSON text. */
    abstract Map<String, String> letters() throws Exception;

    /** The letters every store of this test told it kept: what the desk's statistics count. */
    private final LongAdder kept = new LongAdder();

    private DeadLetterStore store() {
        return new DeadLetterStore(shelf(), new SecretRedactor(List.of(SECRET))::redact, Clock.systemUTC(), kept::increment);
    }

    /** What the route does with a batch's unreadable records: keeps those not kept before; how many it kept. */
    private int keepUnreadable(DeadLetterStore store, TicketBatch batch) {
        long before = kept.sum();
        assertEquals(batch, store.keepUnreadable(batch), "the batch is handed back");
        return Math.toIntExact(kept.sum() - before);
    }

    @Test
    void anUnreadableRecordIsKeptOnceEvenAcrossARestartWithSecretsBlanked() throws Exception {
        UnreadableTicket record = new UnreadableTicket("zammad", "", "{\"id\":\"x\",\"note\":\"" + SECRET + "\"}",
                "ticket id 'x' is not a number");
        TicketBatch batch = new TicketBatch(List.of(), 1, Instant.EPOCH, List.of(record), List.of());

        assertEquals(1, keepUnreadable(store(), batch));
        assertEquals(0, keepUnreadable(store(), batch));

        Map<String, String> letters = letters();
        assertEquals(1, letters.size());
        String letter = letters.values().iterator().next();
        assertTrue(letter.contains("is not a number"), letter);
        assertFalse(letter.contains(SECRET), letter);
    }

    @Test
    void anUnreadableRecordWithAnIdIsTheSameDeadLetterWhateverElseChanges() throws Exception {
        DeadLetterStore store = store();
        keepUnreadable(store, new TicketBatch(List.of(), 1, Instant.EPOCH, List.of(
                new UnreadableTicket("otobo", "3101", "{\"TicketID\":\"3101\",\"Age\":10}", "bad Changed")), List.of()));
        keepUnreadable(store, new TicketBatch(List.of(), 1, Instant.EPOCH, List.of(
                new UnreadableTicket("otobo", "3101", "{\"TicketID\":\"3101\",\"Age\":20}", "bad Changed")), List.of()));

        assertEquals(1, letters().size());
    }

    @Test
    void aTicketVersionThatFailedForGoodIsNotNewAgainUntilItChangesEvenAfterARestart() {
        Ticket ticket = new Ticket("freshdesk", "42", "Refund", "Please", List.of(), Instant.parse("2026-01-01T10:00:00Z"));
        store().store(ticket, new IllegalStateException("refused"));
        assertEquals(1, kept.sum(), "a kept ticket is counted");

        DeadLetterStore restarted = store();
        assertFalse(restarted.isNew(ticket));
        assertTrue(restarted.isNew(new Ticket("freshdesk", "42", "Refund", "Please", List.of(),
                Instant.parse("2026-01-01T10:05:00Z"))));
    }

    @Test
    void recordsWithUnsafeIdsAreKeptUnderSafeNamesOnceEach() throws Exception {
        List<String> ids = List.of("../../x", "a".repeat(300), "nul\u0000id", "/etc/passwd", "..");
        List<UnreadableTicket> records = ids.stream().map(id -> new UnreadableTicket("freshdesk", id,
                "{\"id\":\"" + id + "\"}", "the id is not a number")).toList();

        keepUnreadable(store(), new TicketBatch(List.of(), ids.size(), Instant.EPOCH, records, List.of()));

        Map<String, String> letters = letters();
        assertEquals(ids.size(), letters.size(), "every record is kept, none dropped: " + letters.keySet());
        for (String name : letters.keySet()) {
            assertTrue(name.matches("[A-Za-z0-9._-]{1,140}"), name);
        }
        assertEquals(0, keepUnreadable(store(), new TicketBatch(List.of(), ids.size(), Instant.EPOCH, records, List.of())),
                "none kept again after a restart");
        assertEquals(ids.size(), letters().size(), "kept once, across a restart");
    }
}
