package io.tickettriage.classify;

import java.util.List;

/**
 * One head's answer for one ticket.
 *
 * @param head the head's name, e.g. {@code queue}
 * @param top  the best labels, most probable first (at most three)
 */
public record HeadPrediction(String head, List<ScoredLabel> top) {

    public HeadPrediction {
        if (top.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one label");
        }
        top = List.copyOf(top);
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
