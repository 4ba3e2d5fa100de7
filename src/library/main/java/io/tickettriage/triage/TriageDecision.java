package io.tickettriage.triage;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadPrediction;
import java.util.Locale;
import java.util.Optional;

/**
 * What the pipeline asks an adapter's update side to write for one ticket. Labels are the model's; the adapter maps
 * them to its own values (a Freshdesk group id, a Zammad priority name …).
 *
 * @param ticket         the ticket as fetched (adapters need e.g. its current tags)
 * @param classification every head's prediction, for notes and metrics
 * @param queue          the queue label to set, or empty to leave the queue as it is
 * @param toReviewQueue  true when the queue prediction was not written (not confident, or of a class not live yet) and
 *                       the policy sends such tickets to review
 * @param priority       the priority label to set, or empty to leave the priority as it is
 * @param needsReview    true when any head was not written (below its threshold, or of a class not live yet);
 *                       adapters add the review tag
 * @param model          the identity of the model that decided ({@link io.tickettriage.classify.ModelId})
 */
public record TriageDecision(Ticket ticket, Classification classification, Optional<String> queue,
                             boolean toReviewQueue, Optional<String> priority, boolean needsReview, String model) {

    /** One line for progress logs, e.g. {@code freshdesk:1004 -> queue billing (91%), priority high (72%)}. */
    public String summary() {
        HeadPrediction q = classification.head(TriagePolicy.QUEUE);
        HeadPrediction p = classification.head(TriagePolicy.PRIORITY);
        String queuePart = queue.isPresent() ? "queue " + q.label() + " (" + percent(q.confidence()) + ")"
                : (toReviewQueue ? "review queue" : "queue unchanged") + " (best guess " + q.label() + " "
                + percent(q.confidence()) + ")";
        String priorityPart = priority.isPresent() ? "priority " + p.label() + " (" + percent(p.confidence()) + ")"
                : "priority unchanged (best guess " + p.label() + " " + percent(p.confidence()) + ")";
        return ticket.key() + " -> " + queuePart + ", " + priorityPart + (needsReview ? " [needs review]" : "")
                + " (model " + model + ")";
    }

    private static String percent(double confidence) {
        return String.format(Locale.ROOT, "%.0f%%", confidence * 100);
    }
}
