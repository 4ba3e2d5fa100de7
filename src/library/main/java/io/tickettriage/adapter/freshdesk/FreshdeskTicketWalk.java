package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.ChangeTimes;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.triage.UnreadableTicket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.event.Level;

/**
 * One walk through {@code GET /api/v2/tickets}, oldest change first, for callers that fetch the pages themselves
 * through the {@link io.tickettriage.adapter.HelpDeskHttp} (the fetch Kamelet's bean, training). Not shared between
 * threads.
 *
 * <p>It follows the {@code Link: rel="next"} targets until there is none. Freshdesk refuses pages beyond the 300th, so before
 * asking for one it restarts at page 1 with {@code updated_since} moved to the newest change seen. {@code updated_since}
 * is inclusive, so tickets changed in that second come back after a restart: callers keep tickets by id.
 */
final class FreshdeskTicketWalk {

    /** The last page Freshdesk lists. */
    static final int PAGE_CAP = 300;
    /** The largest page Freshdesk serves. */
    static final int MAX_PER_PAGE = 100;

    /**
     * Told what the walk runs into, in words for the operator: a restart before the page cap (info), tickets of one
     * second that no restart can reach (warn), an unreadable ticket passed over (error). The caller decides where
     * the words go.
     */
    @FunctionalInterface
    interface Listener {
        void tell(Level level, String message);
    }

    /** Takes one readable ticket's JSON. */
    @FunctionalInterface
    interface TicketConsumer {
        void accept(JsonNode json);
    }

    private static final Pattern PAGE = Pattern.compile("[?&]page=(\\d+)");

    private final List<UnreadableTicket> unreadableTickets = new ArrayList<>();
    private final String baseUrl;
    private final int perPage;
    private final int pageCap;
    private final Listener listener;
    private final Clock clock;
    private Instant since;
    private Instant newest;
    private String nextUrl;
    private int pages;
    private int scanned;
    private int unreadable;

    FreshdeskTicketWalk(String baseUrl, int perPage, int pageCap, Instant updatedSince, Clock clock,
                        Listener listener) {
        requireValidPaging(perPage, pageCap);
        this.clock = clock;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.perPage = perPage;
        this.pageCap = pageCap;
        this.listener = listener;
        this.since = updatedSince.truncatedTo(ChronoUnit.SECONDS);
        this.newest = since;
        this.nextUrl = firstPage();
    }

    static void requireValidPaging(int perPage, int pageCap) {
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("Freshdesk page size must be 1.." + MAX_PER_PAGE + ", was " + perPage);
        }
        if (pageCap < 1) {
            throw new IllegalArgumentException("the Freshdesk page cap must be positive, was " + pageCap);
        }
    }

    boolean hasNext() {
        return nextUrl != null;
    }

    String nextUrl() {
        return nextUrl;
    }

    /** Ends the walk early; the caller resumes later from {@link #newest()}. */
    void stop() {
        nextUrl = null;
    }

    int pages() {
        return pages;
    }

    /** Tickets listed so far, readable or not, counting those listed again after a restart. */
    int scanned() {
        return scanned;
    }

    /** Tickets passed over because they could not be read. */
    int unreadable() {
        return unreadable;
    }

    /** The records passed over as unreadable so far, as they arrived. */
    List<UnreadableTicket> unreadableTickets() {
        return List.copyOf(unreadableTickets);
    }

    /** The newest {@code updated_at} seen, or the starting {@code updated_since} before any. */
    Instant newest() {
        return newest;
    }

    /**
     * Takes one page: hands each readable ticket on it to {@code ticket}, then works out the next page's URL. A record
     * that cannot be read (poison JSON, no plain numeric id, a change time that is not a time or lies in the future)
     * is kept as unreadable and moves neither {@link #newest()} nor the restart bound.
     *
     * @param page   the answered page, its records split one by one
     * @param ticket called once per readable ticket; an {@link IllegalArgumentException} from it passes that ticket
     *               over and is reported as unreadable
     */
    void accept(FreshdeskPage page, TicketConsumer ticket) {
        pages++;
        for (JsonRecords.Record record : page.records()) {
            scanned++;
            try {
                JsonNode json = record.json().orElseThrow(() -> new IllegalArgumentException("Freshdesk listed a "
                        + "record that cannot be read: " + record.problem().orElse("no detail")));
                FreshdeskTicketMapper.id(json);
                Instant updated = ChangeTimes.plausible(FreshdeskTicketMapper.updatedAt(json), clock,
                        "Freshdesk ticket " + json.path("id").asText() + "'s updated_at");
                ticket.accept(json);
                if (updated.isAfter(newest)) {
                    newest = updated;
                }
            } catch (IllegalArgumentException e) {
                // One unreadable ticket must not fail every walk from now on.
                unreadable++;
                unreadableTickets.add(new UnreadableTicket("freshdesk", record.id(), record.raw(), e.getMessage()));
                listener.tell(Level.ERROR, "Freshdesk listed a ticket that ticket-triage cannot read; it is kept as "
                        + "a dead letter: " + e.getMessage());
            }
        }
        nextUrl = page.next().map(this::beyondCap).orElse(null);
    }

    /** The next page's URL, or a restart from page 1 with a later {@code updated_since} when the cap is next. */
    private String beyondCap(String next) {
        int page = pageNumber(next);
        if (page <= pageCap) {
            return next;
        }
        if (!newest.isAfter(since)) {
            // Moving updated_since cannot get past tickets that all share one second.
            listener.tell(Level.WARN, "Freshdesk: more than " + pageCap + " pages of tickets share updated_at " + newest
                    + "; the rest of them is skipped");
            return null;
        }
        listener.tell(Level.INFO, "Freshdesk: page " + page + " is beyond the page cap; restarting the listing from "
                + "updated_since=" + newest);
        since = newest;
        return firstPage();
    }

    private String firstPage() {
        return baseUrl + "/api/v2/tickets?updated_since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8)
                + "&order_by=updated_at&order_type=asc&per_page=" + perPage + "&include=description";
    }

    private static int pageNumber(String url) {
        Matcher page = PAGE.matcher(url);
        return page.find() ? Integer.parseInt(page.group(1)) : 1;
    }
}
