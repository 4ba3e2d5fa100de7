package io.tickettriage.adapter.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;

/**
 * A TicketGet ticket (with DynamicFields=1 and its first article) to the pipeline's {@link Ticket}. Types are read
 * leniently: OTOBO sends ids as strings or numbers and dynamic field values as null, a string or a list. The subject is
 * the ticket's title; the body the first article's, which OTOBO already keeps as plain text (HTML mails are stored with
 * a plain-text body) — an article that still says text/html is turned into text.
 */
final class OtoboTicketMapper {

    static final String SYSTEM = "otobo";

    private final OtoboTime time;
    private final Optional<String> markerField;

    OtoboTicketMapper(OtoboTime time, Optional<String> markerField) {
        this.time = time;
        this.markerField = markerField;
    }

    static String id(JsonNode ticket) {
        String id = ticket.path("TicketID").asText("");
        if (!id.matches("\\d+")) {
            throw new IllegalArgumentException("OTOBO ticket without a numeric TicketID: " + abbreviate(ticket));
        }
        return id;
    }

    Instant changed(JsonNode ticket) {
        return time.parse(ticket.path("Changed").asText(""));
    }

    /** The values of the marker field; OTOBO has no tags, so they stand in for them. */
    List<String> markers(JsonNode ticket) {
        return values(ticket, markerField);
    }

    /** The values of a dynamic field as text, as TicketGet sent them; none when the ticket has none (or no field). */
    static List<String> values(JsonNode ticket, Optional<String> field) {
        List<String> values = new ArrayList<>();
        JsonNode value = field.map(name -> value(ticket, name)).orElse(null);
        if (value == null) {
            return values;
        }
        if (value.isArray()) {
            value.forEach(v -> values.add(v.isValueNode() ? v.asText() : v.toString()));
        } else if (value.isValueNode() && !value.isNull() && !value.asText().isEmpty()) {
            values.add(value.asText());
        } else if (!value.isNull()) {
            values.add(value.toString());
        }
        return values;
    }

    /** The field's value exactly as TicketGet sent it, or null when the ticket has none. */
    private static JsonNode value(JsonNode ticket, String field) {
        for (JsonNode named : ticket.path("DynamicField")) {
            if (named.path("Name").asText().equals(field)) {
                return named.path("Value").isMissingNode() ? null : named.path("Value");
            }
        }
        return null;
    }

    Ticket toTicket(JsonNode ticket) {
        JsonNode article = ticket.path("Article").path(0);
        String subject = text(ticket, "Title");
        if (subject.isBlank()) {
            subject = text(article, "Subject");
        }
        return new Ticket(SYSTEM, id(ticket), subject, body(article), markers(ticket), changed(ticket));
    }

    /**
     * What a TicketGet ticket carries, in labels: its queue and priority by name; done is what training counts as
     * done ({@link OtoboHistory#DONE_STATE_TYPES}).
     */
    static TicketOutcome outcome(NamedLabels labels, JsonNode ticket, String id, Instant changed) {
        return labels.outcome(SYSTEM, id, text(ticket, "Queue"), text(ticket, "Priority"),
                OtoboHistory.DONE_STATE_TYPES.contains(text(ticket, "StateType")), changed);
    }

    private static String body(JsonNode article) {
        String body = text(article, "Body");
        String type = (text(article, "MimeType") + " " + text(article, "ContentType")).toLowerCase(Locale.ROOT);
        return type.contains("text/html") ? Jsoup.parse(body).text() : body;
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
