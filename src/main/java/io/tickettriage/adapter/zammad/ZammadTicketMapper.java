package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.triage.Ticket;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;

/**
 * Zammad ticket JSON plus its articles to the pipeline's {@link Ticket}: the title is the subject, the first
 * article (the customer's message) the body, as plain text. Zammad's search answers carry no tags, and the update
 * adds tags one by one with the tags API, which keeps whatever tags the ticket has, so none are read.
 */
final class ZammadTicketMapper {

    static final String SYSTEM = "zammad";

    private ZammadTicketMapper() {
    }

    static long id(JsonNode ticket) {
        JsonNode id = ticket.path("id");
        if (!id.canConvertToLong()) {
            throw new IllegalArgumentException("Zammad ticket without a numeric id: " + abbreviate(ticket));
        }
        return id.asLong();
    }

    static Instant updatedAt(JsonNode ticket) {
        String value = ticket.path("updated_at").asText("");
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Zammad ticket " + ticket.path("id").asText()
                    + " has an unreadable updated_at '" + value + "'", e);
        }
    }

    /** @param articles the answer of {@code GET /api/v1/ticket_articles/by_ticket/{id}}: oldest first */
    static Ticket toTicket(JsonNode ticket, JsonNode articles) {
        if (!articles.isArray()) {
            throw new IllegalStateException("Zammad answered the articles of ticket " + id(ticket)
                    + " with something that is not a list");
        }
        JsonNode first = null;
        for (JsonNode article : articles) {
            // The list is oldest first; the smallest id is the first article should a proxy reorder it.
            if (first == null || article.path("id").asLong() < first.path("id").asLong()) {
                first = article;
            }
        }
        String title = ticket.path("title").isTextual() ? ticket.path("title").asText() : "";
        return new Ticket(SYSTEM, String.valueOf(id(ticket)), title, first == null ? "" : body(first), List.of(),
                updatedAt(ticket));
    }

    private static String body(JsonNode article) {
        String body = article.path("body").isTextual() ? article.path("body").asText() : "";
        boolean html = article.path("content_type").asText("").toLowerCase(Locale.ROOT).startsWith("text/html");
        return html && !body.isBlank() ? Jsoup.parse(body).text() : body;
    }

    private static String abbreviate(JsonNode json) {
        String text = json.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
