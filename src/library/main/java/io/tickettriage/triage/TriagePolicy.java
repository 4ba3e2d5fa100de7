package io.tickettriage.triage;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.classify.TagSet;
import java.util.List;
import java.util.Optional;

/**
 * Turns predictions into a decision. A prediction its head's gate does not let through (below its class's threshold,
 * or of a class not live yet) is never written as if it were sure: its field falls back (queue: unchanged or review
 * queue; priority: unchanged) and the ticket is marked for review.
 *
 * <p>A head the model does not have (a model trained on queue labels only, say) is off: its field is left as the desk
 * has it, and it neither sends the ticket to review nor to the review queue. Such a policy has no gate for it.
 *
 * <p>Tags are decided one by one: each tag the model gives is added when it passes its own gate, and a tag that does not
 * is simply not added. A missing tag is no error, so tags never send a ticket to review.
 *
 * @param queue         when the queue is set; empty when the model has no queue head
 * @param priority      when the priority is set; empty when the model has no priority head
 * @param queueFallback what to do with the queue when it is not set
 * @param tags          when a tag is added; empty when the model has no tags head
 */
public record TriagePolicy(Optional<HeadGate> queue, Optional<HeadGate> priority, QueueFallback queueFallback,
                           Optional<HeadGate> tags) {

    public static final String QUEUE = "queue";
    public static final String PRIORITY = "priority";
    /** The tags head: a multi-label head, decided tag by tag, never a reason for review. */
    public static final String TAGS = TagSet.HEAD;
    /** The heads the service decides and writes, in the order it reports them. */
    public static final List<String> HEADS = List.of(QUEUE, PRIORITY);

    /** Queue and priority as given, no tags head. */
    public TriagePolicy(Optional<HeadGate> queue, Optional<HeadGate> priority, QueueFallback queueFallback) {
        this(queue, priority, queueFallback, Optional.empty());
    }

    /** One threshold per head for every class, every class live, both heads on. */
    public TriagePolicy(double queueThreshold, double priorityThreshold, QueueFallback queueFallback) {
        this(Optional.of(HeadGate.global(queueThreshold)), Optional.of(HeadGate.global(priorityThreshold)),
                queueFallback);
    }

    /**
     * What the note and the log say of a head the model does not have, e.g. {@code left as the desk has it: the model
     * has no priority head}.
     */
    public static String absent(String head) {
        return "left as the desk has it: the model has no " + head + " head";
    }

    /** The gate of {@code head} ({@link #QUEUE}, {@link #PRIORITY} or {@link #TAGS}); empty when the head is off. */
    public Optional<HeadGate> gate(String head) {
        return switch (head) {
            case QUEUE -> queue;
            case PRIORITY -> priority;
            case TAGS -> tags;
            default -> throw new IllegalArgumentException("the service decides " + HEADS + " and " + TAGS + ", not '"
                    + head + "'");
        };
    }

    public TriageDecision decide(Ticket ticket, Classification classification, String model) {
        Verdict queueVerdict = verdict(QUEUE, classification);
        Verdict priorityVerdict = verdict(PRIORITY, classification);
        return new TriageDecision(ticket, classification, queueVerdict.written(),
                queueVerdict.unsure() && queueFallback == QueueFallback.REVIEW, priorityVerdict.written(),
                queueVerdict.unsure() || priorityVerdict.unsure(), model, tags(classification));
    }

    /** The tags to add: each tag of the prediction that passes its own gate, most probable first. */
    private List<String> tags(Classification classification) {
        HeadPrediction prediction = classification.heads().get(TAGS);
        if (prediction == null) {
            return List.of();
        }
        HeadGate gate = tags.orElseThrow(() -> new IllegalStateException("the policy has no gate for the model's "
                + "tags head: make the policy for the model that classifies"));
        return prediction.top().stream().filter(gate::writes).map(ScoredLabel::label).toList();
    }

    /** One head's outcome: the label to write, and whether a prediction was held back for being unsure. */
    private record Verdict(Optional<String> written, boolean unsure) {
    }

    private Verdict verdict(String head, Classification classification) {
        HeadPrediction prediction = classification.heads().get(head);
        if (prediction == null) {
            return new Verdict(Optional.empty(), false);
        }
        // A policy is made for its model (DecisionSettings.policyFor): a gate missing for a head it predicts is a bug.
        HeadGate gate = gate(head).orElseThrow(() -> new IllegalStateException("the policy has no threshold for the "
                + "model's " + head + " head: make the policy for the model that classifies"));
        boolean sure = gate.writes(prediction);
        return new Verdict(sure ? Optional.of(prediction.label()) : Optional.empty(), !sure);
    }
}
