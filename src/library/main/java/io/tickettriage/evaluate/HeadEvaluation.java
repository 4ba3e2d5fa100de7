package io.tickettriage.evaluate;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How well one head did on labelled tickets.
 *
 * @param labels        row and column order of {@code confusion}: the model's labels, then unknown gold labels
 * @param confusion     {@code confusion[gold][predicted]} counts
 * @param curve         the coverage–accuracy curve, thresholds ascending
 * @param recommended    per-class thresholds that reach the target precision, chosen on other tickets than these,
 *                       and the coverage and accuracy they reach on these
 * @param singleThreshold the lowest single threshold whose accuracy on these very tickets reaches the target: chosen
 *                       on the tickets it is scored on, so optimistic, but what a one-threshold system would pick
 * @param multiLabel    whether the head is tags: each label a tag of its own ({@code Evaluator} says how such a head is
 *                      scored)
 */
public record HeadEvaluation(String head, int tickets, double accuracy, double macroF1, List<ClassScore> classes,
                             List<String> labels, int[][] confusion, List<CoveragePoint> curve,
                             double targetAccuracy, ClassThresholdResult recommended,
                             Optional<CoveragePoint> singleThreshold, List<String> unknownLabels,
                             boolean multiLabel) {

    /** The curve's point at a threshold (the nearest computed one). */
    public CoveragePoint at(double threshold) {
        return curve.stream().min(Comparator.comparingDouble(p -> Math.abs(p.threshold() - threshold)))
                .orElseThrow();
    }
}
