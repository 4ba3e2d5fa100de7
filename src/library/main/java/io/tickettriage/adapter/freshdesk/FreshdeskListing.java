package io.tickettriage.adapter.freshdesk;

import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.TicketOutcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The walk through {@code GET /api/v2/tickets} pages of one poll; not shared between threads.
 *
 * <p>Paging, the restart before Freshdesk's page cap and unreadable tickets are the {@link FreshdeskTicketWalk}'s
 * business; tickets seen twice across a restart are kept once. A poll also stops after {@code maxPages} pages: the
 * watermark then resumes the walk on the next poll, which bounds memory and makes progress durable on large backlogs.
 */
final class FreshdeskListing {

    private static final Logger LOG = LoggerFactory.getLogger(FreshdeskListing.class);

    private final FreshdeskTicketReader reader;
    private final FreshdeskTicketWalk walk;
    private final Map<String, Ticket> selected = new LinkedHashMap<>();
    private final Map<String, TicketOutcome> outcomes = new LinkedHashMap<>();

    FreshdeskListing(FreshdeskTicketReader reader, Instant updatedSince) {
        this.reader = reader;
        // The dead-letter store reports each unreadable record with its file; here it would be a second line.
        this.walk = reader.walk(updatedSince, (level, message) -> LOG.atLevel(level == Level.ERROR ? Level.DEBUG : level)
                .log(message));
    }

    boolean hasNext() {
        return walk.hasNext();
    }

    String nextUrl() {
        return walk.nextUrl();
    }

    /** Takes one page. */
    void accept(FreshdeskPage page) {
        walk.accept(page, json -> {
            if (reader.selection().needsTriage(json)) {
                Ticket ticket = FreshdeskTicketMapper.toTicket(json);
                selected.put(ticket.id(), ticket);
            } else {
                // The listing holds every ticket changed since the watermark: what the agents did costs no call.
                reader.labels().ifPresent(labels -> {
                    String id = json.path("id").asText();
                    outcomes.put(id, labels.outcome(json, id, Instant.parse(json.path("updated_at").asText())));
                });
            }
        });
        if (walk.hasNext() && walk.pages() >= reader.maxPagesPerPoll()) {
            LOG.info("Freshdesk: read {} pages this poll; the next poll continues from {}", walk.pages(), walk.newest());
            walk.stop();
        }
    }

    TicketBatch toBatch() {
        return new TicketBatch(List.copyOf(selected.values()), walk.scanned(), walk.newest(), walk.unreadableTickets(),
                List.copyOf(outcomes.values()));
    }
}
