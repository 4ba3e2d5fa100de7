package io.tickettriage.adapter.freshdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshdeskListingTest {

    private final FreshdeskTicketReader reader =
            new FreshdeskTicketReader("https://acme.freshdesk.com", 100, 50, 300, "2", true, "triaged");

    @Test
    void anUnreadableTicketIsSkippedAndTheRestOfThePageIsKept() {
        FreshdeskListing listing = reader.start(Instant.parse("2026-01-01T00:00:00Z"));
        listing.accept("""
                [{"id":1,"subject":"a","status":2,"group_id":null,"tags":[],"updated_at":"2026-01-02T00:00:00Z"},
                 {"id":"x","subject":"no id","status":2,"group_id":null,"tags":[],"updated_at":"2026-01-02T00:00:01Z"},
                 {"id":3,"subject":"bad date","status":2,"group_id":null,"tags":[],"updated_at":"yesterday"},
                 {"id":4,"subject":"b","status":2,"group_id":null,"tags":[],"updated_at":"2026-01-03T00:00:00Z"}]
                """, null);
        TicketBatch batch = listing.toBatch();
        assertEquals(4, batch.scanned());
        assertEquals(List.of("1", "4"), batch.tickets().stream().map(Ticket::id).toList());
        assertEquals(Instant.parse("2026-01-03T00:00:00Z"), batch.watermark());
        assertFalse(listing.hasNext());
    }

    @Test
    void followsTheNextLinkAndStopsAfterTheLastPage() {
        FreshdeskListing listing = reader.start(Instant.parse("2026-01-01T00:00:00Z"));
        assertTrue(listing.nextUrl().startsWith("https://acme.freshdesk.com/api/v2/tickets?updated_since=2026-01-01T00"
                + "%3A00%3A00Z&order_by=updated_at&order_type=asc&per_page=100&include=description"));
        listing.accept("[]", "<https://acme.freshdesk.com/api/v2/tickets?page=2>; rel=\"next\"");
        assertEquals("https://acme.freshdesk.com/api/v2/tickets?page=2", listing.nextUrl());
        listing.accept("[]", null);
        assertFalse(listing.hasNext());
    }

    @Test
    void hugeBodiesAreCut() {
        Ticket ticket = new Ticket("freshdesk", "1", "s", "x".repeat(1_000_000), null, Instant.EPOCH);
        assertEquals(Ticket.MAX_BODY_CHARS, ticket.body().length());
    }
}
