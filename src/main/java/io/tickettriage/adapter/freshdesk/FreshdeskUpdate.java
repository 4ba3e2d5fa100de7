package io.tickettriage.adapter.freshdesk;

import java.util.Map;
import java.util.Optional;

/**
 * What the update sink sends for one ticket.
 *
 * @param ticketId the Freshdesk ticket id
 * @param fields   the {@code PUT /api/v2/tickets/{id}} body: only fields Freshdesk accepts, with its types
 * @param note     the {@code POST /api/v2/tickets/{id}/notes} body, when notes are on
 */
public record FreshdeskUpdate(long ticketId, Map<String, Object> fields, Optional<Map<String, Object>> note) {

    public FreshdeskUpdate {
        fields = Map.copyOf(fields);
    }

    /** For the Kamelet's filter step: Simple cannot test an Optional directly. */
    public boolean hasNote() {
        return note.isPresent();
    }

    public Map<String, Object> noteBody() {
        return note.orElseThrow();
    }
}
