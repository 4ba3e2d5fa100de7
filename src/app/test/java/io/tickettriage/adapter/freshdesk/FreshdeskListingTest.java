package io.tickettriage.adapter.freshdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HttpPolicy;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.UnreadableTicket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class FreshdeskListingTest {

    private static final Instant NOW = Instant.parse("2026-01-05T00:00:00Z");
    private final FreshdeskTicketReader reader = new FreshdeskTicketReader(
            new HelpDeskHttp(new DefaultCamelContext(), FreshdeskHttp.desk("key"), "https://acme.freshdesk.com", HttpPolicy.DEFAULT,
                    HelpDeskHttp.Pacer.NONE, HelpDeskHttp.Pause.REAL_TIME),
            100, 50, 300, FreshdeskTicketSelection.of("2", true, "triaged"), java.util.Optional::empty,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static FreshdeskPage page(String body, String link) {
        return FreshdeskPage.READER.read(new HelpDeskHttp.Answer(200,
                link == null ? Map.of() : Map.of("Link", List.of(link)), body));
    }

    @Test
    void anUnreadableTicketIsSkippedAndTheRestOfThePageIsKept() {
        FreshdeskListing listing = reader.start(Instant.parse("2026-01-01T00:00:00Z"));
        listing.accept(page("""
                [{"id":1,"subject":"a","status":2,"group_id":null,"tags":[],"updated_at":"2026-01-02T00:00:00Z"},
                 {"id":"x","subject":"no id","status":2,"group_id":null,"tags":[],"updated_at":"2026-01-02T00:00:01Z"},
                 {"id":3,"subject":"bad date","status":2,"group_id":null,"tags":[],"updated_at":"yesterday"},
                 {"id":4,"subject":"b","status":2,"group_id":null,"tags":[],"updated_at":"2026-01-03T00:00:00Z"}]
                """, null));
        TicketBatch batch = listing.toBatch();
        assertEquals(4, batch.scanned());
        assertEquals(List.of("1", "4"), batch.tickets().stream().map(Ticket::id).toList());
        assertEquals(Instant.parse("2026-01-03T00:00:00Z"), batch.watermark());
        assertEquals(2, batch.unreadable().size());
        assertFalse(listing.hasNext());
    }

    @Test
    void poisonUnsafeIdsAndFarFutureTimesAreDeadLettersAndMoveNoWatermark() {
        String deep = "[".repeat(2_000) + "]".repeat(2_000);
        FreshdeskListing listing = reader.start(Instant.parse("2026-01-01T00:00:00Z"));
        listing.accept(page("[{\"id\":7,\"status\":2,\"group_id\":null,\"tags\":[],\"updated_at\":\"2026-01-02T00:00:00Z\","
                + "\"custom_fields\":{\"cf_x\":" + deep + "}},"
                + "{\"id\":\"../../x\",\"status\":2,\"group_id\":null,\"tags\":[],\"updated_at\":\"2026-01-02T00:00:00Z\"},"
                + "{\"id\":\"" + "9".repeat(300) + "\",\"status\":2,\"tags\":[],\"updated_at\":\"2026-01-02T00:00:00Z\"},"
                + "{\"id\":\"a\\u0000b\",\"status\":2,\"tags\":[],\"updated_at\":\"2026-01-02T00:00:00Z\"},"
                + "{\"id\":8,\"status\":2,\"group_id\":null,\"tags\":[],\"updated_at\":\"2099-01-01T00:00:00Z\"},"
                + "{\"id\":9,\"status\":2,\"group_id\":null,\"tags\":[],\"updated_at\":\"2026-01-04T00:00:00Z\"}]",
                null));
        TicketBatch batch = listing.toBatch();
        assertEquals(List.of("9"), batch.tickets().stream().map(Ticket::id).toList());
        assertEquals(5, batch.unreadable().size(), batch.unreadable().toString());
        assertEquals(Instant.parse("2026-01-04T00:00:00Z"), batch.watermark(), "2099 moved nothing");
        assertTrue(batch.unreadable().stream().map(UnreadableTicket::reason)
                .anyMatch(r -> r.contains("more than a day ahead")));
        assertTrue(batch.unreadable().stream().map(UnreadableTicket::reason)
                .anyMatch(r -> r.contains("exceeds what a JSON reader accepts")), batch.unreadable().toString());
    }

    @Test
    void aPageThatIsNotJsonIsUnreadableSoTheClientFetchesItAgain() {
        assertThrows(HelpDeskHttp.UnreadableAnswer.class, () -> page("[{\"id\":1,\"subject\":\"cut", null));
    }

    @Test
    void theTagsRideOnTheTicketAndValuesThatAreNotStringsAreDropped() {
        FreshdeskListing listing = reader.start(Instant.parse("2026-01-01T00:00:00Z"));
        listing.accept(page("[{\"id\":1,\"status\":2,\"group_id\":null,\"tags\":[1,null,\"VIP \\\"x\\\"\",{},[],true,"
                + "\"ok\",1.10],\"updated_at\":\"2026-01-02T00:00:00Z\"},"
                + "{\"id\":2,\"status\":2,\"group_id\":null,\"tags\":[],\"updated_at\":\"2026-01-02T00:00:00Z\"}]", null));
        List<Ticket> tickets = listing.toBatch().tickets();
        assertEquals(List.of("VIP \"x\"", "ok"), tickets.get(0).tags());
        assertTrue(tickets.get(0).tagsKnown());
        assertEquals(List.of(), tickets.get(1).tags());
        assertTrue(tickets.get(1).tagsKnown(), "no tags is a list too");
    }

    @Test
    void tagsThatAreNotAListAreUnknownNotEmpty() {
        FreshdeskListing listing = reader.start(Instant.parse("2026-01-01T00:00:00Z"));
        listing.accept(page("[{\"id\":1,\"status\":2,\"group_id\":null,\"tags\":\"vip,urgent\","
                + "\"updated_at\":\"2026-01-02T00:00:00Z\"},"
                + "{\"id\":2,\"status\":2,\"group_id\":null,\"updated_at\":\"2026-01-02T00:00:00Z\"}]", null));
        List<Ticket> tickets = listing.toBatch().tickets();
        assertEquals(List.of(false, false), tickets.stream().map(Ticket::tagsKnown).toList());
        assertEquals(List.of(), tickets.get(0).tags());
    }

    @Test
    void followsTheNextLinkAndStopsAfterTheLastPage() {
        FreshdeskListing listing = reader.start(Instant.parse("2026-01-01T00:00:00Z"));
        assertTrue(listing.nextUrl().startsWith("https://acme.freshdesk.com/api/v2/tickets?updated_since=2026-01-01T00"
                + "%3A00%3A00Z&order_by=updated_at&order_type=asc&per_page=100&include=description"));
        listing.accept(page("[]", "<https://acme.freshdesk.com/api/v2/tickets?page=2>; rel=\"next\""));
        assertEquals("https://acme.freshdesk.com/api/v2/tickets?page=2", listing.nextUrl());
        listing.accept(page("[]", null));
        assertFalse(listing.hasNext());
    }

    @Test
    void hugeBodiesAreCut() {
        Ticket ticket = new Ticket("freshdesk", "1", "s", "x".repeat(1_000_000), null, Instant.EPOCH);
        assertEquals(Ticket.MAX_BODY_CHARS, ticket.body().length());
    }
}
