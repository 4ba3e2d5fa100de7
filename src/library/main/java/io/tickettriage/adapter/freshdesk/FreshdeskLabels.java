package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.HelpDeskClients;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.LabelMapping;
import io.tickettriage.adapter.Setting;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.triage.TicketOutcome;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;

/**
 * A Kamelet's label mappings resolved against the account, once: model label → group id and → priority, and the
 * review group. The update action writes with them; the fetch action reads them backwards, to tell which labels the
 * agents chose.
 *
 * @param groupIds    queue label → group id
 * @param priorities  priority label → 1..4
 * @param reviewGroup the review group's id, if one is configured
 */
record FreshdeskLabels(Map<String, Long> groupIds, Map<String, Integer> priorities, Optional<Long> reviewGroup) {

    /** Resolved or closed: what such a ticket carries is final. */
    private static final Set<Integer> DONE = Set.of(4, 5);

    FreshdeskLabels {
        // In the mapping's order, so that reading a value backwards finds the first label mapped to it.
        groupIds = Collections.unmodifiableMap(new LinkedHashMap<>(groupIds));
        priorities = Collections.unmodifiableMap(new LinkedHashMap<>(priorities));
    }

    /** Everything the labels are resolved from: one client (by identity) and its mappings. */
    private record Key(HelpDeskHttp http, String queueMapping, String priorityMapping, Optional<String> review) {
    }

    /**
     * The update settings' mappings resolved through {@code http}, once per client and mappings in the application:
     * the startup check, the fetch side (outcomes) and the update side of a desk share one resolution.
     */
    static FreshdeskLabels of(CamelContext context, HelpDeskHttp http, WriteSettings write,
                              Function<Setting, String> names) {
        return HelpDeskClients.shared(context, new Key(http, write.queueMapping(), write.priorityMapping(),
                write.review()), FreshdeskLabels.class, () -> resolve(http, write.queueMapping(),
                write.priorityMapping(), write.review(), names));
    }

    /**
     * Resolves the Kamelet properties: group names through {@code GET /api/v2/groups} (read once, only if a name
     * needs it); an empty {@code priorityMapping} maps low, medium, high and urgent to Freshdesk's four.
     *
     * @throws IllegalArgumentException naming the property and the value the account does not have
     * @throws io.tickettriage.triage.HelpDeskApiException when the groups cannot be read
     */
    static FreshdeskLabels resolve(HelpDeskHttp http, String queueMapping, String priorityMapping,
                                   Optional<String> review, Function<Setting, String> names) {
        // A Freshdesk that cannot be read fails like any other call (refused, unavailable), so the routes react to
        // its kind; only a name the account lacks is a setting to fix.
        Supplier<Map<String, Long>> groups = FreshdeskAdapter.memoize(() -> new FreshdeskGroupDirectory(http).groups());
        Map<String, Long> groupIds = new LinkedHashMap<>();
        LabelMapping.parse(queueMapping, "queueMapping").forEach((label, group) -> groupIds.put(label,
                FreshdeskAdapter.findGroup(group, groups).orElseThrow(() -> new IllegalArgumentException(
                        names.apply(FreshdeskSettings.QUEUE_MAPPING) + " for '" + label + "' names the group '" + group
                                + "', which this Freshdesk account does not have; its groups are "
                                + groups.get().keySet()))));
        Optional<Long> reviewGroup = review.map(name -> FreshdeskAdapter.findGroup(name, groups).orElseThrow(() ->
                new IllegalArgumentException(names.apply(FreshdeskSettings.REVIEW_GROUP) + " names the group '" + name + "', which this Freshdesk "
                        + "account does not have; its groups are " + groups.get().keySet())));
        Map<String, String> pairs = LabelMapping.parse(priorityMapping, "priorityMapping");
        if (pairs.isEmpty()) {
            pairs = new LinkedHashMap<>();
            for (String name : FreshdeskAdapter.PRIORITY_NAMES) {
                pairs.put(name, name);
            }
        }
        Map<String, Integer> priorities = new LinkedHashMap<>();
        pairs.forEach((label, value) -> priorities.put(label,
                FreshdeskAdapter.priority(names.apply(FreshdeskSettings.PRIORITY_MAPPING) + " for '" + label + "'",
                        value)));
        return new FreshdeskLabels(groupIds, priorities, reviewGroup);
    }

    /** What a listed ticket that needs no triage carries, in labels. */
    TicketOutcome outcome(JsonNode ticket, String id, Instant updatedAt) {
        JsonNode group = ticket.path("group_id");
        Optional<String> queue = group.canConvertToLong() && !reviewGroup.equals(Optional.of(group.asLong()))
                ? labelOf(groupIds, group.asLong()) : Optional.empty();
        Optional<String> priority = labelOf(priorities, ticket.path("priority").asInt(-1));
        TicketOutcome outcome = new TicketOutcome(FreshdeskAdapter.NAME, id, queue, priority,
                DONE.contains(ticket.path("status").asInt(-1)), updatedAt);
        return FreshdeskTags.of(ticket.path("tags"), id).map(outcome::withTags).orElse(outcome);
    }

    /** The first label mapped to {@code value}, in the mapping's order. */
    private static <T> Optional<String> labelOf(Map<String, T> mapping, T value) {
        return mapping.entrySet().stream().filter(e -> e.getValue().equals(value)).map(Map.Entry::getKey)
                .findFirst();
    }
}
