package io.tickettriage.evaluate;

import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.PrecisionBound;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Chooses a threshold per class that comes with a guarantee, and measures thresholds on other tickets.
 *
 * <p><b>The promise.</b> A class's threshold is chosen so that, with probability at least {@code confidence}, the
 * precision of that class's automatic writes on new tickets from the same source is at least the target. A point
 * estimate cannot promise that: the lowest threshold at which a noisy precision curve first touches the target is an
 * optimistic pick (it is where chance happened to help), and the fewer the predictions the more optimistic. So each
 * candidate threshold is judged by what its predictions prove rather than what they show.
 *
 * <p><b>The test at one threshold.</b> Of the choosing tickets predicted as the class with a confidence at or above
 * {@code t}, {@code n(t)} were written and {@code k(t)} were right. The threshold passes when the one-sided
 * Clopper–Pearson lower bound of {@code k/n} at level {@code confidence} ({@link PrecisionBound#lower}) reaches the
 * target: were the class's precision at {@code t} below the target, a count this good would turn up with probability
 * below {@code 1 - confidence}. Clopper–Pearson rather than Wilson or a normal interval because it is exact for small
 * counts, where the rare classes live, and never too narrow.
 *
 * <p><b>Many thresholds, one error level.</b> Testing every grid point (0.00, 0.01 … 0.99) and taking the lowest that
 * passes would give chance 100 tries to help. Instead the grid is walked from high to low with the fallback
 * procedure (Wiens 2003; fixed-sequence testing, as in Learn-then-Test, Angelopoulos et al. 2021, is its special case
 * with the whole error level on the first test). The error level {@code 1 - confidence} is cut into
 * {@value #CHECKPOINTS} equal shares, each given to one checkpoint of the walk: the highest thresholds at which the
 * class has n, 2n, 4n and 8n predictions, n the fewest that could pass a test at one share's level even all right
 * ({@link PrecisionBound#fewestFor}). A threshold is tested at the level it has been handed: its own share, if it is a
 * checkpoint, plus the level of the threshold before it if that one passed. A failure does not end the walk, it only
 * takes the level back to zero until the next checkpoint hands out a new share. The levels handed out add up to the
 * error level, so the chance that any threshold passes whose true precision is below the target stays below
 * {@code 1 - confidence}; and the checkpoints depend on the predictions' confidences only, never on their labels. One
 * unlucky error among a class's few surest predictions no longer shuts the class out, as a walk that stops at its
 * first failure would; and a class that keeps passing is soon tested at the whole level. The class's threshold is the
 * lowest that passed.
 *
 * <p><b>No evidence, no writes.</b> A class that passes nowhere (too few predictions, or too many wrong at the start)
 * has no threshold: it routes nothing automatically, and the reason is kept for the reports. There is no pull towards
 * the head's threshold and no minimum number of predictions: the bound already weighs how much evidence there is.
 *
 * <p><b>What it holds for.</b> The guarantee is per class (each at {@code confidence}, not all at once), and for new
 * tickets drawn like the choosing ones. {@code train} chooses on cross-fitted predictions: each training ticket scored
 * by a fold model trained without it. The model it serves is trained on all the tickets, at least as good as a fold
 * model, so the guarantee is approximate in that (conservative) sense.
 */
public final class ClassThresholdChoice {

    /** The seed of the cross-fitting halves: the same tickets give the same halves on every run. */
    private static final long CROSS_FIT_SEED = 42L;

    private ClassThresholdChoice() {
    }

    /**
     * Thresholds chosen on these predictions; their held-out counts are still zero ({@link #measure} fills them).
     *
     * @param confidence how sure each class's guarantee is, in (0, 1)
     */
    public static ClassThresholds choose(HeadPredictions choosing, double targetPrecision, double confidence) {
        ClassThresholds.requireTarget("the target precision", targetPrecision);
        PrecisionBound.requireConfidence("the confidence", confidence);
        Map<String, ClassThreshold> classes = new LinkedHashMap<>();
        for (String label : choosing.head().labels()) {
            classes.put(label, walk(choosing.select(predictedAs(choosing, label)), label, targetPrecision,
                    confidence));
        }
        return new ClassThresholds(targetPrecision, confidence, classes);
    }

    /** The share of the error level each checkpoint of the walk hands out. */
    static final int CHECKPOINTS = 4;

    /** One class's walk down the grid with the fallback procedure, over the tickets predicted as that class. */
    private static ClassThreshold walk(HeadPredictions ofClass, String label, double target, double confidence) {
        int[] written = new int[Evaluator.CURVE_STEPS];
        int[] right = new int[Evaluator.CURVE_STEPS];
        // Each prediction counts at the highest grid step it reaches; summed from the top, a step counts every
        // prediction at or above it.
        for (int i = 0; i < ofClass.size(); i++) {
            int step = highestStep(ofClass.predicted().get(i).confidence());
            written[step]++;
            if (label.equals(ofClass.gold().get(i))) {
                right[step]++;
            }
        }
        for (int step = Evaluator.CURVE_STEPS - 2; step >= 0; step--) {
            written[step] += written[step + 1];
            right[step] += right[step + 1];
        }
        double share = (1 - confidence) / CHECKPOINTS;
        int fewest = PrecisionBound.fewestFor(target, 1 - share);
        boolean[] checkpoint = checkpoints(written, fewest);
        double level = 0;
        ClassThreshold passed = null;
        int firstCheckpoint = -1;
        for (int step = Evaluator.CURVE_STEPS - 1; step >= 0; step--) {
            if (checkpoint[step]) {
                level += share;
                firstCheckpoint = firstCheckpoint < 0 ? step : firstCheckpoint;
            }
            if (level == 0) {
                continue;
            }
            double bound = PrecisionBound.lower(right[step], written[step], 1 - level);
            if (bound >= target) {
                passed = ClassThreshold.chosen(step / (double) Evaluator.CURVE_STEPS, written[step], right[step],
                        bound);
            } else {
                // The fallback: a failure keeps nothing of its level; the next checkpoint hands out a new share.
                level = 0;
            }
        }
        if (passed != null) {
            return passed;
        }
        if (firstCheckpoint < 0) {
            return ClassThreshold.none(written[0], right[0], PrecisionBound.lower(right[0], written[0], confidence),
                    String.format(Locale.ROOT, "%d of %d right at best: too few predictions for a %s guarantee at "
                            + "%s confidence (%s)", right[0], written[0], percent(target), percent(confidence),
                            fewest == Integer.MAX_VALUE ? "no number of predictions proves 100%"
                                    : fewest + " needed, all right"));
        }
        double bound = PrecisionBound.lower(right[firstCheckpoint], written[firstCheckpoint], confidence);
        return ClassThreshold.none(written[firstCheckpoint], right[firstCheckpoint], bound, String.format(Locale.ROOT,
                "no threshold passed: %d of %d right from confidence %.2f on guarantee %s at %s confidence, below "
                        + "the %s target", right[firstCheckpoint], written[firstCheckpoint],
                firstCheckpoint / (double) Evaluator.CURVE_STEPS, percentOneDecimal(bound), percent(confidence),
                percent(target)));
    }

    /**
     * The walk's checkpoints: the highest steps at which the predictions first number {@code fewest}, twice, four and
     * eight times as many. Counts of predictions only, never their labels.
     */
    private static boolean[] checkpoints(int[] written, int fewest) {
        boolean[] checkpoint = new boolean[written.length];
        if (fewest == Integer.MAX_VALUE) {
            return checkpoint;
        }
        long needed = fewest;
        int placed = 0;
        for (int step = written.length - 1; step >= 0 && placed < CHECKPOINTS; step--) {
            if (written[step] >= needed) {
                checkpoint[step] = true;
                placed++;
                needed *= 2;
            }
        }
        return checkpoint;
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
                t.withHeldOut(counts.get(label)[0], counts.get(label)[1])));
        return new ClassThresholds(thresholds.targetPrecision(), thresholds.confidence(), measured);
    }

    /**
     * Per-class thresholds for tickets nothing else was chosen on, without scoring any ticket with thresholds chosen on
     * it: the tickets are cut into two halves (stratified by true label, seeded), each half is measured with thresholds
     * chosen on the other, and the counts are added. The thresholds reported are those chosen on all the tickets,
     * the ones to use afterwards.
     */
    public static ClassThresholds crossFitted(HeadPredictions tickets, double targetPrecision, double confidence) {
        List<List<Integer>> halves = halves(tickets);
        ClassThresholds first = measure(choose(tickets.select(halves.get(1)), targetPrecision, confidence),
                tickets.select(halves.get(0)));
        ClassThresholds second = measure(choose(tickets.select(halves.get(0)), targetPrecision, confidence),
                tickets.select(halves.get(1)));
        Map<String, ClassThreshold> added = new LinkedHashMap<>();
        choose(tickets, targetPrecision, confidence).classes().forEach((label, all) -> {
            ClassThreshold a = first.classes().get(label);
            ClassThreshold b = second.classes().get(label);
            added.put(label, all.withHeldOut(a.written() + b.written(), a.right() + b.right()));
        });
        return new ClassThresholds(targetPrecision, confidence, added);
    }

    private static List<Integer> predictedAs(HeadPredictions predictions, String label) {
        return IntStream.range(0, predictions.size()).filter(i -> predictions.predicted().get(i).label().equals(label))
                .boxed().toList();
    }

    /**
     * The highest grid step a confidence reaches, by the very comparison {@link ClassThreshold#reachedBy} makes with
     * the step's threshold, so that the choice counts exactly the predictions the threshold will write.
     */
    private static int highestStep(double confidence) {
        int step = Math.max(0, Math.min(Evaluator.CURVE_STEPS - 1, (int) (confidence * Evaluator.CURVE_STEPS)));
        while (step + 1 < Evaluator.CURVE_STEPS && confidence >= (step + 1) / (double) Evaluator.CURVE_STEPS) {
            step++;
        }
        while (step > 0 && confidence < step / (double) Evaluator.CURVE_STEPS) {
            step--;
        }
        return step;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static String percentOneDecimal(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
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
