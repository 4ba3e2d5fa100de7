package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.triage.TicketBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fetch side's worker: one poll's walk through the search ({@link ZammadListing}), then each selected ticket's
 * articles, every call through the shared {@link HelpDeskHttp}. Pages are read inside the client's reader, so a page
 * cut short is fetched again rather than read again. Immutable and shared by all polls.
 */
final class ZammadTicketReader {

    /** The largest page Zammad's ticket search serves. */
    static final int MAX_PER_PAGE = 200;

    private final HelpDeskHttp http;
    private final int perPage;
    private final int maxPagesPerPoll;
    private final ZammadSelection selection;
    private final Duration overlap;
    private final Optional<NamedLabels> labels;
    private final Clock clock;

    /** @param labels the mappings to read outcomes with; empty: no outcomes */
    ZammadTicketReader(HelpDeskHttp http, int perPage, int maxPagesPerPoll,
                       ZammadSelection selection, Duration overlap, Optional<NamedLabels> labels, Clock clock) {
        this.http = http;
        this.perPage = perPage;
        this.maxPagesPerPoll = maxPagesPerPoll;
        this.selection = selection;
        this.overlap = overlap;
        this.labels = labels;
        this.clock = clock;
    }

    /**
     * The tickets changed after {@code watermark} (less the overlap) that need triage, and what the others carry
     * when the labels are given. Any call failing beyond its retries fails the whole fetch, the outcome search's
     * too: it runs first, so nothing has been fetched, and the next poll reads it all again from the same watermark.
     */
    TicketBatch fetch(Instant watermark) {
        http.reopen();
        Optional<ZammadOutcomes> outcomes = labels.map(mappings -> ZammadOutcomes.read(http, mappings,
                watermark, overlap, perPage, maxPagesPerPoll, clock));
        ZammadListing listing = new ZammadListing(this, watermark, clock);
        while (listing.hasNextPage()) {
            listing.acceptPage(http.send(HelpDeskHttp.Request.get(listing.nextPageUrl(), "searching tickets"),
                    answer -> ZammadSearchPage.records(answer.body())));
        }
        // The whole search first, then the articles: nothing is written before the fetch is done.
        while (listing.needsArticles()) {
            long id = listing.nextArticles();
            try {
                listing.acceptArticles(articles(http, id));
            } catch (HelpDeskApiException e) {
                if (e.isUnavailable()) {
                    // Failing beyond every retry for this one ticket: the others go on, and the watermark stops
                    // short of it so that the next poll lists it again.
                    listing.postponeArticles(e.getMessage());
                    continue;
                }
                // Zammad's "Not authorized" for this one ticket: kept as a dead letter, the others go on. Anything
                // else (a ticket deleted since the search: 404) fails this poll, and the next one searches again.
                if (!e.isRejected() || e.getStatusCode() != 403) {
                    throw e;
                }
                listing.refusedArticles("Zammad refused to show its articles: " + e.getMessage());
            }
        }
        return listing.toBatch(outcomes);
    }

    /**
     * The ticket's readable articles ({@code GET /api/v1/ticket_articles/by_ticket/{id}}), oldest first; an article
     * no JSON reader accepts is left out. A refusal concerns this ticket only, unless Zammad says otherwise.
     */
    static List<JsonNode> articles(HelpDeskHttp http, long id) {
        return http.send(HelpDeskHttp.Request.get(http.baseUrl() + "/api/v1/ticket_articles/by_ticket/" + id,
                "reading the articles of ticket " + id).aboutOneTicket(true),
                answer -> readable(JsonRecords.split(answer.body(), null, "id")));
    }

    private static List<JsonNode> readable(List<JsonRecords.Record> records) {
        List<JsonNode> articles = new ArrayList<>();
        records.stream().map(JsonRecords.Record::json).flatMap(Optional::stream).forEach(articles::add);
        return articles;
    }

    String baseUrl() {
        return http.baseUrl();
    }

    int perPage() {
        return perPage;
    }

    int maxPagesPerPoll() {
        return maxPagesPerPoll;
    }

    ZammadSelection selection() {
        return selection;
    }

    Duration overlap() {
        return overlap;
    }
}
