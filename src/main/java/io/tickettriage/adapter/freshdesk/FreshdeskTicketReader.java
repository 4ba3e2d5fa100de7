package io.tickettriage.adapter.freshdesk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        if (perPage < 1 || perPage > 100) {
            throw new IllegalArgumentException("Freshdesk perPage must be 1..100, was " + perPage);
        }
        if (maxPagesPerPoll < 1 || pageCap < 1) {
            throw new IllegalArgumentException("Freshdesk maxPagesPerPoll and pageCap must be positive");
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

    String firstPage(Instant updatedSince) {
        String since = updatedSince.truncatedTo(ChronoUnit.SECONDS).toString();
        return baseUrl + "/api/v2/tickets?updated_since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)
                + "&order_by=updated_at&order_type=asc&per_page=" + perPage + "&include=description";
    }

    FreshdeskTicketSelection selection() {
        return selection;
    }

    int maxPagesPerPoll() {
        return maxPagesPerPoll;
    }

    int pageCap() {
        return pageCap;
    }
}
