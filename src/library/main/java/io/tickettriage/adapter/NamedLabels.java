package io.tickettriage.adapter;

import io.tickettriage.triage.TicketOutcome;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The label mappings of a help desk whose tickets carry their queue and priority by name (Zammad's group, OTOBO's
 * queue), as the Kamelets take them. The update action writes with them; the fetch action reads them backwards, to
 * tell which labels the agents chose. Reading needs no call: the desk's answers carry the names.
 *
 * @param queues      queue label → queue name, in the mapping's order
 * @param priorities  priority label → priority name, in the mapping's order
 * @param reviewQueue the review queue's name, if one is configured
 */
public record NamedLabels(Map<String, String> queues, Map<String, String> priorities, Optional<String> reviewQueue) {

    public NamedLabels {
        // In the mapping's order, so that reading a name backwards finds the first label mapped to it.
        queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
        priorities = Collections.unmodifiableMap(new LinkedHashMap<>(priorities));
    }

    /**
     * The Kamelet properties' mappings.
     *
     * @param defaultPriorities the desk's own priorities for low, medium, high and urgent, for an empty
     *                          {@code priorityMapping}; ordered, as a mapping is
     * @throws IllegalArgumentException naming the property whose pair is wrong
     */
    public static NamedLabels of(String queueMapping, String priorityMapping, Map<String, String> defaultPriorities,
                                 Optional<String> reviewQueue) {
        Map<String, String> priorities = LabelMapping.parse(priorityMapping, "priorityMapping");
        return new NamedLabels(LabelMapping.parse(queueMapping, "queueMapping"),
                priorities.isEmpty() ? defaultPriorities : priorities, reviewQueue);
    }

    /**
     * What a ticket that needs no triage carries, in labels.
     *
     * @param queue    its queue's name, empty for none
     * @param priority its priority's name
     * @param done     whether the desk counts its state as finished
     */
    public TicketOutcome outcome(String helpdesk, String id, String queue, String priority, boolean done,
                                 Instant updatedAt) {
        Optional<String> label = reviewQueue.filter(queue::equals).isPresent() ? Optional.empty()
                : labelOf(queues, queue);
        return new TicketOutcome(helpdesk, id, label, labelOf(priorities, priority), done, updatedAt);
    }

    /** The first label mapped to {@code name}, in the mapping's order. */
    private static Optional<String> labelOf(Map<String, String> mapping, String name) {
        return mapping.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                .findFirst();
    }
}
