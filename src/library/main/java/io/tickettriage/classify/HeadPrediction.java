package io.tickettriage.classify;

import java.util.List;
import java.util.Map;

/**
 * One head's answer for one ticket.
 *
 * @param head    the head's name, e.g. {@code queue}
 * @param top        the best labels, most probable first (at most three; for a multi-label head, tags, each with its
 *                   own independent probability, at most ten)
 * @param reasons    words or phrases of the ticket that pushed most towards the best label, strongest first; empty
 *                   when the model cannot tell (a transformer) or nothing in the ticket spoke for the label
 * @param tagReasons for a multi-label head, the reasons of each tag in {@code top} that were asked for, by tag; empty
 *                   for other heads
 */
public record HeadPrediction(String head, List<ScoredLabel> top, List<String> reasons,
                             Map<String, List<String>> tagReasons) {

    public HeadPrediction {
        if (top.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one label");
        }
        top = List.copyOf(top);
        reasons = List.copyOf(reasons);
        tagReasons = Map.copyOf(tagReasons);
    }

    /** A single-label prediction with its best label's reasons. */
    public HeadPrediction(String head, List<ScoredLabel> top, List<String> reasons) {
        this(head, top, reasons, Map.of());
    }

    /** A prediction without reasons. */
    public HeadPrediction(String head, List<ScoredLabel> top) {
        this(head, top, List.of());
    }

    public HeadPrediction withReasons(List<String> newReasons) {
        return new HeadPrediction(head, top, newReasons, tagReasons);
    }

    /** The same with each tag's reasons; the best tag's are also the prediction's. */
    public HeadPrediction withTagReasons(Map<String, List<String>> byTag) {
        return new HeadPrediction(head, top, byTag.getOrDefault(label(), List.of()), byTag);
    }

    /** The reasons of one label: a tag's own, or for the best label the prediction's. */
    public List<String> reasonsFor(String label) {
        return tagReasons.getOrDefault(label, label.equals(label()) ? reasons : List.of());
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
