package io.tickettriage.classify;

import java.util.List;

/**
 * One head's answer for one ticket.
 *
 * @param head    the head's name, e.g. {@code queue}
 * @param top     the best labels, most probable first (at most three)
 * @param reasons words or phrases of the ticket that pushed most towards the best label, strongest first; empty when
 *                the model cannot tell (a transformer) or nothing in the ticket spoke for the label
 */
public record HeadPrediction(String head, List<ScoredLabel> top, List<String> reasons) {

    public HeadPrediction {
        if (top.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one label");
        }
        top = List.copyOf(top);
        reasons = List.copyOf(reasons);
    }

    /** A prediction without reasons. */
    public HeadPrediction(String head, List<ScoredLabel> top) {
        this(head, top, List.of());
    }

    public HeadPrediction withReasons(List<String> newReasons) {
        return new HeadPrediction(head, top, newReasons);
    }

    public String label() {
        return top.get(0).label();
    }

    public double confidence() {
        return top.get(0).confidence();
    }

    /** The labels after the best one, for notes that explain a decision. */
    public List<ScoredLabel> runnersUp() {
        return top.subList(1, top.size());
    }
}
