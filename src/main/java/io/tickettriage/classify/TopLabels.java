package io.tickettriage.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Turns one head's per-label probabilities into a {@link HeadPrediction}: the best labels, most probable first. */
public final class TopLabels {

    /** Enough for a decision and an explanation of it; more is noise in a ticket note. */
    private static final int TOP = 3;

    private TopLabels() {
    }

    /**
     * @param probabilities one per label of {@code head}, in the head's label order; softmax or independent sigmoids
     */
    public static HeadPrediction of(HeadSpec head, float[] probabilities) {
        if (probabilities.length != head.labels().size()) {
            throw new IllegalArgumentException("head '" + head.name() + "' has " + head.labels().size()
                    + " labels but the model gave " + probabilities.length + " probabilities");
        }
        Integer[] order = new Integer[probabilities.length];
        Arrays.setAll(order, i -> i);
        // Ties go to the lower label index, so equal scores always give the same answer.
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -probabilities[i]).thenComparing(i -> i));
        List<ScoredLabel> top = new ArrayList<>(TOP);
        for (int k = 0; k < Math.min(TOP, order.length); k++) {
            top.add(new ScoredLabel(head.labels().get(order[k]), probabilities[order[k]]));
        }
        return new HeadPrediction(head.name(), top);
    }
}
