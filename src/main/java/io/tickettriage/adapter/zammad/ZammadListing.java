package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.UnreadableTicket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll's walk through Zammad's ticket search, then through the selected tickets' articles. Lives in an
 * exchange variable for the length of the poll; not shared between threads.
 *
 * <p>The search is sorted by {@code updated_at} ascending and walked by key, not by page number: after a full page
 * the next query starts at the newest {@code updated_at} seen ({@code updated_at:[newest TO *]}, page 1). Deep
 * page numbers would run into Elasticsearch's 10,000-result window, beyond which Zammad silently answers nothing.
 * Tickets of that same millisecond come again and are kept once; only when a whole page shares one millisecond does
 * the walk keep its query and go to the next page number. The poll's first query excludes the watermark itself
 * ({@code updated_at:{watermark TO *]}), so a ticket refused at the watermark is not tried again on every poll.
 *
 * <p>A poll reads at most {@code maxPages} search pages; the batch's watermark then stops one millisecond short of
 * the newest ticket seen, so the next poll starts with the rest of that millisecond.
 */
public final class ZammadListing {

    private static final Logger LOG = LoggerFactory.getLogger(ZammadListing.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZammadTicketReader reader;
    private final Map<Long, JsonNode> selected = new LinkedHashMap<>();
    private final List<UnreadableTicket> unreadable = new ArrayList<>();
    private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private Deque<Long> withoutBody;
    private Instant bound;
    private boolean inclusive;
    private int page = 1;
    private Instant newest;
    private boolean morePages = true;
    private boolean stoppedEarly;
    private int pages;
    private int scanned;

    ZammadListing(ZammadTicketReader reader, Instant watermark) {
        this.reader = reader;
        this.newest = watermark;
        this.bound = watermark.minus(reader.overlap());
    }

    public boolean hasNextPage() {
        return morePages;
    }

    public String nextPageUrl() {
        return reader.baseUrl() + "/api/v1/tickets/search?query="
                + URLEncoder.encode(reader.selection().query(bound, inclusive), StandardCharsets.UTF_8)
                + "&sort_by=updated_at&order_by=asc&expand=true&per_page=" + reader.perPage() + "&page=" + page;
    }

    /** Takes one answer of the search. */
    public void acceptPage(String body) {
        List<JsonNode> found = ZammadSearchPage.tickets(body);
        pages++;
        Instant first = null;
        Instant last = null;
        for (JsonNode ticket : found) {
            scanned++;
            try {
                Instant updated = ZammadTicketMapper.updatedAt(ticket);
                first = first == null ? updated : first;
                last = updated;
                if (updated.isAfter(newest)) {
                    newest = updated;
                }
                long id = ZammadTicketMapper.id(ticket);
                if (reader.selection().stillMatches(ticket)) {
                    selected.putIfAbsent(id, ticket);
                }
            } catch (IllegalArgumentException e) {
                // One unreadable ticket must not fail every poll from now on; the dead-letter store keeps it.
                unreadable.add(new UnreadableTicket("zammad", ticket.path("id").asText(""), ticket.toString(),
                        e.getMessage()));
                LOG.error("Zammad listed a ticket that ticket-triage cannot read; it is skipped: {}", e.getMessage());
            }
        }
        if (found.size() < reader.perPage()) {
            morePages = false;
        } else if (pages >= reader.maxPagesPerPoll()) {
            morePages = false;
            stoppedEarly = true;
            LOG.info("Zammad: read {} search pages this poll; the next poll continues from {}", pages, newest);
        } else if (first != null && first.equals(last)) {
            // The whole page is one millisecond: starting again at it would return the same page.
            page++;
        } else {
            bound = newest;
            inclusive = true;
            page = 1;
        }
    }

    /** Once the search is done: whether a selected ticket still needs its first article. */
    public boolean needsArticles() {
        if (morePages) {
            return false;
        }
        if (withoutBody == null) {
            withoutBody = new ArrayDeque<>(selected.keySet());
        }
        return !withoutBody.isEmpty();
    }

    public String nextArticlesUrl() {
        return reader.baseUrl() + "/api/v1/ticket_articles/by_ticket/" + withoutBody.peek();
    }

    /** Takes the articles of the ticket {@link #nextArticlesUrl()} named. */
    public void acceptArticles(String body) {
        long id = withoutBody.remove();
        JsonNode articles;
        try {
            articles = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new UncheckedIOException("Zammad answered the articles of ticket " + id + " with something that "
                    + "is not JSON", e);
        }
        tickets.put(id, ZammadTicketMapper.toTicket(selected.get(id), articles == null ? JSON.nullNode() : articles));
    }

    public TicketBatch toBatch() {
        List<Ticket> batch = new ArrayList<>();
        for (Long id : selected.keySet()) {
            Ticket ticket = tickets.get(id);
            if (ticket == null) {
                throw new IllegalStateException("ticket " + id + " was selected but its articles were not read");
            }
            batch.add(ticket);
        }
        return new TicketBatch(batch, scanned, stoppedEarly ? newest.minusMillis(1) : newest, unreadable);
    }
}
