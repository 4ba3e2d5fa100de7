package io.tickettriage.model;

import java.util.Arrays;

/**
 * Vector scaling: per class, a scale and an offset on its margin, {@code softmax(scale_c · margin_c + offset_c)},
 * fitted to held-out labels by maximum likelihood (with Platt's smoothed targets, {@link #fit}). One-vs-rest problems are solved apart, so one class's margins can be
 * sharper or shifted against another's; one temperature for all (which this replaced) cannot correct that, and
 * per-class sigmoids (scikit-learn's CalibratedClassifierCV) would need a graph other than softmax. The scales and
 * offsets fold into each class's weights and bias, so the graph stays a softmax over linear scores.
 *
 * @param scale  per class, what its margin is multiplied by
 * @param offset per class, what is then added
 */
record Calibration(double[] scale, double[] offset) {

    /**
     * Fixes the one direction the likelihood is flat in (the same constant added to every offset changes no
     * probability), and keeps the Newton steps defined when a class's margins are constant; small beside the
     * likelihood of even a few tickets.
     */
    private static final double RIDGE = 1e-3;
    private static final int MAX_STEPS = 100;
    private static final double GRADIENT_TOLERANCE = 1e-9;

    Calibration {
        if (scale.length != offset.length) {
            throw new IllegalArgumentException(scale.length + " scales for " + offset.length + " offsets");
        }
        scale = scale.clone();
        offset = offset.clone();
    }

    /**
     * The maximum-likelihood scales and offsets, against Platt's smoothed targets: an example of a class with n
     * examples counts as (n + 1) / (n + 2) that class and the rest spread over the others, Platt's rule for sigmoids
     * (scikit-learn's too) carried over to the softmax. With plain 0/1 targets, margins that separate the classes perfectly (small or easy data)
     * would drive the scales to infinity and every confidence to 100 %; smoothed, a class's confidence stays below
     * what its number of examples can show. The loss is convex in the parameters (a softmax over scores linear in
     * them), so Newton's method with a backtracking line search, started from the raw margins, finds the optimum in
     * a few steps, the same on every run.
     *
     *
     * <p>With {@code sharedScale}, one scale for all classes (a temperature) and an offset per class: fewer
     * parameters, for data too small or too noisy to set a scale per class. Which of the two a head gets is for the
     * settings search to find out.
     *
     * @param margins     one row of class margins per example
     * @param labels      the true class index of each example
     * @param sharedScale whether the classes share one scale
     */
    static Calibration fit(double[][] margins, int[] labels, boolean sharedScale) {
        int classes = margins[0].length;
        int[] examples = new int[classes];
        for (int label : labels) {
            examples[label]++;
        }
        double[][] targets = new double[classes][classes];
        for (int label = 0; label < classes; label++) {
            double sure = (examples[label] + 1.0) / (examples[label] + 2.0);
            Arrays.fill(targets[label], (1 - sure) / (classes - 1));
            targets[label][label] = sure;
        }
        double[] theta = new double[2 * classes];
        Arrays.fill(theta, 0, classes, 1);
        for (int step = 0; step < MAX_STEPS; step++) {
            Derivatives at = derivatives(margins, labels, targets, theta, true);
            if (sharedScale) {
                at = shareScale(at, classes);
            }
            double largest = 0;
            for (double g : at.gradient()) {
                largest = Math.max(largest, Math.abs(g));
            }
            if (largest < GRADIENT_TOLERANCE * margins.length) {
                break;
            }
            double[] direction = solve(at.hessian(), at.gradient());
            if (sharedScale) {
                direction = unshare(direction, classes);
            }
            double length = 1;
            double[] next = new double[theta.length];
            while (true) {
                for (int k = 0; k < theta.length; k++) {
                    next[k] = theta[k] - length * direction[k];
                }
                if (derivatives(margins, labels, targets, next, false).loss() <= at.loss() || length < 1e-10) {
                    break;
                }
                length /= 2;
            }
            System.arraycopy(next, 0, theta, 0, theta.length);
        }
        return new Calibration(Arrays.copyOf(theta, classes),
                Arrays.copyOfRange(theta, classes, 2 * classes));
    }

    /**
     * The derivatives with respect to one scale that all classes share, then the offsets: the chain rule through
     * {@code scale_c = s} sums the scales' rows and columns.
     */
    private static Derivatives shareScale(Derivatives full, int classes) {
        int n = classes + 1;
        double[] gradient = new double[n];
        double[][] hessian = new double[n][n];
        for (int c = 0; c < classes; c++) {
            gradient[0] += full.gradient()[c];
            gradient[1 + c] = full.gradient()[classes + c];
            for (int d = 0; d < classes; d++) {
                hessian[0][0] += full.hessian()[c][d];
                hessian[0][1 + d] += full.hessian()[c][classes + d];
                hessian[1 + c][0] += full.hessian()[classes + c][d];
                hessian[1 + c][1 + d] = full.hessian()[classes + c][classes + d];
            }
        }
        return new Derivatives(full.loss(), gradient, hessian);
    }

