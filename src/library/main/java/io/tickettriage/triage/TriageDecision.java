package io.tickettriage.triage;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadPrediction;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pipeline asks an adapter's update side to write for one ticket. Labels are the model's; the adapter maps
 * them to its own values (a Freshdesk group id, a Zammad priority name …).
 *
 * @param ticket         the ticket as fetched (adapters need e.g. its current tags)
 * @param classification every head's prediction, for notes and metrics
 * @param queue          the queue label to set, or empty to leave the queue as it is (as for a model without a
 *                       queue head: {@link #absent()})
 * @param toReviewQueue  true when the queue prediction was not written (not confident, or of a class not live yet) and
 *                       the policy sends such tickets to review
 * @param priority       the priority label to set, or empty to leave the priority as it is
 * @param needsReview    true when any head was not written (below its threshold, or of a class not live yet);
 *                       adapters add the review tag
 * @param model          the identity of the model that decided ({@link io.tickettriage.classify.ModelId})
 * @param tags           the tags to add, each past its own threshold, most probable first; the ticket's own tags are
 *                       kept beside them. Empty when none passed or the model has no tags head: a missing tag is no
 *                       reason for review
 * @param resemblance    the desk's recent tickets this one looks like, and its burst: for the note and the
 *                       possible-duplicate marker
 */
public record TriageDecision(Ticket ticket, Classification classification, Optional<String> queue,
                             boolean toReviewQueue, Optional<String> priority, boolean needsReview, String model,
                             List<String> tags, Resemblance resemblance) {

    public TriageDecision {
        tags = List.copyOf(tags);
        Objects.requireNonNull(resemblance, "resemblance");
    }

    /** A decision that adds no tags and resembles no other ticket (yet: see {@link #withResemblance}). */
    public TriageDecision(Ticket ticket, Classification classification, Optional<String> queue, boolean toReviewQueue,
                          Optional<String> priority, boolean needsReview, String model) {
        this(ticket, classification, queue, toReviewQueue, priority, needsReview, model, List.of());
    }

    /** A decision that adds {@code tags} and resembles no other ticket (yet: see {@link #withResemblance}). */
    public TriageDecision(Ticket ticket, Classification classification, Optional<String> queue, boolean toReviewQueue,
                          Optional<String> priority, boolean needsReview, String model, List<String> tags) {
        this(ticket, classification, queue, toReviewQueue, priority, needsReview, model, tags, Resemblance.NONE);
    }

    /** The same decision with what the ticket has in common with the desk's recent tickets. */
    public TriageDecision withResemblance(Resemblance found) {
        return new TriageDecision(ticket, classification, queue, toReviewQueue, priority, needsReview, model, tags,
                found);
    }

    /** The heads the service decides that the model does not have: their fields are left as the desk has them. */
    public List<String> absent() {
        return TriagePolicy.HEADS.stream().filter(head -> !classification.heads().containsKey(head)).toList();
    }

    /**
     * One line for progress logs, e.g. {@code freshdesk:1004 -> queue billing (91%), priority high (72%)}; a head the
     * model does not have, e.g. {@code priority left as the desk has it: the model has no priority head}.
     */
    public String summary() {
        String queuePart = part(TriagePolicy.QUEUE, queue, toReviewQueue ? "review queue" : "queue unchanged");
        String priorityPart = part(TriagePolicy.PRIORITY, priority, "priority unchanged");
        return ticket.key() + " -> " + queuePart + ", " + priorityPart
                + (tags.isEmpty() ? "" : ", tags " + String.join(", ", tags)) + (needsReview ? " [needs review]" : "")
                + (resemblance.possibleDuplicate() ? " [possible duplicate of " + String.join(", ",
                resemblance.lookalikes().stream().map(Resemblance.Lookalike::shown).toList()) + "]" : "")
                + " (model " + model + ")";
    }

    private String part(String head, Optional<String> written, String fallback) {
        HeadPrediction prediction = classification.heads().get(head);
        if (prediction == null) {
            return head + " " + TriagePolicy.absent(head);
        }
        return written.isPresent() ? head + " " + prediction.label() + " (" + percent(prediction.confidence()) + ")"
                : fallback + " (best guess " + prediction.label() + " " + percent(prediction.confidence()) + ")";
    }

    private static String percent(double confidence) {
        return String.format(Locale.ROOT, "%.0f%%", confidence * 100);
    }
}
