package io.tickettriage.adapter.zammad;

import java.util.List;
import java.util.Map;

/**
 * What the update sink sends for one ticket: at most one {@code PUT /api/v1/tickets/{id}} (group and priority by
 * name, and the explanatory note as an internal {@code article}, which Zammad creates in the same transaction), then
 * one {@code POST /api/v1/tags/add} per tag. The marker tag comes last: once it is there, the ticket counts as done.
 *
 * @param ticketId the Zammad ticket id
 * @param fields   the PUT body; empty when there is nothing to change
 * @param tags     tags to add, in order
 */
public record ZammadUpdate(long ticketId, Map<String, Object> fields, List<String> tags) {

    public ZammadUpdate {
        fields = Map.copyOf(fields);
        tags = List.copyOf(tags);
    }

    /** For the Kamelet's filter step. */
    public boolean hasFields() {
        return !fields.isEmpty();
    }

    /** The body of the {@code index}-th tags call. */
    public Map<String, Object> tagRequest(int index) {
        return Map.of("object", "Ticket", "o_id", ticketId, "item", tags.get(index));
    }

    /** One line for the dry-run log. */
    public String describe() {
        String tagging = "add the tags " + tags + " with POST /api/v1/tags/add";
        return hasFields() ? "PUT /api/v1/tickets/" + ticketId + " " + fields + ", then " + tagging
                : tagging + " to ticket " + ticketId;
    }
}
