package io.tickettriage.model;

import java.util.Arrays;
import java.util.Random;

/**
 * The L2-regularised linear SVM with squared hinge loss, solved in the dual by coordinate descent with shrinking (Hsieh
 * et al., ICML 2008): the algorithm of liblinear's {@code L2R_L2LOSS_SVC_DUAL}, the learner behind scikit-learn's
 * LinearSVC. Here it runs over {@link SparseRows}, one array of primitives, instead of liblinear-java's one
 * {@code FeatureNode} object per non-zero: those objects were most of the training's live memory (28 bytes per
 * non-zero against 8), and the garbage collector copying millions of them made the default JVM grow its heap. The
 * steps follow liblinear's order (positive instances first, then one seeded shuffle per pass), so the weights are
 * liblinear's for the same values ({@code LinearSvmTest} holds the two together).
 */
final class LinearSvm {

    private static final int MAX_PASSES = 1000;

    private LinearSvm() {
    }

    /**
     * @param rows      all the rows
     * @param instances which rows take part, in this order
     * @param positive  per row: whether it is of the class the weights are to speak for
     * @param cost      C of each row, by row index: liblinear's C times the row's class weight (its {@code -wi})
     * @param tolerance stop when the projected gradients span less than this
     * @param random    the shuffle of each pass
     * @param w         where the weights go, one per feature of {@code rows}: a caller's spare array, cleared here
     * @param alpha     the dual variables, one per instance in the solver's order (positives first): read as the
     *                  start (all zero: liblinear's own start) and left holding the solution, so that a solve with a
     *                  nearby C can start from this one's (a warm start: the same optimum, in fewer passes)
     * @param scale     per feature, what its values are multiplied by before they are learned from (NB weighting),
     *                  or {@code null} for the values as they are; the weights returned are for the unscaled values
     * @return {@code w}, positive margins meaning the class
     */
    static double[] train(SparseRows rows, int[] instances, boolean[] positive, double[] cost, double tolerance,
                          Random random, double[] w, double[] alpha, float[] scale) {
        if (alpha.length != instances.length) {
            throw new IllegalArgumentException(alpha.length + " dual variables for " + instances.length
                    + " instances");
        }
        Arrays.fill(w, 0);
        // Like liblinear: the positive instances first, then the negative ones, each in the given order.
        int[] order = new int[instances.length];
        int at = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i : instances) {
                if (positive[i] == (pass == 0)) {
                    order[at++] = i;
                }
            }
        }
        solve(rows, order, positive, cost, tolerance, random, w, alpha, scale);
        if (scale != null) {
            // Learned on scaled values: the same margins on the raw values need the scale in the weights.
            for (int f = 0; f < scale.length; f++) {
                w[f] *= scale[f];
            }
        }
        return w;
    }

    private static void solve(SparseRows rows, int[] order, boolean[] positive, double[] cost, double tolerance,
                              Random random, double[] w, double[] alpha, float[] scale) {
        int l = order.length;
        double[] y = new double[l];
        double[] d = new double[l];
        double[] diagonal = new double[l];
        int[] index = new int[l];
        for (int s = 0; s < l; s++) {
            int i = order[s];
            y[s] = positive[i] ? 1 : -1;
            // The squared hinge loss puts 1/(2C) on the diagonal of the dual's Q and leaves alpha unbounded above.
            d[s] = 0.5 / cost[i];
            diagonal[s] = d[s] + (scale == null ? rows.squaredNorm(i) : rows.squaredNorm(i, scale));
            index[s] = s;
            if (alpha[s] != 0) {
                // w = sum of alpha_s y_s x_s: the primal weights of the starting point.
                add(rows, w, i, alpha[s] * y[s], scale);
            }
        }
        // Alpha has no upper bound here, so only the lower bound's side of shrinking applies.
        double maxOld = Double.POSITIVE_INFINITY;
        int active = l;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            double maxNew = Double.NEGATIVE_INFINITY;
            double minNew = Double.POSITIVE_INFINITY;
            for (int s = 0; s < active; s++) {
                int j = s + random.nextInt(active - s);
                int swap = index[s];
                index[s] = index[j];
                index[j] = swap;
            }
            for (int s = 0; s < active; s++) {
                int t = index[s];
                int i = order[t];
                double margin = scale == null ? rows.dot(w, i) : rows.dot(w, i, scale);
                double gradient = y[t] * margin - 1 + alpha[t] * d[t];
                double projected = 0;
                if (alpha[t] == 0) {
                    if (gradient > maxOld) {
                        // Shrinking: at its bound and likely to stay there, it leaves the active set for now.
                        active--;
                        index[s] = index[active];
                        index[active] = t;
                        s--;
                        continue;
                    }
                    if (gradient < 0) {
                        projected = gradient;
                    }
                } else {
                    projected = gradient;
                }
                maxNew = Math.max(maxNew, projected);
                minNew = Math.min(minNew, projected);
                if (Math.abs(projected) > 1.0e-12) {
                    double old = alpha[t];
                    alpha[t] = Math.max(alpha[t] - gradient / diagonal[t], 0);
                    add(rows, w, i, (alpha[t] - old) * y[t], scale);
                }
            }
            if (maxNew - minNew <= tolerance) {
                if (active == l) {
                    break;
                }
                // Converged on the active set: one more pass over all, in case a shrunk instance should be back.
                active = l;
                maxOld = Double.POSITIVE_INFINITY;
                continue;
            }
            maxOld = maxNew <= 0 ? Double.POSITIVE_INFINITY : maxNew;
        }
    }

    private static void add(SparseRows rows, double[] w, int i, double step, float[] scale) {
        if (scale == null) {
            rows.addTo(w, i, step);
        } else {
            rows.addTo(w, i, step, scale);
        }
    }
}
