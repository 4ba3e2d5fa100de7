package io.tickettriage.classify;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * One head's answer for one ticket.
 *
 * @param head    the head's name, e.g. {@code queue}
 * @param top     the best labels, most probable first (at most three)
 * @param reasons words or phrases of the ticket that pushed most towards the best label, strongest first; empty when
 *                the model cannot tell (a transformer) or nothing in the ticket spoke for the label; a linear model
 *                computes them when they are first read (a note, {@code classify}), not when nothing shows them
 */
public record HeadPrediction(String head, List<ScoredLabel> top, List<String> reasons) {

    public HeadPrediction {
        if (top.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one label");
        }
        top = List.copyOf(top);
        reasons = reasons instanceof Deferred ? reasons : List.copyOf(reasons);
    }

    /** A prediction without reasons. */
    public HeadPrediction(String head, List<ScoredLabel> top) {
        this(head, top, List.of());
    }

    public HeadPrediction withReasons(List<String> newReasons) {
        return new HeadPrediction(head, top, newReasons);
    }

    /**
     * This prediction with reasons that {@code computed} gives when they are first read (by {@link #reasons()}, or
     * {@code equals} and {@code toString}, which show them); {@code computed} must be thread-safe and compute at most
     * once.
     */
    HeadPrediction withDeferredReasons(Supplier<List<String>> computed) {
        return new HeadPrediction(head, top, new Deferred(computed));
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
