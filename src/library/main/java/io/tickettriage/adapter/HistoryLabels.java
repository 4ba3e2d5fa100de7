package io.tickettriage.adapter;

import io.tickettriage.adapter.HelpDeskHistory.Excluded;
import io.tickettriage.adapter.HelpDeskHistory.Kept;
import io.tickettriage.adapter.HelpDeskHistory.Reason;
import io.tickettriage.adapter.HelpDeskHistory.Verdict;
import io.tickettriage.classify.TagSet;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.dataset.LabelledTicket;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriagePolicy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which tickets of a help desk whose tickets carry their queue and priority by name (Zammad's group, OTOBO's queue)
 * teach the model, and their labels: the inverse of what the update Kamelet writes. A ticket in a done state teaches
 * the label that {@code <desk>.queue-mapping} maps to its queue, else the queue's own name, and the label that
 * {@code <desk>.priority-mapping} maps to its priority, else the priority's name.
 *
 * <p>Tickets carrying ticket-triage's marker follow {@link TriagedTickets}. Tickets in the review queue are always
 * left out: it is where uncertain predictions wait, not a queue. With {@code tags}, a kept ticket also teaches the
 * tags head the values it carries ({@link HistoryTags}).
 *
 * @param queues        queue name → label
 * @param priorities    priority name → label
 * @param doneStates    the state names of tickets people have finished with
 * @param reviewQueue   the review queue's name, if one is configured
 * @param system        the desk's adapter name, as in {@link Ticket#system()}
 * @param triaged       which tickets with the marker teach
 * @param reasons       the desk's words for why a ticket is left out
 * @param tags          how a kept ticket's tags become the tags head's label; empty: no tags head
 */
public record HistoryLabels(Map<String, String> queues, Map<String, String> priorities, Set<String> doneStates,
                            Optional<String> reviewQueue, String system, TriagedTickets triaged, Reasons reasons,
                            Optional<HistoryTags> tags) {

    /** Why a listed ticket is not training data, in the desk's words; a ticket counts under the first that applies. */
    public record Reasons(Reason notDone, Reason marked, Reason noQueue, Reason reviewQueue) {

        /** Most telling first. */
        public List<Reason> all() {
            return List.of(notDone, marked, noQueue, reviewQueue);
        }
    }

    public HistoryLabels {
        queues = Map.copyOf(queues);
        priorities = Map.copyOf(priorities);
        doneStates = Set.copyOf(doneStates);
    }

    /**
     * The labels the configuration describes.
     *
     * @param queueMapping    e.g. {@code zammad.queue-mapping}
     * @param priorityMapping e.g. {@code zammad.priority-mapping}
     * @param queue           what a queue is called there, for messages, e.g. "group"
     * @throws io.tickettriage.config.ConfigurationException when two labels map to one queue or priority
     */
    public static HistoryLabels of(TriageProperties properties, String queueMapping, String priorityMapping,
                                   String queue, Set<String> doneStates, Optional<String> reviewQueue,
                                   String system, TriagedTickets triaged, Reasons reasons,
                                   Optional<HistoryTags> tags) {
        return new HistoryLabels(HelpDeskHistory.labelsByValue(properties, queueMapping, queue),
                HelpDeskHistory.labelsByValue(properties, priorityMapping, "priority"), doneStates, reviewQueue,
                system, triaged, reasons, tags);
    }

    /**
     * @param id       the desk's ticket id
     * @param state    the ticket's state name
     * @param marked   whether it carries ticket-triage's marker
     * @param queue    its queue name, empty for none
     * @param priority its priority name
     * @param text     its subject and body, asked for only when the ticket is kept (it may cost a call)
     * @param carried  the values where the desk keeps its tags, asked for only when the ticket is kept and a tags
     *                 head is learned (it may cost a call)
     * @throws IllegalArgumentException for a kept ticket without a priority, or one whose text or tags cannot be read
     */
    public Verdict judge(String id, String state, boolean marked, String queue, String priority,
                         Supplier<Ticket> text, Supplier<? extends Collection<String>> carried) {
        if (!doneStates.contains(state)) {
            return new Excluded(reasons.notDone());
        }
        TriagedTickets.Marking marking = triaged.judge(system, id, marked);
        if (marking == TriagedTickets.Marking.LEFT_OUT) {
            return new Excluded(reasons.marked());
        }
        if (queue.isEmpty()) {
            return new Excluded(reasons.noQueue());
        }
        if (reviewQueue.filter(queue::equals).isPresent()) {
            return new Excluded(reasons.reviewQueue());
        }
        if (priority.isEmpty()) {
            throw new IllegalArgumentException("the ticket has no priority");
        }
        Ticket ticket = text.get();
        Map<String, String> labels = new HashMap<>();
        labels.put(TriagePolicy.QUEUE, queues.getOrDefault(queue, queue));
        labels.put(TriagePolicy.PRIORITY, priorities.getOrDefault(priority, priority));
        tags.ifPresent(head -> labels.put(TagSet.HEAD, head.label(carried.get())));
        return new Kept(new LabelledTicket(ticket.subject(), ticket.body(), labels),
                marking == TriagedTickets.Marking.CORRECTED);
    }
}
