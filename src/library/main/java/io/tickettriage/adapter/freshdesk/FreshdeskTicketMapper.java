package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.triage.Ticket;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;

/**
 * Freshdesk ticket JSON to the pipeline's {@link Ticket}. The body is {@code description_text}; when that is empty
 * but the HTML {@code description} is not (HTML-only mails), the HTML is turned into text.
 */
final class FreshdeskTicketMapper {

    static final String SYSTEM = "freshdesk";

    private FreshdeskTicketMapper() {
    }

    /** The ticket, with its tags as {@link FreshdeskTags#of} reads them. */
    static Ticket toTicket(JsonNode json) {
        String id = String.valueOf(id(json));
        Optional<List<String>> tags = FreshdeskTags.of(json.path("tags"), id);
        return new Ticket(SYSTEM, id, text(json, "subject"), body(json), tags.orElse(List.of()), updatedAt(json),
                tags.isPresent());
    }

    static long id(JsonNode json) {
        JsonNode id = json.path("id");
        if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < 1) {
            throw new IllegalArgumentException("Freshdesk ticket without a numeric id: " + abbreviate(json));
        }
        return id.asLong();
    }

    static Instant updatedAt(JsonNode json) {
        String value = text(json, "updated_at");
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Freshdesk ticket " + json.path("id").asText()
                    + " has an unreadable updated_at '" + value + "'", e);
        }
    }

    private static String body(JsonNode json) {
        String plain = text(json, "description_text");
        if (!plain.isBlank()) {
            return plain;
        }
        String html = text(json, "description");
        return html.isBlank() ? "" : Jsoup.parse(html).text();
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isNull() || node.isMissingNode() ? "" : node.asText();
    }

    private static String abbreviate(JsonNode json) {
        String text = json.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
