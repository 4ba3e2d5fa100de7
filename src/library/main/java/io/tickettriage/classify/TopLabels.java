package io.tickettriage.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one head's per-label probabilities into a {@link HeadPrediction}: the best labels, most probable first. A
 * multi-label head (tags) keeps more of them: each tag is decided on its own probability, and a ticket may well have
 * several.
 */
public final class TopLabels {

    /** Enough for a decision and an explanation of it; more is noise in a ticket note. */
    private static final int TOP = 3;
    /**
     * The tags kept per ticket: more than a ticket's tags usually number (the 4k set's have at most 8), so that any
     * tag that passes its threshold is among them.
     */
    static final int TOP_TAGS = 10;

    private TopLabels() {
    }

    /**
     * @param probabilities one per label of {@code head}, in the head's label order; softmax or independent sigmoids
     */
    public static HeadPrediction of(HeadSpec head, float[] probabilities) {
        return best(head, probabilities, head.multiLabel() ? TOP_TAGS : TOP);
    }

    /** All the labels, most probable first: what thresholds are chosen on, where every tag counts. */
    public static HeadPrediction ranked(HeadSpec head, float[] probabilities) {
        return best(head, probabilities, probabilities.length);
    }

    private static HeadPrediction best(HeadSpec head, float[] probabilities, int most) {
        if (probabilities.length != head.labels().size()) {
            throw new IllegalArgumentException("head '" + head.name() + "' has " + head.labels().size()
                    + " labels but the model gave " + probabilities.length + " probabilities");
        }
        // Selection, not sorting: it runs per head per ticket. Ties go to the lower label index, so equal scores
        // always give the same answer.
        int count = Math.min(most, probabilities.length);
        int[] best = new int[count];
        List<ScoredLabel> top = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int winner = -1;
            for (int i = 0; i < probabilities.length; i++) {
                if (!taken(best, k, i) && (winner < 0 || probabilities[i] > probabilities[winner])) {
                    winner = i;
                }
            }
            best[k] = winner;
            top.add(new ScoredLabel(head.labels().get(winner), probabilities[winner]));
        }
        return new HeadPrediction(head.name(), top);
    }

    private static boolean taken(int[] best, int count, int label) {
        for (int k = 0; k < count; k++) {
            if (best[k] == label) {
                return true;
            }
        }
        return false;
    }
}
