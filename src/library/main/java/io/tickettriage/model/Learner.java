package io.tickettriage.model;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * What one head is learned with: the settings the search varies per head and per data set.
 *
 * @param cost        liblinear's C: higher fits the training tickets more closely
 * @param balanced    whether each class weighs in inverse proportion to its tickets (scikit-learn's
 *                    {@code class_weight="balanced"}), so that small classes are not outvoted by large ones
 * @param sharedScale whether the calibration shares one scale among the classes (a temperature and an offset per
 *                    class) instead of a scale and an offset per class
 * @param naiveBayes  whether each class's problem sees its features scaled by their naive-Bayes log-count ratio
 *                    (NBSVM, Wang and Manning 2012): words that tell the class apart weigh more before the SVM
 *                    learns; the scale folds into the weights, so the model served is as cheap
 */
public record Learner(double cost, boolean balanced, boolean sharedScale, boolean naiveBayes) {

    public Learner {
        if (!(cost > 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost (C) must be a positive number, was " + cost);
        }
    }

    /**
     * Where the search starts: C = 1 as scikit-learn's LinearSVC, no class weights, a scale per class, plain TF-IDF
     * features (the search also walks the NB-weighted ones unless told not to).
     */
    public static Learner defaults() {
        return new Learner(1.0, false, false, false);
    }

    public Learner withCost(double other) {
        return new Learner(other, balanced, sharedScale, naiveBayes);
    }

    public Learner withBalanced(boolean other) {
        return new Learner(cost, other, sharedScale, naiveBayes);
    }

    public Learner withSharedScale(boolean other) {
        return new Learner(cost, balanced, other, naiveBayes);
    }

    public Learner withNaiveBayes(boolean other) {
        return new Learner(cost, balanced, sharedScale, other);
    }

    /** E.g. {@code C=0.5, balanced class weights, one calibration scale, NB-weighted features}. */
    public String describe() {
        return String.format(Locale.ROOT, "C=%s, %s, %s, %s", costText(cost), balanced ? "balanced class weights" : "no class weights",
                sharedScale ? "one calibration scale" : "a calibration scale per class",
                naiveBayes ? "NB-weighted features" : "plain TF-IDF features");
    }

    /** A C as people write it: 0.5, 2, 0.125. */
    static String costText(double cost) {
        return new BigDecimal(cost).stripTrailingZeros().toPlainString();
    }
}