    /** A step in the shared scale and the offsets, as a step in every class's scale and offset. */
    private static double[] unshare(double[] step, int classes) {
        double[] full = new double[2 * classes];
        Arrays.fill(full, 0, classes, step[0]);
        System.arraycopy(step, 1, full, classes, classes);
        return full;
    }

    /**
     * The mean negative log-likelihood of the true labels under these probabilities: how well margins that no model
     * saw the labels of are ranked and calibrated together, the settings search's measure (lower is better).
     */
    double logLoss(double[][] margins, int[] labels) {
        double sum = 0;
        for (int i = 0; i < margins.length; i++) {
            sum -= Math.log(Math.max(softmax(margins[i], scale, offset)[labels[i]], Double.MIN_NORMAL));
        }
        return sum / margins.length;
    }

    /**
     * The calibrated probabilities, computed as the graph computes them from the folded weights, in the graph's float
     * precision, so that thresholds chosen on these probabilities mean the same as the model's confidences.
     */
    float[] probabilities(double[] margins) {
        double[] p = softmax(margins, scale, offset);
        float[] probabilities = new float[p.length];
        for (int c = 0; c < p.length; c++) {
            probabilities[c] = (float) p[c];
        }
        return probabilities;
    }

    private record Derivatives(double loss, double[] gradient, double[][] hessian) {
    }

    /**
     * Parameters {@code theta}: the scales, then the offsets; {@code targets[label]} what an example of that label
     * counts as. The Hessian only when asked.
     */
    private static Derivatives derivatives(double[][] margins, int[] labels, double[][] targets, double[] theta,
                                           boolean second) {
        int classes = theta.length / 2;
        double[] scale = Arrays.copyOf(theta, classes);
        double[] offset = Arrays.copyOfRange(theta, classes, 2 * classes);
        double loss = 0;
        double[] gradient = new double[theta.length];
        double[][] hessian = second ? new double[theta.length][theta.length] : null;
        for (int i = 0; i < margins.length; i++) {
            double[] m = margins[i];
            double[] p = softmax(m, scale, offset);
            double[] target = targets[labels[i]];
            for (int c = 0; c < classes; c++) {
                loss -= target[c] * Math.log(Math.max(p[c], Double.MIN_NORMAL));
            }
            if (!second) {
                continue;
            }
            for (int c = 0; c < classes; c++) {
                double residual = p[c] - target[c];
                gradient[c] += residual * m[c];
                gradient[classes + c] += residual;
                for (int d = 0; d < classes; d++) {
                    // d²(loss)/d(score_c) d(score_d) = p_c (δ_cd − p_d); each score is scale · margin + offset.
                    double curvature = p[c] * ((c == d ? 1 : 0) - p[d]);
                    hessian[c][d] += curvature * m[c] * m[d];
                    hessian[c][classes + d] += curvature * m[c];
                    hessian[classes + c][d] += curvature * m[d];
                    hessian[classes + c][classes + d] += curvature;
                }
            }
        }
        for (int c = 0; c < classes; c++) {
            loss += RIDGE / 2 * offset[c] * offset[c];
            gradient[classes + c] += RIDGE * offset[c];
            if (second) {
                hessian[c][c] += RIDGE;
                hessian[classes + c][classes + c] += RIDGE;
            }
        }
        return new Derivatives(loss, gradient, hessian);
    }

    private static double[] softmax(double[] margins, double[] scale, double[] offset) {
        double max = Double.NEGATIVE_INFINITY;
        double[] scores = new double[margins.length];
        for (int c = 0; c < margins.length; c++) {
            scores[c] = scale[c] * margins[c] + offset[c];
            max = Math.max(max, scores[c]);
        }
        double sum = 0;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < scores.length; c++) {
            scores[c] /= sum;
        }
        return scores;
    }

    /** {@code a x = b} by Gaussian elimination with partial pivoting; {@code a} is positive definite here. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int r = 0; r < n; r++) {
            m[r] = Arrays.copyOf(a[r], n + 1);
            m[r][n] = b[r];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = col + 1; r < n; r++) {
                double factor = m[r][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[r][k] -= factor * m[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = m[r][n];
            for (int k = r + 1; k < n; k++) {
                sum -= m[r][k] * x[k];
            }
            x[r] = sum / m[r][r];
        }
        return x;
    }
}
