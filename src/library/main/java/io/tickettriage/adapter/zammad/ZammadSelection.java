package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which tickets need triage: in the incoming group, in one of the given states, and without the marker tag. The
 * search query asks Zammad for exactly those; since the search index can lag behind the database and matches
 * group names word by word ("Users" also finds "Users Archive"), the group and state are checked again on the
 * tickets the search returns, which Zammad reads from its database.
 *
 * @param group     the incoming group's name, e.g. {@code Users}
 * @param states    state names, e.g. {@code new}, {@code open}
 * @param markerTag the tag ticket-triage adds to every ticket it has written
 */
public record ZammadSelection(String group, List<String> states, String markerTag) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public ZammadSelection {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("the Zammad incoming group is empty (zammad.select.group)");
        }
        states = List.copyOf(states);
        if (states.isEmpty()) {
            throw new IllegalArgumentException("no Zammad states to triage are given (zammad.select.states)");
        }
    }

    /** Parses the Kamelet's comma-separated states, e.g. {@code "new,open"}. */
    public static ZammadSelection of(String group, String states, String markerTag) {
        return new ZammadSelection(group.strip(), states(states), markerTag.strip());
    }

    /** {@code "new, open"} → [new, open]. */
    public static List<String> states(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The Elasticsearch query for tickets changed after {@code since} (or at it, when {@code inclusive}), e.g.
     * {@code group.name:"Users" AND state.name:("new" OR "open") AND updated_at:{2024-05-01T10:00:00.000Z TO *]
     * AND NOT tags:"triaged"}. The range form needs no escaping of the time's colons.
     */
    public String query(Instant since, boolean inclusive) {
        return "group.name:" + quoted(group)
                + " AND state.name:(" + states.stream().map(ZammadSelection::quoted).collect(Collectors.joining(" OR "))
                + ") AND " + changedSince(since, inclusive) + " AND NOT tags:" + quoted(markerTag);
    }

    /** {@code updated_at:{since TO *]}, or {@code [since TO *]} when {@code inclusive}. */
    static String changedSince(Instant since, boolean inclusive) {
        return "updated_at:" + (inclusive ? "[" : "{") + time(since) + " TO *]";
    }

    /** The search's form of an instant, e.g. {@code 2024-05-01T10:00:00.000Z}. */
    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /**
     * Whether a ticket the search returned still matches, judged from its current group and state names. A ticket
     * without them (Zammad's legacy answer without {@code expand}) is taken as the search returned it.
     */
    public boolean stillMatches(JsonNode ticket) {
        JsonNode groupName = ticket.path("group");
        JsonNode stateName = ticket.path("state");
        return (!groupName.isTextual() || groupName.asText().equals(group))
                && (!stateName.isTextual() || states.contains(stateName.asText()));
    }

    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
