package io.tickettriage.adapter.rt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which tickets need triage: in one of the queues, in one of the statuses, and without the marker in the marker
 * custom field; as TicketSQL for RT's search, and as a check of a ticket the search returned. An empty list of
 * queues or statuses means any.
 *
 * @param queues      queue names
 * @param statuses    status names, e.g. new, open
 * @param markerField the multi-value custom field that carries the marker, if any
 * @param markerTag   the value that marks a ticket as written
 */
public record RtSelection(List<String> queues, List<String> statuses, Optional<String> markerField,
                          String markerTag) {

    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public RtSelection {
        queues = List.copyOf(queues);
        statuses = List.copyOf(statuses);
        markerField.ifPresent(field -> {
            if (field.contains("}")) {
                throw new IllegalArgumentException("the marker custom field '" + field + "' holds a '}', which "
                        + "TicketSQL cannot name");
            }
        });
    }

    /** {@code "General, Incoming"} → [General, Incoming]. */
    static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The TicketSQL for the tickets that need triage changed at or after {@code since}, e.g.
     * {@code (Queue = 'General') AND (Status = 'new' OR Status = 'open') AND LastUpdated >= '2026-12-06 23:29:04'
     * AND CF.{Triage} != 'triaged'}. A ticket whose multi-value marker field holds other values but not the marker
     * matches {@code !=}, as does one without values.
     *
     * @param zone the zone RT reads the time in
     */
    String query(Instant since, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        if (!queues.isEmpty()) {
            parts.add(any("Queue", queues));
        }
        if (!statuses.isEmpty()) {
            parts.add(any("Status", statuses));
        }
        parts.add(changedSince(since, zone));
        markerField.ifPresent(field -> parts.add("CF.{" + field + "} != " + quoted(markerTag)));
        return String.join(" AND ", parts);
    }

    /** {@code LastUpdated >= '…'}: RT keeps whole seconds, so the bound is the second {@code since} falls in. */
    static String changedSince(Instant since, ZoneId zone) {
        return "LastUpdated >= " + quoted(SQL_TIME.withZone(zone).format(since.truncatedTo(ChronoUnit.SECONDS)));
    }

    /**
     * Whether a ticket the search returned matches, judged from its queue name, status and marker values as the
     * answer shows them now.
     */
    boolean matches(JsonNode ticket) {
        return (queues.isEmpty() || queues.contains(RtTicketMapper.queueName(ticket))
                || queues.contains(RtTicketMapper.queueId(ticket)))
                && (statuses.isEmpty() || statuses.contains(RtTicketMapper.text(ticket, "Status")))
                && !marked(ticket);
    }

    /** Whether the ticket's marker field holds the marker (RT compares custom field values without case). */
    boolean marked(JsonNode ticket) {
        return markerField.isPresent() && RtTicketMapper.customFieldValues(ticket, markerField.get()).stream()
                .anyMatch(markerTag::equalsIgnoreCase);
    }

    private static String any(String field, List<String> values) {
        return "(" + values.stream().map(value -> field + " = " + quoted(value)).collect(Collectors.joining(" OR "))
                + ")";
    }

    /** A TicketSQL string: single quotes, with quotes and backslashes escaped. */
    static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
