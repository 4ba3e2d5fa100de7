package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which listed tickets still need triage: by default status Open, no group, and not yet carrying the marker tag.
 * The marker-tag rule cannot be switched off: it is what keeps our own updates from bringing tickets back.
 *
 * @param statuses       status ids to accept; empty accepts any status
 * @param unassignedOnly accept only tickets without a group
 * @param markerTag      the tag ticket-triage adds to every ticket it has written
 */
public record FreshdeskTicketSelection(Set<Integer> statuses, boolean unassignedOnly, String markerTag) {

    public FreshdeskTicketSelection {
        statuses = Set.copyOf(statuses);
    }

    /** Parses the Kamelet's comma-separated status list, e.g. {@code "2,3"}; blank means any status. */
    public static FreshdeskTicketSelection of(String statuses, boolean unassignedOnly, String markerTag) {
        Set<Integer> ids;
        try {
            ids = Arrays.stream(statuses.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Integer::valueOf).collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Freshdesk statuses must be numeric ids such as 2 (Open), was '"
                    + statuses + "'");
        }
        return new FreshdeskTicketSelection(ids, unassignedOnly, markerTag);
    }

    public boolean needsTriage(JsonNode ticket) {
        if (!statuses.isEmpty() && !statuses.contains(ticket.path("status").asInt(-1))) {
            return false;
        }
        if (unassignedOnly && !ticket.path("group_id").isNull() && !ticket.path("group_id").isMissingNode()) {
            return false;
        }
        for (JsonNode tag : ticket.path("tags")) {
            if (tag.asText().equalsIgnoreCase(markerTag)) {
                return false;
            }
        }
        return true;
    }
}
