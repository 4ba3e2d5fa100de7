package io.tickettriage.triage;

import java.time.Instant;
import java.util.List;

/**
 * What one poll of an adapter's fetch side returns.
 *
 * @param tickets   the tickets that still need triage, oldest change first
 * @param scanned   how many tickets the help desk returned before selection (for progress and metrics)
 * @param watermark the newest {@code updatedAt} seen; committed once the whole batch is done, so the next poll starts
 *                  there and a crash mid-batch repeats the batch instead of skipping it
 * @param unreadable records listed as tickets that could not be read, for the dead-letter store
 * @param outcomes  tickets seen that no longer need triage, with the values they carry now (empty unless the fetch
 *                  side was given the label mappings to read them with)
 */
public record TicketBatch(List<Ticket> tickets, int scanned, Instant watermark, List<UnreadableTicket> unreadable,
                          List<TicketOutcome> outcomes) {

    public TicketBatch {
        tickets = List.copyOf(tickets);
        unreadable = List.copyOf(unreadable);
        outcomes = List.copyOf(outcomes);
    }

    /**
     * The same batch with every ticket, record and outcome under {@code desk} instead of its adapter's name, so that
     * two desks of one help desk kind (two Freshdesk accounts) never share a key in the state.
     */
    public TicketBatch forDesk(String desk) {
        return new TicketBatch(
                tickets.stream().map(t -> new Ticket(desk, t.id(), t.subject(), t.body(), t.tags(), t.updatedAt(),
                        t.tagsKnown())).toList(),
                scanned, watermark,
                unreadable.stream().map(u -> new UnreadableTicket(desk, u.reference(), u.content(), u.reason()))
                        .toList(),
                outcomes.stream().map(o -> new TicketOutcome(desk, o.id(), o.queue(), o.priority(), o.done(),
                        o.updatedAt(), o.tags())).toList());
    }
}
