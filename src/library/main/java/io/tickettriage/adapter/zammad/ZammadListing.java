package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.UnreadableTicket;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll's walk through Zammad's ticket search, then through the selected tickets' articles. Lives for the length
 * of one fetch; not shared between threads.
 *
 * <p>The search is walked by key ({@link ZammadSearchWalk}); tickets of one millisecond that come again are kept once.
 * The poll's first query excludes its bound ({@code updated_at:{bound TO *]}), so a ticket refused at the watermark
 * is not tried again on every poll.
 *
 * <p>A record that is no readable ticket (poison JSON, no numeric id, a change time that is not a time or is
 * implausibly far ahead) is kept as an {@link UnreadableTicket} and moves neither the walk nor the watermark.
 *
 * <p>A poll reads at most {@code maxPages} search pages; the batch's watermark then stops one millisecond short of
 * the newest ticket seen, so the next poll starts with the rest of that millisecond. The watermark is never later
 * than now.
 */
final class ZammadListing {

    private static final Logger LOG = LoggerFactory.getLogger(ZammadListing.class);

    private final ZammadTicketReader reader;
    private final Clock clock;
    private final Map<Long, JsonNode> selected = new LinkedHashMap<>();
    private final Map<Long, Instant> changed = new LinkedHashMap<>();
    private final List<UnreadableTicket> unreadable = new ArrayList<>();
    private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private final ZammadSearchWalk walk;
    private Deque<Long> withoutBody;
    private Instant newest;
    private Instant postponedFrom;
    private int scanned;

    ZammadListing(ZammadTicketReader reader, Instant watermark, Clock clock) {
        this.reader = reader;
        this.clock = clock;
        this.newest = watermark;
        this.walk = new ZammadSearchWalk(reader.baseUrl(), reader.selection()::query,
                watermark.minus(reader.overlap()), false, reader.perPage(), reader.maxPagesPerPoll());
    }

    boolean hasNextPage() {
        return walk.hasNextPage();
    }

    String nextPageUrl() {
        return walk.nextPageUrl();
    }

    /** Takes the records of one answer of the search. */
    void acceptPage(List<JsonRecords.Record> found) {
        Instant first = null;
        Instant last = null;
        for (JsonRecords.Record record : found) {
            scanned++;
            if (record.problem().isPresent()) {
                unreadable(record.id(), record.raw(), record.problem().get());
                continue;
            }
            JsonNode ticket = record.json().orElseThrow();
            try {
                long id = ZammadTicketMapper.id(ticket);
                Instant updated = ZammadTicketMapper.updatedAt(ticket, clock);
                first = first == null ? updated : first;
                last = updated;
                if (updated.isAfter(newest)) {
                    newest = updated;
                }
                if (reader.selection().stillMatches(ticket) && selected.putIfAbsent(id, ticket) == null) {
                    changed.put(id, updated);
                }
            } catch (IllegalArgumentException e) {
                unreadable(record.id(), record.raw(), e.getMessage());
            }
        }
        walk.paged(found.size(), first, last, newest);
        if (walk.stoppedEarly()) {
            LOG.info("Zammad: read {} search pages this poll; the next poll continues from {}", walk.pages(), newest);
        }
    }

    /**
     * One unreadable record must not fail every poll from now on; the dead-letter store keeps it, and logs it the
     * first time.
     */
    private void unreadable(String id, String raw, String reason) {
        unreadable.add(new UnreadableTicket(ZammadTicketMapper.SYSTEM, id, raw, reason));
        LOG.debug("Zammad listed a record that ticket-triage cannot read as a ticket; it goes to the dead-letter "
                + "store: {}", reason);
    }

    /** Once the search is done: whether a selected ticket still needs its first article. */
    boolean needsArticles() {
        if (walk.hasNextPage()) {
            return false;
        }
        if (withoutBody == null) {
            withoutBody = new ArrayDeque<>(selected.keySet());
        }
        return !withoutBody.isEmpty();
    }

    /** The ticket whose articles are read next. */
    long nextArticles() {
        return withoutBody.peek();
    }

    /** Takes the readable articles of the ticket {@link #nextArticles()} named. */
    void acceptArticles(List<JsonNode> articles) {
        long id = withoutBody.remove();
        tickets.put(id, ZammadTicketMapper.toTicket(selected.get(id), articles, changed.get(id)));
    }

    /**
     * The articles of the ticket {@link #nextArticles()} named could not be read for now: it is left out of this
     * batch, and the batch's watermark stops short of its change, so that the next poll lists it again.
     */
    void postponeArticles(String why) {
        long id = withoutBody.remove();
        selected.remove(id);
        Instant change = changed.get(id);
        if (change != null && (postponedFrom == null || change.isBefore(postponedFrom))) {
            postponedFrom = change;
        }
        LOG.warn("Zammad: ticket {} is left for the next poll: {}", id, why);
    }

    /** Zammad refused to show the articles of the ticket {@link #nextArticles()} named: a dead letter. */
    void refusedArticles(String why) {
        long id = withoutBody.remove();
        JsonNode ticket = selected.remove(id);
        unreadable(String.valueOf(id), ticket.toString(), why);
    }

    /**
     * The batch: the tickets that need triage and, given what the agents did ({@link ZammadOutcomes}), the outcomes
     * of every other ticket the outcome search saw.
     */
    TicketBatch toBatch(Optional<ZammadOutcomes> outcomes) {
        List<Ticket> batch = new ArrayList<>();
        for (Long id : selected.keySet()) {
            Ticket ticket = tickets.get(id);
            if (ticket == null) {
                throw new IllegalStateException("ticket " + id + " was selected but its articles were not read");
            }
            batch.add(ticket);
        }
        Instant watermark = walk.stoppedEarly() ? newest.minusMillis(1) : newest;
        if (outcomes.isPresent()) {
            ZammadOutcomes seen = outcomes.get();
            if (seen.stoppedEarly()) {
                // Outcomes after where that walk stopped were not read: the next poll starts there.
                Instant reached = seen.newest().minusMillis(1);
                watermark = walk.stoppedEarly() && watermark.isBefore(reached) ? watermark : reached;
            } else if (!walk.stoppedEarly() && seen.newest().isAfter(watermark)) {
                // The agents' changes move the watermark, as Freshdesk's listing does: this search ran after the
                // outcome search, so it has looked at every ticket changed up to the newest that one saw.
                watermark = seen.newest();
            }
        }
        if (postponedFrom != null && !watermark.isBefore(postponedFrom)) {
            watermark = postponedFrom.minusMillis(1);
        }
        Instant now = clock.instant();
        return new TicketBatch(batch, scanned, watermark.isAfter(now) ? now : watermark, unreadable,
                outcomes.map(seen -> seen.outcomes(changed.keySet())).orElse(List.of()));
    }
}
