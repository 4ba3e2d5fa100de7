package io.tickettriage.classify;

import java.util.AbstractList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * One head's answer for one ticket.
 *
 * @param head       the head's name, e.g. {@code queue}
 * @param top        the best labels, most probable first (at most three; for a multi-label head, tags, each with its
 *                   own independent probability, at most ten)
 * @param reasons    words or phrases of the ticket that pushed most towards the best label, strongest first; empty
 *                   when the model cannot tell (a transformer) or nothing in the ticket spoke for the label; a linear
 *                   model computes them when they are first read (a note, {@code classify}), not when nothing shows
 *                   them
 * @param tagReasons for a multi-label head, the reasons of each tag in {@code top} that were asked for, by tag,
 *                   computed when first read as {@code reasons} are; empty for other heads
 */
public record HeadPrediction(String head, List<ScoredLabel> top, List<String> reasons,
                             Map<String, List<String>> tagReasons) {

    public HeadPrediction {
        if (top.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one label");
        }
        top = List.copyOf(top);
        reasons = kept(reasons);
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        tagReasons.forEach((tag, its) -> byTag.put(tag, kept(its)));
        tagReasons = Collections.unmodifiableMap(byTag);
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

    /**
     * Reasons that {@code computed} gives when they are first read (by {@link #reasons()}, {@link #reasonsFor}, or
     * {@code equals} and {@code toString}, which show them); {@code computed} must be thread-safe and compute at most
     * once.
     */
    static List<String> deferred(Supplier<List<String>> computed) {
        return new Deferred(computed);
    }

    /**
     * Of head and labels only: equal predictions still hash alike, and hashing one (Camel keys its bean cache by a
     * body's hash, a decision holding its predictions) does not compute reasons nothing shows.
     */
    @Override
    public int hashCode() {
        return Objects.hash(head, top);
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

    /** Reasons deferred stay deferred; others are copied. */
    private static List<String> kept(List<String> reasons) {
        return reasons instanceof Deferred ? reasons : List.copyOf(reasons);
    }

    /** An unmodifiable list that is what its supplier gives, asked for on first read. */
    private static final class Deferred extends AbstractList<String> implements RandomAccess {
        private final Supplier<List<String>> computed;

        Deferred(Supplier<List<String>> computed) {
            this.computed = computed;
        }

        @Override
        public String get(int index) {
            return computed.get().get(index);
        }

        @Override
        public int size() {
            return computed.get().size();
        }
    }
}
