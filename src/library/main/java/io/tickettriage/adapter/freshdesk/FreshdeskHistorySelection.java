package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskHistory;
import io.tickettriage.adapter.HelpDeskHistory.Excluded;
import io.tickettriage.adapter.HelpDeskHistory.Kept;
import io.tickettriage.adapter.HelpDeskHistory.Reason;
import io.tickettriage.adapter.HelpDeskHistory.Verdict;
import io.tickettriage.adapter.HistoryTags;
import io.tickettriage.adapter.LabelMappings;
import io.tickettriage.adapter.TriagedTickets;
import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.classify.TagSet;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.dataset.LabelledTicket;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriagePolicy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which listed tickets are training data, and their labels: a resolved or closed ticket in a group teaches the model
 * that ticket's group and priority. The labels are the inverse of what the update sink writes: the model label that
 * {@code freshdesk.queue-mapping} maps to the ticket's group, else the group's name; the label that
 * {@code freshdesk.priority-mapping} maps to its priority, else low, medium, high or urgent.
 *
 * <p>Tickets carrying the marker tag follow {@link TriagedTickets}. Tickets in the review group are always left out:
 * that group is where uncertain predictions wait, not a queue. With {@code tags}, a kept ticket also teaches the tags
 * head its tags, the strings of its {@code tags} list ({@link HistoryTags}).
 *
 * @param queues        group id → queue label, for every group of the account
 * @param priorities    Freshdesk priority 1..4 → priority label
 * @param reviewGroupId the group of {@code freshdesk.review-group}, if it exists
 * @param markerTag     the tag ticket-triage marks the tickets it wrote with
 * @param triaged       which tickets with the tag teach
 * @param tags          how a kept ticket's tags become the tags head's label; empty: no tags head
 */
