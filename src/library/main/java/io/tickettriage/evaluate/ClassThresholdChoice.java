package io.tickettriage.evaluate;

import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Chooses a threshold per class and measures thresholds on other tickets.
 *
 * <p>A class's own threshold is the lowest one (0.00, 0.01 … 0.99) at which the tickets predicted as that class reach
 * the target precision: the most tickets of that class written at that precision. The lowest point where a noisy
 * curve first touches the target is an optimistic pick, and the fewer the predictions the noisier the curve, so the
 * threshold used is pulled towards the head's (the lowest at which all the head's predictions together reach the
 * target) as if the head's stood for {@value #PRIOR_PREDICTIONS} predictions: a class with n predictions gets
 * {@code (n · own + 200 · head) / (n + 200)}, rounded up to the grid. A class predicted for fewer than {@value #MIN_PREDICTIONS} of the choosing tickets takes the head's
 * threshold outright. A class that reaches the target nowhere has no threshold and is never written automatically.
 */
public final class ClassThresholdChoice {

    /** Fewer predictions of a class than this, and its own precision curve is noise: it takes the head's threshold. */
    public static final int MIN_PREDICTIONS = 10;
    /**
     * How many predictions the head's threshold counts for against a class's own. Chosen on the scikit-learn bench's
     * one split (src/site/markdown/benchmarks.md): with 0 or 50 the queue's thresholds for 90 % routed no more than the peer at
     * their measured accuracy, with 200 or 300 about 4 points more; a value tuned on one dataset, not a law.
     */
    public static final int PRIOR_PREDICTIONS = 200;
    /** The seed of the cross-fitting halves: the same tickets give the same halves on every run. */
    private static final long CROSS_FIT_SEED = 42L;

    private ClassThresholdChoice() {
    }

    /** Thresholds chosen on these predictions; their held-out counts are still zero ({@link #measure} fills them). */
    public static ClassThresholds choose(HeadPredictions choosing, double targetPrecision) {
        ClassThresholds.requireTarget("the target precision", targetPrecision);
        Double headWide = lowestReaching(choosing, targetPrecision);
        Map<String, ClassThreshold> classes = new LinkedHashMap<>();
        for (String label : choosing.head().labels()) {
            HeadPredictions ofClass = choosing.select(predictedAs(choosing, label));
            Double own = ofClass.size() < MIN_PREDICTIONS ? headWide
                    : towards(headWide, lowestReaching(ofClass, targetPrecision), ofClass.size());
            classes.put(label, new ClassThreshold(own, 0, 0));
        }
        return new ClassThresholds(targetPrecision, classes);
    }

    /** The thresholds applied to scored tickets: per class, how many were written and how many of those were right. */
    public static ClassThresholds measure(ClassThresholds thresholds, HeadPredictions scored) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        thresholds.classes().keySet().forEach(label -> counts.put(label, new int[2]));
        for (int i = 0; i < scored.size(); i++) {
            String label = scored.predicted().get(i).label();
            Optional<ClassThreshold> own = thresholds.of(label);
            if (own.isPresent() && own.get().reachedBy(scored.predicted().get(i).confidence())) {
                int[] count = counts.get(label);
                count[0]++;
                if (label.equals(scored.gold().get(i))) {
                    count[1]++;
                }
            }
        }
        Map<String, ClassThreshold> measured = new LinkedHashMap<>();
        thresholds.classes().forEach((label, t) -> measured.put(label,
                new ClassThreshold(t.threshold(), counts.get(label)[0], counts.get(label)[1])));
        return new ClassThresholds(thresholds.targetPrecision(), measured);
    }

    /**
     * Per-class thresholds for tickets nothing else was chosen on, without scoring any ticket with thresholds chosen on
     * it: the tickets are cut into two halves (stratified by true label, seeded), each half is measured with thresholds
     * chosen on the other, and the counts are added. The thresholds reported are those chosen on all the tickets,
     * the ones to use afterwards.
     */
    public static ClassThresholds crossFitted(HeadPredictions tickets, double targetPrecision) {
        List<List<Integer>> halves = halves(tickets);
        ClassThresholds first = measure(choose(tickets.select(halves.get(1)), targetPrecision),
                tickets.select(halves.get(0)));
        ClassThresholds second = measure(choose(tickets.select(halves.get(0)), targetPrecision),
                tickets.select(halves.get(1)));
        Map<String, ClassThreshold> added = new LinkedHashMap<>();
        choose(tickets, targetPrecision).classes().forEach((label, all) -> {
            ClassThreshold a = first.classes().get(label);
            ClassThreshold b = second.classes().get(label);
            added.put(label, new ClassThreshold(all.threshold(), a.written() + b.written(), a.right() + b.right()));
        });
        return new ClassThresholds(targetPrecision, added);
    }

    /** A class's own threshold pulled towards the head's by its number of predictions; none stays none. */
    static Double towards(Double headWide, Double own, int predictions) {
        if (own == null || headWide == null) {
            return own;
        }
        double pulled = (predictions * own + PRIOR_PREDICTIONS * headWide) / (predictions + PRIOR_PREDICTIONS);
        // Up to the curve's grid, so that a threshold reads like the ones a curve gives; the small excess is on the
        // safe side of the target. The epsilon keeps a value already on the grid where it is.
        return Math.min(1, Math.ceil(pulled * Evaluator.CURVE_STEPS - 1e-9) / Evaluator.CURVE_STEPS);
    }

    private static List<Integer> predictedAs(HeadPredictions predictions, String label) {
        return IntStream.range(0, predictions.size()).filter(i -> predictions.predicted().get(i).label().equals(label))
                .boxed().toList();
    }

    private static Double lowestReaching(HeadPredictions tickets, double target) {
        return Evaluator.curve(tickets.gold(), tickets.predicted()).stream().filter(p -> p.accuracy() >= target)
                .findFirst().map(CoveragePoint::threshold).orElse(null);
    }

    private static List<List<Integer>> halves(HeadPredictions tickets) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < tickets.size(); i++) {
            byLabel.computeIfAbsent(tickets.gold().get(i), l -> new ArrayList<>()).add(i);
        }
        Random random = new Random(CROSS_FIT_SEED);
        List<List<Integer>> halves = List.of(new ArrayList<>(), new ArrayList<>());
        int next = 0;
        for (List<Integer> group : byLabel.values()) {
            Collections.shuffle(group, random);
            for (int position : group) {
                halves.get(next).add(position);
                next = 1 - next;
            }
        }
        return halves;
    }
}
