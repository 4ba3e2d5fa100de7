package io.tickettriage.adapter.rt;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.ChangeTimes;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A ticket of RT's search answer ({@code fields=Subject,Status,Priority,LastUpdated,Queue,CustomFields} with
 * {@code fields[Queue]=Name}) to the pipeline's {@link Ticket}: the subject, the text of the ticket's Create
 * transaction as body ({@link RtTexts}), and the marker field's values as its tags. RT sends ids, priorities and
 * custom field values as text, and times as ISO 8601 in UTC to the second ({@code 2026-12-06T23:29:06Z}).
 */
final class RtTicketMapper {

    static final String SYSTEM = "rt";
    /** The status of a ticket people finished with; RT's default lifecycle. */
    static final Set<String> DONE_STATUSES = Set.of("resolved");
    /** An id as RT's database hands them out. */
    private static final Pattern SAFE_ID = Pattern.compile("[1-9][0-9]{0,18}");

    private RtTicketMapper() {
    }

    static String id(JsonNode ticket) {
        String id = ticket.path("id").asText("");
        if (!SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("RT ticket without a numeric id: " + abbreviate(ticket));
        }
        return id;
    }

    /** Its LastUpdated, when it is a time and plausible ({@link ChangeTimes}). */
    static Instant lastUpdated(JsonNode ticket, Clock clock) {
        String value = text(ticket, "LastUpdated");
        Instant updated;
        try {
            updated = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("RT ticket " + text(ticket, "id") + " has an unreadable LastUpdated '"
                    + value + "'");
        }
        return ChangeTimes.plausible(updated, clock, "RT ticket " + text(ticket, "id") + "'s LastUpdated");
    }

    /** The queue's name ({@code fields[Queue]=Name}), or empty. */
    static String queueName(JsonNode ticket) {
        JsonNode queue = ticket.path("Queue");
        return queue.isObject() ? text(queue, "Name") : "";
    }

    /** The queue's id, or empty. */
    static String queueId(JsonNode ticket) {
        JsonNode queue = ticket.path("Queue");
        return queue.isObject() ? text(queue, "id") : text(ticket, "Queue");
    }

    /** The values of the custom field {@code name} as the answer lists them; none when it has none. */
    static List<String> customFieldValues(JsonNode ticket, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode field : ticket.path("CustomFields")) {
            if (name.equals(field.path("name").asText(null))) {
                field.path("values").forEach(value -> values.add(value.isValueNode() ? value.asText()
                        : value.toString()));
            }
        }
        return values;
    }

    /**
     * @param body      the Create transaction's text
     * @param markerTag the marker field's values, which an update keeps
     */
    static Ticket toTicket(JsonNode ticket, String body, List<String> markerValues, Instant updated) {
        return new Ticket(SYSTEM, id(ticket), text(ticket, "Subject"), body, markerValues, updated);
    }

    /**
     * What a ticket carries, in labels: its queue by name (by id where the mapping gives ids), its priority as the
     * number RT answers with. A priority mapped by name has no label here: RT's answers give numbers only.
     */
    static TicketOutcome outcome(NamedLabels labels, JsonNode ticket, String id, Instant changed) {
        String queue = labels.queues().containsValue(queueId(ticket)) ? queueId(ticket) : queueName(ticket);
        return labels.outcome(SYSTEM, id, queue, text(ticket, "Priority"),
                DONE_STATUSES.contains(text(ticket, "Status")), changed);
    }

    static String text(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isValueNode() && !node.isNull() ? node.asText() : "";
    }

    private static String abbreviate(JsonNode json) {
        String text = json.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
