package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.ChangeTimes;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketOutcome;
import java.time.Clock;
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
        if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0) {
            throw new IllegalArgumentException("Zammad ticket without a numeric id: " + abbreviate(ticket));
        }
        return id.asLong();
    }

    /** The ticket's change time, when it is one and plausible ({@link ChangeTimes}). */
    static Instant updatedAt(JsonNode ticket, Clock clock) {
        String value = ticket.path("updated_at").asText("");
        Instant updated;
        try {
            updated = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Zammad ticket " + ticket.path("id").asText()
                    + " has an unreadable updated_at '" + value + "'", e);
        }
        return ChangeTimes.plausible(updated, clock, "Zammad ticket " + ticket.path("id").asText() + "'s updated_at");
    }

    /**
     * @param articles the readable articles of {@code GET /api/v1/ticket_articles/by_ticket/{id}}: oldest first
     * @param updated  the ticket's change time, as {@link #updatedAt} read it
     */
    static Ticket toTicket(JsonNode ticket, List<JsonNode> articles, Instant updated) {
        JsonNode first = null;
        for (JsonNode article : articles) {
            // The list is oldest first; the smallest id is the first article should a proxy reorder it.
            if (first == null || article.path("id").asLong() < first.path("id").asLong()) {
                first = article;
            }
        }
        String title = ticket.path("title").isTextual() ? ticket.path("title").asText() : "";
        return new Ticket(SYSTEM, String.valueOf(id(ticket)), title, first == null ? "" : body(first), List.of(),
                updated);
    }

    /**
     * What a ticket of a search answer ({@code expand=true}: group, priority and state by name) carries, in labels;
     * done is what training counts as done ({@link ZammadHistory#DONE_STATES}).
     */
    static TicketOutcome outcome(NamedLabels labels, JsonNode ticket, long id, Instant updated) {
        return labels.outcome(SYSTEM, String.valueOf(id), ticket.path("group").asText(""),
                ticket.path("priority").asText(""), ZammadHistory.DONE_STATES.contains(ticket.path("state").asText()),
                updated);
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
