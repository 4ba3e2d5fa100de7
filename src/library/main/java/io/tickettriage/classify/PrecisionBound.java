package io.tickettriage.classify;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The precision that {@code right} of {@code of} checked predictions guarantee: the one-sided Clopper–Pearson lower
 * bound. With probability at least {@code confidence}, the true precision of the source the predictions came from is at
 * or above it. Exact (from the binomial distribution, not a normal approximation), so it holds for 10 predictions as
 * for 10,000, and never claims more than the evidence shows: what thresholds ({@code train}) and go-live promise rests
 * on it.
 */
public final class PrecisionBound {

    /** The confidence of every guarantee unless the user sets another: wrong at most one time in ten. */
    public static final double DEFAULT_CONFIDENCE = 0.9;

    private PrecisionBound() {
    }

    /**
     * The precision guaranteed at {@code confidence}: 0 when nothing was right (or nothing checked), otherwise the
     * {@code 1 - confidence} quantile of Beta(right, of - right + 1).
     */
    public static double lower(int right, int of, double confidence) {
        if (of < 0 || right < 0 || right > of) {
            throw new IllegalArgumentException("a precision bound needs 0 <= right <= predictions, was " + right
                    + " of " + of);
        }
        requireConfidence("the confidence", confidence);
        if (right == 0) {
            return 0;
        }
        return BetaDistribution.of(right, of - right + 1).inverseCumulativeProbability(1 - confidence);
    }

    /**
     * The fewest predictions that could guarantee {@code target} at {@code confidence} at all, every one of them
     * right: n right of n guarantee {@code (1 - confidence)^(1/n)}, which reaches the target from
     * {@code ln(1 - confidence) / ln(target)} on.
     */
    public static int fewestFor(double target, double confidence) {
        ClassThresholds.requireTarget("the target precision", target);
        requireConfidence("the confidence", confidence);
        if (target == 1) {
            // No finite number of right predictions proves a precision of exactly 100 %.
            return Integer.MAX_VALUE;
        }
        int fewest = (int) Math.ceil(Math.log(1 - confidence) / Math.log(target) - 1e-9);
        // The line above is exact up to rounding; step to the first n whose bound really reaches the target.
        while (fewest > 1 && lower(fewest - 1, fewest - 1, confidence) >= target) {
            fewest--;
        }
        while (lower(fewest, fewest, confidence) < target) {
            fewest++;
        }
        return fewest;
    }

    /**
     * A confidence must be strictly between 0 and 1: 1 would need infinite evidence, 0 promises nothing.
     *
     * @param what the setting's name for the message, e.g. {@code --confidence}
     */
    public static double requireConfidence(String what, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException(what + " must be above 0 and below 1 (e.g. 0.9 for 90 %), was "
                    + confidence);
        }
        return confidence;
    }
}
