package io.tickettriage.adapter.zammad;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * Paging through Zammad's ticket search sorted by {@code updated_at} ascending, by key rather than by page number:
 * after a full page the next query starts at the newest {@code updated_at} seen ({@code updated_at:[newest TO *]},
 * page 1). Deep page numbers would run into Elasticsearch's 10,000-result window, beyond which Zammad silently
 * answers nothing. Tickets of that same millisecond come again (callers keep tickets by id); only when a whole page
 * shares one millisecond does the walk keep its query and go to the next page number. Used by the fetch
 * ({@link ZammadListing}) and by training ({@link ZammadHistory}); not shared between threads.
 */
final class ZammadSearchWalk {

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

    int pages() {
        return pages;
    }

    /** Whether the walk ended at its page limit rather than at the search's end. */
    boolean stoppedEarly() {
        return stoppedEarly;
    }
}
