package io.tickettriage.triage;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadPrediction;
import java.util.Optional;

/**
 * Turns predictions into a decision. A prediction below its head's threshold is never written as if it were sure:
 * its field falls back (queue: unchanged or review queue; priority: unchanged) and the ticket is marked for review.
 *
 * @param queueThreshold    minimum confidence to set the queue
 * @param priorityThreshold minimum confidence to set the priority
 * @param queueFallback     what to do with the queue below its threshold
 */
public record TriagePolicy(double queueThreshold, double priorityThreshold, QueueFallback queueFallback) {

    public static final String QUEUE = "queue";
    public static final String PRIORITY = "priority";

    public TriagePolicy {
        requireProbability("queue threshold", queueThreshold);
        requireProbability("priority threshold", priorityThreshold);
    }

    public TriageDecision decide(Ticket ticket, Classification classification, String model) {
        HeadPrediction queue = classification.head(QUEUE);
        HeadPrediction priority = classification.head(PRIORITY);
        boolean queueSure = queue.confidence() >= queueThreshold;
        boolean prioritySure = priority.confidence() >= priorityThreshold;
        return new TriageDecision(ticket, classification,
                queueSure ? Optional.of(queue.label()) : Optional.empty(),
                !queueSure && queueFallback == QueueFallback.REVIEW,
                prioritySure ? Optional.of(priority.label()) : Optional.empty(),
                !queueSure || !prioritySure, model);
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
