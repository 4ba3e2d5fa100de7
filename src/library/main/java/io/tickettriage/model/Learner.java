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
 * @param stacked     whether each class's word model and character model are fitted apart and their margins
 *                    averaged (two views that vote, instead of one model over both); the mean of two linear models is
 *                    one linear model, so the model served is as cheap
 */
public record Learner(double cost, boolean balanced, boolean sharedScale, boolean naiveBayes, boolean stacked) {

    public Learner {
        if (!(cost > 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost (C) must be a positive number, was " + cost);
        }
    }

    /** Where the search starts: C = 1 as scikit-learn's LinearSVC, no class weights, a scale per class. */
    public static Learner defaults() {
        return new Learner(1.0, false, false, false, false);
    }

    public Learner withCost(double other) {
        return new Learner(other, balanced, sharedScale, naiveBayes, stacked);
    }

    public Learner withBalanced(boolean other) {
        return new Learner(cost, other, sharedScale, naiveBayes, stacked);
    }

    public Learner withSharedScale(boolean other) {
        return new Learner(cost, balanced, other, naiveBayes, stacked);
    }

    public Learner withNaiveBayes(boolean other) {
        return new Learner(cost, balanced, sharedScale, other, stacked);
    }

    public Learner withStacked(boolean other) {
        return new Learner(cost, balanced, sharedScale, naiveBayes, other);
    }

    /** E.g. {@code C=0.5, balanced class weights, one calibration scale, NB-weighted features}. */
    public String describe() {
        return String.format(Locale.ROOT, "C=%s, %s, %s, %s%s", new BigDecimal(cost).stripTrailingZeros()
                        .toPlainString(), balanced ? "balanced class weights" : "no class weights",
                sharedScale ? "one calibration scale" : "a calibration scale per class",
                naiveBayes ? "NB-weighted features" : "plain TF-IDF features",
                stacked ? ", word and character models averaged" : "");
    }
}
