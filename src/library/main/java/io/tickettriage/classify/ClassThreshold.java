package io.tickettriage.classify;

/**
 * One class's own confidence threshold, and what it did on held-out tickets it was not chosen on: the evidence a class
 * needs before it goes live.
 *
 * @param threshold the lowest confidence at which a prediction of this class is written; {@code null} when no threshold
 *                  reached the target on the tickets it was chosen on, so the class is never written automatically
 * @param written   held-out tickets predicted as this class at or above the threshold
 * @param right     how many of those truly have the class
 */
public record ClassThreshold(Double threshold, int written, int right) {

    public ClassThreshold {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("a class threshold must be between 0 and 1, was " + threshold);
        }
        if (written < 0 || right < 0 || right > written) {
            throw new IllegalArgumentException("held-out evidence needs 0 <= right <= written, was " + right + " of "
                    + written);
        }
    }

    /** Whether a prediction of this class at this confidence is written. */
    public boolean reachedBy(double confidence) {
        return threshold != null && confidence >= threshold;
    }

    /** Share of the written held-out tickets that were right; 0 when none was written. */
    public double precision() {
        return written == 0 ? 0 : (double) right / written;
    }
}
