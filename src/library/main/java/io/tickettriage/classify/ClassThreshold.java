package io.tickettriage.classify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.OptionalDouble;

/**
 * One class's own confidence threshold, what the tickets it was chosen on showed there (the guarantee), and what it did
 * on held-out tickets it was not chosen on (the evidence a class needs before it goes live).
 *
 * <p>A model written before thresholds came with a guarantee has none of the choosing figures: its JSON lacks them, so
 * they read as 0 predictions, no guarantee and no reason.
 *
 * @param threshold        the lowest confidence at which a prediction of this class is written; {@code null} when no
 *                         threshold could guarantee the target, so the class is never written automatically
 * @param predictions      the choosing tickets predicted as this class at or above the threshold (with no threshold:
 *                         at the last one tried, see {@code reason})
 * @param predictionsRight how many of those truly have the class
 * @param guaranteed       the precision those predictions guarantee at the thresholds' confidence (the Clopper–Pearson
 *                         lower bound); {@code null} for a model written before guarantees
 * @param reason           why the class has no threshold, for people, e.g. "12 of 13 right at best: too few
 *                         predictions for a 95% guarantee at 90% confidence"; {@code null} when it has one (or for a
 *                         model written before guarantees)
 * @param written          held-out tickets predicted as this class at or above the threshold
 * @param right            how many of those truly have the class
 */
public record ClassThreshold(Double threshold, int predictions, int predictionsRight,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Double guaranteed,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String reason, int written, int right) {

    public ClassThreshold {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("a class threshold must be between 0 and 1, was " + threshold);
        }
        if (predictions < 0 || predictionsRight < 0 || predictionsRight > predictions) {
            throw new IllegalArgumentException("the choosing evidence needs 0 <= right <= predictions, was "
                    + predictionsRight + " of " + predictions);
        }
        if (guaranteed != null && !(guaranteed >= 0 && guaranteed <= 1)) {
            throw new IllegalArgumentException("a guaranteed precision must be between 0 and 1, was " + guaranteed);
        }
        if (threshold != null && reason != null) {
            throw new IllegalArgumentException("a class with a threshold has no reason for lacking one: " + reason);
        }
        if (written < 0 || right < 0 || right > written) {
            throw new IllegalArgumentException("held-out evidence needs 0 <= right <= written, was " + right + " of "
                    + written);
        }
    }

    /** A threshold whose {@code right} of {@code predictions} choosing tickets guarantee {@code guaranteed}. */
    public static ClassThreshold chosen(double threshold, int predictions, int right, double guaranteed) {
        return new ClassThreshold(threshold, predictions, right, guaranteed, null, 0, 0);
    }

    /** No threshold: the best the choosing tickets showed was {@code right} of {@code predictions}, and why. */
    public static ClassThreshold none(int predictions, int right, double guaranteed, String reason) {
        return new ClassThreshold(null, predictions, right, guaranteed, reason, 0, 0);
    }

    /** The same choice, with what it did on held-out tickets. */
    public ClassThreshold withHeldOut(int heldOutWritten, int heldOutRight) {
        return new ClassThreshold(threshold, predictions, predictionsRight, guaranteed, reason, heldOutWritten,
                heldOutRight);
    }

    /** Whether a prediction of this class at this confidence is written. */
    public boolean reachedBy(double confidence) {
        return threshold != null && confidence >= threshold;
    }

    /**
     * The precision to expect on new tickets: the share of the choosing predictions that were right. Empty when there
     * were none (or the model predates guarantees).
     */
    public OptionalDouble expected() {
        return predictions == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) predictionsRight / predictions);
    }

    /** Share of the written held-out tickets that were right; 0 when none was written. */
    public double precision() {
        return written == 0 ? 0 : (double) right / written;
    }
}
