package io.tickettriage.triage;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadPrediction;
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
 * @param queue         when the queue is set; empty when the model has no queue head
 * @param priority      when the priority is set; empty when the model has no priority head
 * @param queueFallback what to do with the queue when it is not set
 */
public record TriagePolicy(Optional<HeadGate> queue, Optional<HeadGate> priority, QueueFallback queueFallback) {

    public static final String QUEUE = "queue";
    public static final String PRIORITY = "priority";
    /** The heads the service decides and writes, in the order it reports them. */
    public static final List<String> HEADS = List.of(QUEUE, PRIORITY);

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

    /** The gate of {@code head} ({@link #QUEUE} or {@link #PRIORITY}); empty when the head is off. */
    public Optional<HeadGate> gate(String head) {
        return switch (head) {
            case QUEUE -> queue;
            case PRIORITY -> priority;
            default -> throw new IllegalArgumentException("the service decides " + HEADS + ", not '" + head + "'");
        };
    }

    public TriageDecision decide(Ticket ticket, Classification classification, String model) {
        Verdict queueVerdict = verdict(QUEUE, classification);
        Verdict priorityVerdict = verdict(PRIORITY, classification);
        return new TriageDecision(ticket, classification, queueVerdict.written(),
                queueVerdict.unsure() && queueFallback == QueueFallback.REVIEW, priorityVerdict.written(),
                queueVerdict.unsure() || priorityVerdict.unsure(), model);
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
