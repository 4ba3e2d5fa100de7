package io.tickettriage.triage;

import java.time.Instant;
import java.util.Optional;

/**
 * What a help desk shows of a ticket that no longer needs triage, in the model's labels (through the same label
 * mappings its update side writes with): the values a person, or ticket-triage, left on it. Held against the
 * prediction recorded for the ticket, it tells whether the agents agreed.
 *
 * @param queue     the label mapped to the ticket's queue; empty when it has none, is in the review queue, or is in a
 *                  queue no label maps to
 * @param priority  the label mapped to its priority (the first, where several labels map to one priority)
 * @param done      resolved or closed: what it carries is final
 * @param updatedAt when the help desk last changed it
 */
public record TicketOutcome(String helpdesk, String id, Optional<String> queue, Optional<String> priority,
                            boolean done, Instant updatedAt) {

    /** The same key as {@link Ticket#key()}. */
    public String key() {
        return helpdesk + ":" + id;
    }
}
