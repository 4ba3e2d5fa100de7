package io.tickettriage.triage;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

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
 * @param tags      the tags it carries now (Freshdesk's tags; OTOBO's and RT's tags field), ours that agents kept
 *                  among them; empty when the help desk's outcome reading cannot see them (Zammad's search answers
 *                  carry no tags)
 */
public record TicketOutcome(String helpdesk, String id, Optional<String> queue, Optional<String> priority,
                            boolean done, Instant updatedAt, Optional<Set<String>> tags) {

    public TicketOutcome {
        tags = tags.map(Set::copyOf);
    }

    /** An outcome whose tags are not seen. */
    public TicketOutcome(String helpdesk, String id, Optional<String> queue, Optional<String> priority, boolean done,
                         Instant updatedAt) {
        this(helpdesk, id, queue, priority, done, updatedAt, Optional.empty());
    }

    /** The same, with the tags it carries. */
    public TicketOutcome withTags(Collection<String> carried) {
        return new TicketOutcome(helpdesk, id, queue, priority, done, updatedAt, Optional.of(Set.copyOf(carried)));
    }

    /** The same key as {@link Ticket#key()}. */
    public String key() {
        return helpdesk + ":" + id;
    }
}
