package io.tickettriage.sim;

import java.util.List;
import java.util.Optional;

/**
 * A ticket as an agent sees it in a simulated help desk.
 *
 * @param queue    the queue (Freshdesk group, Zammad group, OTOBO queue) by name; empty when it has none
 * @param priority the priority as {@code config/application.properties} maps it for this help desk (Freshdesk "2",
 *                 Zammad "2 normal", OTOBO "3 normal")
 * @param tags     tags, or for help desks without tags the marker the adapter sets instead
 * @param notes    the notes added to it, oldest first
 */
public record SimulatedTicket(String id, Optional<String> queue, String priority, List<String> tags,
                              List<SimulatedNote> notes) {

    public SimulatedTicket {
        tags = List.copyOf(tags);
        notes = List.copyOf(notes);
    }

    /** A note added to a ticket; {@code internal} when customers cannot see it. */
    public record SimulatedNote(String text, boolean internal) {
    }
}
