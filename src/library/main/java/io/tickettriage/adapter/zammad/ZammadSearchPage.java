package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tickets of one answer of {@code GET /api/v1/tickets/search}, whatever shape the Zammad version gives it: an
 * array of tickets (current versions, and every version with {@code expand=true}, which the fetch always sends),
 * {@code {"records": […]}} (with {@code with_total_count}), or ids with the tickets among the assets
 * ({@code {"tickets": [ids], "assets": {"Ticket": {…}}}} up to Zammad 5.x, {@code {"record_ids": […], "assets": …}}
 * with {@code full=true}).
 *
 * <p>The array shapes are split record by record ({@link JsonRecords}): one record no JSON reader accepts is kept
 * as a problem, the others are read. An answer that is no search result at all (cut short, an HTML page) is
 * {@link HelpDeskHttp.UnreadableAnswer}, which makes the client fetch it again.
 */
final class ZammadSearchPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ZammadSearchPage() {
    }

    /** The page's records in the order Zammad sorted them. */
    static List<JsonRecords.Record> records(String body) {
        String text = body == null ? "" : body.strip();
        if (text.startsWith("[")) {
            return JsonRecords.split(text, null, "id");
        }
        if (!text.startsWith("{")) {
            throw new HelpDeskHttp.UnreadableAnswer("the ticket search answer is not JSON");
        }
        List<JsonRecords.Record> records = JsonRecords.split(text, "records", "id");
        if (!records.isEmpty()) {
            return records;
        }
        // {"records": []}, or a legacy answer of ids and assets: small enough to read whole.
        JsonNode page;
        try {
            page = JSON.readTree(text);
        } catch (IOException e) {
            throw new HelpDeskHttp.UnreadableAnswer("the ticket search answer is not JSON");
        }
        if (page.path("records").isArray()) {
            return List.of();
        }
        JsonNode ids = page.path("tickets").isArray() ? page.get("tickets") : page.path("record_ids");
        if (!ids.isArray()) {
            throw new HelpDeskHttp.UnreadableAnswer("the ticket search answer holds neither a list of tickets nor "
                    + "ticket ids and assets: " + abbreviate(text));
        }
        JsonNode assets = page.path("assets").path("Ticket");
        List<JsonRecords.Record> tickets = new ArrayList<>();
        for (JsonNode id : ids) {
            JsonNode ticket = assets.path(id.asText());
            if (!ticket.isObject()) {
                throw new HelpDeskHttp.UnreadableAnswer("the ticket search answer lists ticket " + id.asText()
                        + " but its assets do not hold it");
            }
            tickets.add(new JsonRecords.Record(ticket.toString(), id.asText(), Optional.of(ticket),
                    Optional.empty()));
        }
        return tickets;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
