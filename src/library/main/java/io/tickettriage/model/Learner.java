package io.tickettriage.model;

import java.util.Locale;

/**
 * What one head is learned with: the settings the search varies per head and per data set.
 *
 * @param cost        liblinear's C: higher fits the training tickets more closely
 * @param balanced    whether each class weighs in inverse proportion to its tickets (scikit-learn's
 *                    {@code class_weight="balanced"}), so that small classes are not outvoted by large ones
 * @param sharedScale whether the calibration shares one scale among the classes (a temperature and an offset per
 *                    class) instead of a scale and an offset per class
 */
public record Learner(double cost, boolean balanced, boolean sharedScale) {

    public Learner {
        if (!(cost > 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost (C) must be a positive number, was " + cost);
        }
    }

    /** Where the search starts: C = 1 as scikit-learn's LinearSVC, no class weights, a scale per class. */
    public static Learner defaults() {
        return new Learner(1.0, false, false);
    }

    public Learner withCost(double other) {
        return new Learner(other, balanced, sharedScale);
    }

    public Learner withBalanced(boolean other) {
        return new Learner(cost, other, sharedScale);
    }

    public Learner withSharedScale(boolean other) {
        return new Learner(cost, balanced, other);
    }

    /** E.g. {@code C=0.5, balanced class weights, one calibration scale}. */
    public String describe() {
        return String.format(Locale.ROOT, "C=%s, %s, %s", new java.math.BigDecimal(cost).stripTrailingZeros()
                        .toPlainString(), balanced ? "balanced class weights" : "no class weights",
                sharedScale ? "one calibration scale" : "a calibration scale per class");
    }
}
