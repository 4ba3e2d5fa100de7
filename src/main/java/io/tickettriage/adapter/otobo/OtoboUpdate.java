package io.tickettriage.adapter.otobo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the update sink sends for one ticket: the TicketUpdate data without credentials.
 *
 * @param ticketId the ticket's id
 * @param data     TicketID, and whichever of Ticket (Queue, Priority), Article (the internal note) and DynamicField
 *                 (marker, confidence) there is to write; OTOBO refuses an empty Ticket or DynamicField, so parts
 *                 with nothing to write are left out
 */
public record OtoboUpdate(String ticketId, Map<String, Object> data) {

    public OtoboUpdate {
        data = Map.copyOf(data);
    }

    /** Nothing but the id: no call is needed. */
    public boolean isEmpty() {
        return data.keySet().equals(Set.of("TicketID"));
    }

    /** For the dry-run log: the data with the note's text left out. */
    public String summary() {
        Map<String, Object> shown = new LinkedHashMap<>(data);
        shown.remove("TicketID");
        if (shown.containsKey("Article")) {
            shown.put("Article", "internal note");
        }
        List<String> parts = shown.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return "TicketUpdate of ticket " + ticketId + ": " + String.join(", ", parts);
    }
}
