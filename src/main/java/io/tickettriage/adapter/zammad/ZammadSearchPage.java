package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tickets of one answer of {@code GET /api/v1/tickets/search}, whatever shape the Zammad version gives it: an
 * array of tickets (current versions, and every version with {@code expand=true}), {@code {"records": […]}} (with
 * {@code with_total_count}), or ids with the tickets among the assets ({@code {"tickets": [ids], "assets":
 * {"Ticket": {…}}}} up to Zammad 5.x, {@code {"record_ids": […], "assets": …}} with {@code full=true}).
 */
final class ZammadSearchPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ZammadSearchPage() {
    }

    /** The page's tickets in the order Zammad sorted them. */
    static List<JsonNode> tickets(String body) {
        JsonNode page;
        try {
            page = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new UncheckedIOException("Zammad answered the ticket search with something that is not JSON", e);
        }
        if (page == null) {
            throw new IllegalStateException("Zammad answered the ticket search with an empty body");
        }
        if (page.isArray()) {
            return list(page);
        }
        if (page.path("records").isArray()) {
            return list(page.get("records"));
        }
        JsonNode ids = page.path("tickets").isArray() ? page.get("tickets") : page.path("record_ids");
        if (ids.isArray()) {
            JsonNode assets = page.path("assets").path("Ticket");
            List<JsonNode> tickets = new ArrayList<>();
            for (JsonNode id : ids) {
                JsonNode ticket = assets.path(id.asText());
                if (!ticket.isObject()) {
                    throw new IllegalStateException("Zammad's search answer lists ticket " + id.asText()
                            + " but its assets do not hold it");
                }
                tickets.add(ticket);
            }
            return tickets;
        }
        throw new IllegalStateException("Zammad answered the ticket search with neither a list of tickets nor "
                + "ticket ids and assets: " + abbreviate(page.toString()));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> tickets = new ArrayList<>();
        array.forEach(tickets::add);
        return tickets;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
