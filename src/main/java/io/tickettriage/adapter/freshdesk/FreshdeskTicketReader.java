package io.tickettriage.adapter.freshdesk;

import java.time.Instant;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * The Java half of the {@code freshdesk-fetch-tickets-action} Kamelet: starts a {@link FreshdeskListing} per poll
 * and feeds it the pages the Kamelet fetches. Immutable and shared by all polls.
 */
public final class FreshdeskTicketReader {

    private final String baseUrl;
    private final int perPage;
    private final int maxPagesPerPoll;
    private final int pageCap;
    private final FreshdeskTicketSelection selection;

    public FreshdeskTicketReader(String baseUrl, int perPage, int maxPagesPerPoll, int pageCap, String statuses,
                                 boolean unassignedOnly, String markerTag) {
        // Checked here too, so that a bad Kamelet property stops the start rather than the first poll.
        FreshdeskTicketWalk.requireValidPaging(perPage, pageCap);
        if (maxPagesPerPoll < 1) {
            throw new IllegalArgumentException("Freshdesk maxPagesPerPoll must be positive, was " + maxPagesPerPoll);
        }
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.perPage = perPage;
        this.maxPagesPerPoll = maxPagesPerPoll;
        this.pageCap = pageCap;
        this.selection = FreshdeskTicketSelection.of(statuses, unassignedOnly, markerTag);
    }

    public FreshdeskListing start(Instant updatedSince) {
        return new FreshdeskListing(this, updatedSince);
    }

    public void readPage(@Variable("listing") FreshdeskListing listing, @Body String page,
                         @Header("Link") String link) {
        listing.accept(page, link);
    }

    FreshdeskTicketWalk walk(Instant updatedSince, FreshdeskTicketWalk.Listener listener) {
        return new FreshdeskTicketWalk(baseUrl, perPage, pageCap, updatedSince, listener);
    }

    FreshdeskTicketSelection selection() {
        return selection;
    }

    int maxPagesPerPoll() {
        return maxPagesPerPoll;
    }
}
