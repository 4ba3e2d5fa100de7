package io.tickettriage.triage;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadPrediction;
import java.util.Optional;

/**
 * Turns predictions into a decision. A prediction its head's gate does not let through (below its class's threshold,
 * or of a class not live yet) is never written as if it were sure: its field falls back (queue: unchanged or review
 * queue; priority: unchanged) and the ticket is marked for review.
 *
 * @param queue         when the queue is set
 * @param priority      when the priority is set
 * @param queueFallback what to do with the queue when it is not set
 */
public record TriagePolicy(HeadGate queue, HeadGate priority, QueueFallback queueFallback) {

    public static final String QUEUE = "queue";
    public static final String PRIORITY = "priority";

    /** One threshold per head for every class, every class live. */
    public TriagePolicy(double queueThreshold, double priorityThreshold, QueueFallback queueFallback) {
        this(HeadGate.global(queueThreshold), HeadGate.global(priorityThreshold), queueFallback);
    }

    public TriageDecision decide(Ticket ticket, Classification classification, String model) {
        HeadPrediction queuePrediction = classification.head(QUEUE);
        HeadPrediction priorityPrediction = classification.head(PRIORITY);
        boolean queueSure = queue.writes(queuePrediction);
        boolean prioritySure = priority.writes(priorityPrediction);
        return new TriageDecision(ticket, classification,
                queueSure ? Optional.of(queuePrediction.label()) : Optional.empty(),
                !queueSure && queueFallback == QueueFallback.REVIEW,
                prioritySure ? Optional.of(priorityPrediction.label()) : Optional.empty(),
                !queueSure || !prioritySure, model);
    }
}
