package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Paging through Zammad's ticket search sorted by {@code updated_at} ascending, by key rather than by page number:
 * after a full page the next query starts at the newest {@code updated_at} seen ({@code updated_at:[newest TO *]},
 * page 1). Deep page numbers would run into Elasticsearch's 10,000-result window, beyond which Zammad silently
 * answers nothing. Tickets of that same millisecond come again (callers keep tickets by id); only when a whole page
 * shares one millisecond does the walk keep its query and go to the next page number. Used by the fetch
 * ({@link ZammadListing}, {@link ZammadOutcomes}) and by training ({@link ZammadHistory}); not shared between threads.
 */
final class ZammadSearchWalk {

    /** Takes the tickets of a walk one by one ({@link #run}). */
    interface Visitor {

        /** @throws IllegalArgumentException when the ticket cannot be read after all */
        void ticket(JsonNode ticket, long id, Instant updated);

        void unreadable(String why);
    }

    private final String baseUrl;
    private final BiFunction<Instant, Boolean, String> query;
    private final int perPage;
    private final int maxPages;
    private Instant bound;
    private boolean inclusive;
    private int page = 1;
    private int pages;
    private boolean morePages = true;
    private boolean stoppedEarly;

    /**
     * @param query     the search query for tickets changed after a bound, or at it when the flag says inclusive
     * @param from      the first query's bound
     * @param inclusive whether the first query includes its bound
     * @param maxPages  the walk stops after this many pages, {@link #stoppedEarly()} then says so
     */
    ZammadSearchWalk(String baseUrl, BiFunction<Instant, Boolean, String> query, Instant from, boolean inclusive,
                     int perPage, int maxPages) {
        this.baseUrl = baseUrl;
        this.query = query;
        this.bound = from;
        this.inclusive = inclusive;
        this.perPage = perPage;
        this.maxPages = maxPages;
    }

    boolean hasNextPage() {
        return morePages;
    }

    String nextPageUrl() {
        return baseUrl + "/api/v1/tickets/search?query="
                + URLEncoder.encode(query.apply(bound, inclusive), StandardCharsets.UTF_8)
                + "&sort_by=updated_at&order_by=asc&expand=true&per_page=" + perPage + "&page=" + page;
    }

    /**
     * After a page.
     *
     * @param records the page's records, readable or not
     * @param first   the first readable ticket's change time, null when none was
     * @param last    the last readable ticket's change time
     * @param newest  the newest change time seen so far
     */
    void paged(int records, Instant first, Instant last, Instant newest) {
        pages++;
        if (records < perPage) {
            morePages = false;
        } else if (pages >= maxPages) {
            morePages = false;
            stoppedEarly = true;
        } else if (first == null || first.equals(last)) {
            // The whole page is one millisecond (or no readable time at all): starting again at it would return the
            // same page.
            page++;
        } else {
            bound = newest;
            inclusive = true;
            page = 1;
        }
    }

    /**
     * Walks the whole search through {@code http}, handing each ticket to {@code visitor} and calling
     * {@code afterPage} after each page.
     *
     * @param what   for messages, e.g. "searching tickets"
     * @param newest the newest change time seen before the walk
     * @return the newest change time seen
     */
    Instant run(HelpDeskHttp http, String what, Clock clock, Instant newest, Visitor visitor, Runnable afterPage) {
        Instant latest = newest;
        while (hasNextPage()) {
            List<JsonRecords.Record> page = http.send(HelpDeskHttp.Request.get(nextPageUrl(), what),
                    answer -> ZammadSearchPage.records(answer.body()));
            Instant first = null;
            Instant last = null;
            for (JsonRecords.Record record : page) {
                try {
                    JsonNode ticket = record.json().orElseThrow(() -> new IllegalArgumentException("Zammad listed a "
                            + "record that cannot be read: " + record.problem().orElse("no detail")));
                    long id = ZammadTicketMapper.id(ticket);
                    Instant updated = ZammadTicketMapper.updatedAt(ticket, clock);
                    first = first == null ? updated : first;
                    last = updated;
                    latest = updated.isAfter(latest) ? updated : latest;
                    visitor.ticket(ticket, id, updated);
                } catch (IllegalArgumentException e) {
                    visitor.unreadable(e.getMessage());
                }
            }
            paged(page.size(), first, last, latest);
            afterPage.run();
        }
        return latest;
    }

    int pages() {
        return pages;
    }

    /** Whether the walk ended at its page limit rather than at the search's end. */
    boolean stoppedEarly() {
        return stoppedEarly;
    }
}
