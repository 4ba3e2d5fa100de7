package io.tickettriage.adapter.rt;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.ChangeTimes;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.TicketOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bean of the {@code rt-fetch-tickets-action} Kamelet: {@link #fetch} takes the watermark and returns the tickets
 * that need triage. One poll is one walk through the ticket search ({@link RtSearch}) from the watermark on, then
 * the text of the selected tickets, a hundred at a time ({@link RtTexts}).
 *
 * <p>Given the label mappings, the search asks for every ticket changed since the watermark instead, and the queue,
 * status and marker are checked on what it returns: every other ticket is reported with what it carries now (its
 * outcome, what the agents chose). That is one walk, and no search of its own.
 */
public final class RtFetch extends RtBean<RtFetch.Poll> {

    /** What one poll needs, checked once; shared by all polls. */
    record Poll(HelpDeskHttp http, RtSelection selection, ZoneId zone, int pageSize, int maxPagesPerPoll,
                Optional<NamedLabels> labels, Optional<String> tagsField, String lookBack, Clock clock) {

        TicketBatch run(Instant since) {
            http.reopen();
            Map<String, JsonNode> selected = new LinkedHashMap<>();
            Map<String, Instant> changed = new LinkedHashMap<>();
            List<TicketOutcome> outcomes = new ArrayList<>();
            RtSearch search = new RtSearch(http, labels.isPresent() ? bound -> RtSelection.changedSince(bound, zone)
                    : bound -> selection.query(bound, zone), zone, pageSize, maxPagesPerPoll, clock);
            RtSearch.Listed listed = search.walk(since, (id, ticket, updated) -> {
                if (selection.matches(ticket)) {
                    selected.put(id, ticket);
                    changed.put(id, updated);
                } else {
                    labels.ifPresent(mappings -> {
                        TicketOutcome outcome = RtTicketMapper.outcome(mappings, ticket, id, updated);
                        outcomes.add(tagsField.map(field -> outcome.withTags(RtTicketMapper.customFieldValues(ticket,
                                field))).orElse(outcome));
                    });
                }
            }, sofar -> { });
            // The whole search first, then the texts: nothing is written before the fetch is done.
            Map<String, String> bodies = RtTexts.read(http, List.copyOf(selected.keySet()));
            List<Ticket> tickets = new ArrayList<>();
            selected.forEach((id, ticket) -> tickets.add(RtTicketMapper.toTicket(ticket, bodies.getOrDefault(id, ""),
                    selection.markerField().map(field -> RtTicketMapper.customFieldValues(ticket, field))
                            .orElse(List.of()), changed.get(id))));
            tickets.sort(Comparator.comparing(Ticket::updatedAt));
            Instant now = clock.instant();
            Instant watermark = listed.newest().isAfter(now) ? now : listed.newest();
            return new TicketBatch(tickets, listed.scanned(), watermark, listed.unreadable(), outcomes);
        }
    }

    public RtFetch() {
        super("rt-fetch-tickets-action");
    }

    /**
     * The tickets changed since the body's instant (a {@link Instant} or ISO-8601 text; an empty body looks back
     * {@code lookBack}) that need triage. Refused credentials of the last poll are tried again, once.
     */
    public TicketBatch fetch(Object since) {
        Poll poll = worker();
        return poll.run(ChangeTimes.since(since, poll.lookBack(), poll.clock()));
    }

    @Override
    protected Poll build(RtSettings settings) {
        WriteSettings write = settings.write();
        return new Poll(client(settings), settings.selection(), settings.timeZone(), settings.pageSize(),
                settings.maxPagesPerPoll(), write.outcomesWanted() ? Optional.of(RtAdapter.labels(
                write.queueMapping(), write.priorityMapping(), write.review())) : Optional.empty(),
                settings.tagsField(), settings.lookBack().toString(), Clock.systemUTC());
    }
}
