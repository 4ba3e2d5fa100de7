package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The walk through {@code GET /api/v2/tickets} pages of one poll. Lives in an exchange variable for the length of the
 * poll; not shared between threads.
 *
 * <p>It follows {@code Link: rel="next"} until there is none. Freshdesk refuses pages beyond the 300th, so before
 * asking for one it restarts at page 1 with {@code updated_since} moved to the newest change seen; tickets seen twice
 * across the restart are kept once. A poll also stops after {@code maxPages} pages: the watermark then resumes the walk
 * on the next poll, which bounds memory and makes progress durable on large backlogs.
 */
public final class FreshdeskListing {

    private static final Logger LOG = LoggerFactory.getLogger(FreshdeskListing.class);
    private static final Pattern PAGE = Pattern.compile("[?&]page=(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FreshdeskTicketReader reader;
    private final Map<String, Ticket> selected = new LinkedHashMap<>();
    private Instant since;
    private Instant newest;
    private String nextUrl;
    private int pages;
    private int scanned;

    FreshdeskListing(FreshdeskTicketReader reader, Instant updatedSince) {
        this.reader = reader;
        this.since = updatedSince.truncatedTo(ChronoUnit.SECONDS);
        this.newest = since;
        this.nextUrl = reader.firstPage(since);
    }

    public boolean hasNext() {
        return nextUrl != null;
    }

    public String nextUrl() {
        return nextUrl;
    }

    /** Takes one page: the JSON array body and the response's Link header (null on the last page). */
    public void accept(String body, String linkHeader) {
        JsonNode page;
        try {
            page = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new UncheckedIOException("Freshdesk returned a ticket page that is not JSON", e);
        }
        if (page == null || !page.isArray()) {
            throw new IllegalStateException("Freshdesk returned a ticket page that is not a JSON array");
        }
        pages++;
        for (JsonNode json : page) {
            scanned++;
            try {
                Instant updated = FreshdeskTicketMapper.updatedAt(json);
                if (updated.isAfter(newest)) {
                    newest = updated;
                }
                if (reader.selection().needsTriage(json)) {
                    Ticket ticket = FreshdeskTicketMapper.toTicket(json);
                    selected.put(ticket.id(), ticket);
                }
            } catch (IllegalArgumentException e) {
                // One unreadable ticket must not fail every poll from now on; it is reported and passed over.
                LOG.error("Freshdesk listed a ticket that ticket-triage cannot read; it is skipped: {}", e.getMessage());
            }
        }
        nextUrl = LinkHeader.next(linkHeader).map(this::beyondCap).orElse(null);
        if (nextUrl != null && pages >= reader.maxPagesPerPoll()) {
            LOG.info("Freshdesk: read {} pages this poll; the next poll continues from {}", pages, newest);
            nextUrl = null;
        }
    }

    /** The next page's URL, or a restart from page 1 with a later {@code updated_since} when the cap is next. */
    private String beyondCap(String next) {
        if (pageNumber(next) <= reader.pageCap()) {
            return next;
        }
        if (!newest.isAfter(since)) {
            // Every ticket on 300 pages changed in the same second: moving updated_since cannot get past them.
            LOG.warn("Freshdesk: more than {} pages of tickets share updated_at {}; the rest of them is skipped",
                    reader.pageCap(), newest);
            return null;
        }
        LOG.info("Freshdesk: page {} is beyond the page cap; restarting the listing from updated_since={}",
                pageNumber(next), newest);
        since = newest;
        return reader.firstPage(since);
    }

    private static int pageNumber(String url) {
        Matcher page = PAGE.matcher(url);
        return page.find() ? Integer.parseInt(page.group(1)) : 1;
    }

    public TicketBatch toBatch() {
        return new TicketBatch(List.copyOf(selected.values()), scanned, newest);
    }
}
