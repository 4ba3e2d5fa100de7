package io.tickettriage.classify;

import java.util.ArrayList;
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
        // Selection, not sorting: it runs per head per ticket. Ties go to the lower label index, so equal scores
        // always give the same answer.
        int count = Math.min(TOP, probabilities.length);
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