public record FreshdeskHistorySelection(Map<Long, String> queues, Map<Integer, String> priorities,
                                        Optional<Long> reviewGroupId, String markerTag, TriagedTickets triaged,
                                        Optional<HistoryTags> tags) {

    /** Resolved, Closed. */
    static final Set<Integer> DONE_STATUSES = Set.of(4, 5);

    static final Reason NOT_DONE = new Reason("not resolved or closed");
    static final Reason TRIAGED = new Reason("labelled by ticket-triage (marker tag)");
    static final Reason NO_GROUP = new Reason("without a group");
    static final Reason REVIEW_GROUP = new Reason("in the review group");
    static final Reason UNKNOWN_GROUP = new Reason("in a group the account no longer has");
    /** Why a listed ticket is not training data, most telling first: a ticket counts under the first that applies. */
    static final List<Reason> REASONS = List.of(NOT_DONE, TRIAGED, NO_GROUP, REVIEW_GROUP, UNKNOWN_GROUP);

    public FreshdeskHistorySelection {
        queues = Map.copyOf(queues);
        priorities = Map.copyOf(priorities);
    }

    /**
     * The selection the configuration describes: the same label mappings the triage service writes with, the review
     * group and the marker tag.
     *
     * @param groups         the account's groups, name → id
     * @param triaged        which tickets carrying the marker tag to keep
     * @param tags           how a kept ticket's tags become the tags head's label; empty: no tags head
     * @param notices        told about queue mappings that name groups the account does not have; they are ignored,
     *                       since no ticket can be in such a group (the shipped configuration names the demo's groups)
     * @throws ConfigurationException when two labels map to the same group or priority, so that its tickets could
     *                                not be given one label
     */
    public static FreshdeskHistorySelection of(TriageProperties properties, Map<String, Long> groups,
                                               TriagedTickets triaged, Optional<HistoryTags> tags,
                                               Consumer<String> notices) {
        Map<Long, String> queues = new LinkedHashMap<>();
        groups.forEach((name, id) -> queues.put(id, name));
        Map<Long, String> mappedBy = new HashMap<>();
        for (Map.Entry<String, String> mapping : LabelMappings.read(properties, FreshdeskAdapter.QUEUE_MAPPING)
                .entrySet()) {
            String key = FreshdeskAdapter.QUEUE_MAPPING + " for '" + mapping.getKey() + "'";
            Optional<Long> id = FreshdeskAdapter.findGroup(mapping.getValue(), () -> groups);
            if (id.isEmpty()) {
                notices.accept(key + " names the group '" + mapping.getValue() + "', which this Freshdesk account "
                        + "does not have; it is ignored");
                continue;
            }
            HelpDeskHistory.requireOneLabel(mappedBy, id.get(), key, "group " + mapping.getValue());
            queues.put(id.get(), mapping.getKey());
        }
        Map<Integer, String> priorities = new HashMap<>();
        for (int priority = 1; priority <= FreshdeskAdapter.PRIORITY_NAMES.size(); priority++) {
            priorities.put(priority, FreshdeskAdapter.PRIORITY_NAMES.get(priority - 1));
        }
        Map<Integer, String> priorityMappedBy = new HashMap<>();
        for (Map.Entry<String, String> mapping : LabelMappings.read(properties, FreshdeskAdapter.PRIORITY_MAPPING)
                .entrySet()) {
            String key = FreshdeskAdapter.PRIORITY_MAPPING + " for '" + mapping.getKey() + "'";
            int priority = FreshdeskAdapter.priority(key, mapping.getValue());
            HelpDeskHistory.requireOneLabel(priorityMappedBy, priority, key, "priority " + mapping.getValue());
            priorities.put(priority, mapping.getKey());
        }
        Optional<Long> reviewGroup = properties.optional("freshdesk.review-group")
                .flatMap(value -> FreshdeskAdapter.findGroup(value, () -> groups));
        return new FreshdeskHistorySelection(queues, priorities, reviewGroup,
                properties.text("triage.marker-tag", "triaged"), triaged, tags);
    }

    /** @throws IllegalArgumentException for a ticket that cannot be read: no numeric id, an unknown priority */
    Verdict judge(JsonNode ticket) {
        if (!DONE_STATUSES.contains(ticket.path("status").asInt(-1))) {
            return new Excluded(NOT_DONE);
        }
        boolean marked = false;
        for (JsonNode tag : ticket.path("tags")) {
            marked |= tag.asText().equalsIgnoreCase(markerTag);
        }
        TriagedTickets.Marking marking = triaged.judge(FreshdeskTicketMapper.SYSTEM,
                String.valueOf(FreshdeskTicketMapper.id(ticket)), marked);
        if (marking == TriagedTickets.Marking.LEFT_OUT) {
            return new Excluded(TRIAGED);
        }
        JsonNode group = ticket.path("group_id");
        if (!group.canConvertToLong()) {
            return new Excluded(NO_GROUP);
        }
        if (reviewGroupId.isPresent() && reviewGroupId.get() == group.asLong()) {
            return new Excluded(REVIEW_GROUP);
        }
        String queue = queues.get(group.asLong());
        if (queue == null) {
            return new Excluded(UNKNOWN_GROUP);
        }
        String priority = priorities.get(ticket.path("priority").asInt(-1));
        if (priority == null) {
            throw new IllegalArgumentException("Freshdesk ticket " + ticket.path("id").asText() + " has the priority "
                    + ticket.path("priority") + ", which is not 1..4");
        }
        // Its tags as the fetch reads them: the strings of the list, anything else dropped with a warning.
        Ticket text = FreshdeskTicketMapper.toTicket(ticket);
        Map<String, String> labels = new HashMap<>();
        labels.put(TriagePolicy.QUEUE, queue);
        labels.put(TriagePolicy.PRIORITY, priority);
        tags.ifPresent(head -> labels.put(TagSet.HEAD, head.label(text.tags())));
        return new Kept(new LabelledTicket(text.subject(), text.body(), labels),
                marking == TriagedTickets.Marking.CORRECTED);
    }
}
