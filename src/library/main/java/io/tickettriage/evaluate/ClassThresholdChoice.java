package io.tickettriage.evaluate;

import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.PrecisionBound;
import io.tickettriage.classify.ScoredLabel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;

/**
 * Chooses a head's threshold so that it comes with a guarantee, and measures thresholds on other tickets.
 *
 * <p><b>The promise.</b> The threshold is chosen so that, with probability at least {@code confidence}, the precision
 * of the head's automatic writes on new tickets from the same source is at least the target: "route at 95 %
 * precision" holds for next month's tickets, not only for the ones it was chosen on. A point estimate cannot promise
 * that: the lowest threshold at which a noisy precision curve first touches the target is where chance happened to
 * help. So each candidate threshold is judged by what its predictions prove rather than what they show.
 *
 * <p><b>One threshold per head, on calibrated confidences, or one per class.</b> The confidences are calibrated per
 * class (softmax(scale_c · margin_c + offset_c)), which puts the classes on one scale already; a threshold per class
 * chosen on a few hundred predictions each mostly adds noise (on the public IT-ticket data of issue 18, per-class
 * thresholds routed no more than one threshold for all). And a head's promise rests on all its predictions together,
 * thousands rather than the few dozen of a small class, so its bound is tight. But where one poor class is sure of
 * itself, no threshold for the whole head may pass while other classes would on their own. So both ways are tried,
 * each at a share of the error level ({@value #HEAD_SHARE} for the head's one threshold; the rest split evenly among
 * the classes' own thresholds, so that all of them hold at once, and so does their mix), and the one that routes more
 * of the choosing tickets is used. Each way holds at its share, so the one used holds at the whole level.
 *
 * <p><b>The test at one threshold.</b> Of the choosing tickets predicted at or above {@code t} as a class that may
 * route, {@code n(t)} were written and {@code k(t)} were right. The threshold passes when the one-sided
 * Clopper–Pearson lower bound of {@code k/n} ({@link PrecisionBound#lower}) at the level it was handed reaches the
 * target: were the precision at {@code t} below the target, a count this good would turn up less often than that
 * level. Clopper–Pearson rather than Wilson or a normal interval because it is exact for small counts and never too
 * narrow.
 *
 * <p><b>Many thresholds, one error level.</b> Testing every grid point ({@value #STEPS} of them) and taking the lowest
 * that passes would give chance a thousand tries to help. Instead the grid is walked from high to low with the fallback
 * procedure (Wiens 2003; fixed-sequence testing, as in Learn-then-Test, Angelopoulos et al. 2021, is its special case
 * with the whole error level on the first test). The error level {@code 1 - confidence} is cut into
 * {@value #CHECKPOINTS} equal shares, each given to one checkpoint of the walk: the highest thresholds at which the
 * head has n, 2n, 4n and 8n predictions, n the fewest that could pass a test at one share's level even all right
 * ({@link PrecisionBound#fewestFor}). A threshold is tested at the level it has been handed: its own share, if it is a
 * checkpoint, plus the level of the threshold before it if that one passed. A failure does not end the walk, it only
 * takes the level back to zero until the next checkpoint hands out a new share. The levels handed out add up to the
 * error level, so the chance that any threshold passes whose true precision is below the target stays below
 * {@code 1 - confidence}; and the checkpoints depend on the number of predictions only, never on their labels. The
 * head's threshold is the lowest that passed.
 *
 * <p><b>No evidence, no writes.</b> A class routes only where it has, at the head's threshold, at least as many
 * predictions as could prove the target on their own (all right: {@link PrecisionBound#fewestFor} at the whole
 * confidence; 45 for 95 % at 90 %). Which classes route depends on the number of predictions only, never on their
 * labels, so it spends no error level either. A class below that, or a head that passes nowhere, routes nothing
 * automatically, and the reason is kept for the reports. Each routing class also shows what its own predictions
 * guarantee, which may be below the target: the promise is the head's.
 *
 * <p><b>Tags.</b> For a multi-label head every tag of every ticket is a prediction of its own ("tag t applies, at
 * probability p"), right when the ticket has t ({@link HeadPredictions#claims}). A tag is written on its own, so its
 * promise is its own: each tag gets only its own threshold, by the same walk, the error level split evenly among the
 * tags so that all their promises hold at once (no head-wide threshold, whose promise a weak tag could hide in). A
 * tag without the evidence writes nothing and says why.
 *
 * <p><b>What it holds for.</b> New tickets drawn like the choosing ones. {@code train} chooses on cross-fitted
 * predictions: each training ticket scored by a fold model trained without it. The model it serves is the mean of
 * those fold models, at least as good as one of them, so the guarantee is approximate in that (conservative) sense.
 */
public final class ClassThresholdChoice {

    /** The seed of the cross-fitting halves: the same tickets give the same halves on every run. */
    private static final long CROSS_FIT_SEED = 42L;

    private ClassThresholdChoice() {
    }

    /**
     * The grid the walk tests thresholds on: 0.000, 0.001 … 0.999. The fallback procedure holds its error level
     * however many thresholds it tests, so a fine grid costs no guarantee, and it stops the walk closer to where the
     * evidence runs out: on a grid of 0.01 the threshold sat up to a whole step above it.
     */
    static final int STEPS = 1000;
    /** The share of the error level each checkpoint of the walk hands out. */
    static final int CHECKPOINTS = 4;
    /**
     * The share of the error level the head's one threshold is tested with; the rest goes to the classes' own
     * thresholds, the other way a head may route. Whichever routes more of the choosing tickets is used: each way
     * holds at its share, so the one chosen holds at the whole level.
     */
    static final double HEAD_SHARE = 0.75;

    /**
     * Thresholds chosen on these predictions; their held-out counts are still zero ({@link #measure} fills them).
     *
     * @param confidence how sure the head's guarantee is, in (0, 1)
     */
    public static ClassThresholds choose(HeadPredictions choosing, double targetPrecision, double confidence) {
        ClassThresholds.requireTarget("the target precision", targetPrecision);
        PrecisionBound.requireConfidence("the confidence", confidence);
        List<String> labels = choosing.head().labels();
        int steps = STEPS;
        // Per class and grid step: the predictions at or above the step, and how many of them were right.
        int[][] written = new int[labels.size()][steps];
        int[][] right = new int[labels.size()][steps];
        for (int i = 0; i < choosing.size(); i++) {
            for (ScoredLabel claim : choosing.claims(i)) {
                int c = labels.indexOf(claim.label());
                int step = highestStep(claim.confidence());
                written[c][step]++;
                if (choosing.right(i, claim.label())) {
                    right[c][step]++;
                }
            }
        }
        for (int c = 0; c < labels.size(); c++) {
            for (int step = steps - 2; step >= 0; step--) {
                written[c][step] += written[c][step + 1];
                right[c][step] += right[c][step + 1];
            }
        }
        int evidence = PrecisionBound.fewestFor(targetPrecision, confidence);
        // The head's counts over the classes that may route at each step.
        int[] headWritten = new int[steps];
        int[] headRight = new int[steps];
        for (int step = 0; step < steps; step++) {
            for (int c = 0; c < labels.size(); c++) {
                if (written[c][step] >= evidence) {
                    headWritten[step] += written[c][step];
                    headRight[step] += right[c][step];
                }
            }
        }
        double error = 1 - confidence;
        if (choosing.head().multiLabel()) {
            return tagThresholds(labels, written, right, targetPrecision, confidence);
        }
        OptionalInt chosen = walk(headWritten, headRight, targetPrecision, 1 - error * HEAD_SHARE);
        // Each class's own walk, the error level left split evenly among the head's classes (a count fixed before
        // any label is read), so that all of them hold at once and so does their mix.
        double classConfidence = 1 - error * (1 - HEAD_SHARE) / labels.size();
        List<OptionalInt> own = new ArrayList<>();
        int headRoutes = chosen.isEmpty() ? 0 : headWritten[chosen.getAsInt()];
        int classesRoute = 0;
        for (int c = 0; c < labels.size(); c++) {
            own.add(walk(written[c], right[c], targetPrecision, classConfidence));
            classesRoute += own.get(c).isEmpty() ? 0 : written[c][own.get(c).getAsInt()];
        }
        Map<String, ClassThreshold> classes = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            classes.put(labels.get(c), classesRoute > headRoutes
                    ? ownThreshold(own.get(c), written[c], right[c], targetPrecision, confidence, classConfidence)
                    : classThreshold(chosen, written[c], right[c], evidence, targetPrecision, confidence,
                    headWritten[0], headRight[0]));
        }
        return new ClassThresholds(targetPrecision, confidence, classes);
    }

    /**
     * A tags head's thresholds: each tag's own, its walk at an even share of the whole error level (a count fixed
     * before any label is read), so that every tag's promise holds at once. No threshold for the head as a whole:
     * a tag is written on its own evidence, and what it promises is its own precision.
     */
    private static ClassThresholds tagThresholds(List<String> tags, int[][] written, int[][] right, double target,
                                                 double confidence) {
        double tagConfidence = 1 - (1 - confidence) / tags.size();
        Map<String, ClassThreshold> thresholds = new LinkedHashMap<>();
        for (int t = 0; t < tags.size(); t++) {
            thresholds.put(tags.get(t), ownThreshold(walk(written[t], right[t], target, tagConfidence), written[t],
                    right[t], target, confidence, tagConfidence));
        }
        return new ClassThresholds(target, confidence, thresholds);
    }

    /** A class's own threshold, where its own walk passed, or none with why. */
    private static ClassThreshold ownThreshold(OptionalInt passed, int[] written, int[] right, double target,
                                               double confidence, double classConfidence) {
        if (passed.isPresent()) {
            int step = passed.getAsInt();
            return ClassThreshold.chosen(step / (double) STEPS, written[step], right[step],
                    PrecisionBound.lower(right[step], written[step], confidence));
        }
        // At best: the threshold whose predictions guarantee most, not simply all of them (a tag is claimed, at some
        // probability, for every ticket).
        int best = 0;
        for (int step = 1; step < written.length; step++) {
            if (written[step] > 0 && PrecisionBound.lower(right[step], written[step], classConfidence)
                    > PrecisionBound.lower(right[best], written[best], classConfidence)) {
                best = step;
            }
        }
        return ClassThreshold.none(written[best], right[best], PrecisionBound.lower(right[best], written[best],
                        confidence), String.format(Locale.ROOT, "its own predictions prove %s nowhere: %d of %d right "
                                + "at best%s, which guarantee %s at %s confidence", percent(target), right[best],
                        written[best], best == 0 ? "" : String.format(Locale.ROOT, " (from %.3f on)",
                                best / (double) STEPS),
                        percentOneDecimal(PrecisionBound.lower(right[best], written[best], classConfidence)),
                        percentOneDecimal(classConfidence)));
    }

    /** The lowest step that passed the walk down the grid with the fallback procedure, if any did. */
    private static OptionalInt walk(int[] written, int[] right, double target, double confidence) {
        double share = (1 - confidence) / CHECKPOINTS;
        int fewest = PrecisionBound.fewestFor(target, 1 - share);
        boolean[] checkpoint = checkpoints(written, fewest);
        double level = 0;
        OptionalInt passed = OptionalInt.empty();
        for (int step = written.length - 1; step >= 0; step--) {
            if (checkpoint[step]) {
                level += share;
            }
            if (level == 0) {
                continue;
            }
            if (PrecisionBound.lower(right[step], written[step], 1 - level) >= target) {
                passed = OptionalInt.of(step);
            } else {
                // The fallback: a failure keeps nothing of its level; the next checkpoint hands out a new share.
                level = 0;
            }
        }
        return passed;
    }

    /**
     * One class at the head's threshold: routing with its own evidence, or not, and why.
     *
     * @param headWritten all the head's predictions, for the reason when the head passes nowhere
     * @param headRight   how many of them were right
     */
    private static ClassThreshold classThreshold(OptionalInt chosen, int[] written, int[] right, int evidence,
                                                 double target, double confidence, int headWritten, int headRight) {
        if (chosen.isEmpty()) {
            // Nothing routes; the class's own evidence shown is all its predictions.
            return ClassThreshold.none(written[0], right[0], PrecisionBound.lower(right[0], written[0],
                    confidence), String.format(Locale.ROOT, "the head passes nowhere: %d of its %d predictions "
                            + "right at best, which guarantee %s at %s confidence, below the %s target", headRight,
                    headWritten, percentOneDecimal(PrecisionBound.lower(headRight, headWritten, confidence)),
                    percent(confidence), percent(target)));
        }
        int step = chosen.getAsInt();
        double own = PrecisionBound.lower(right[step], written[step], confidence);
        if (written[step] < evidence) {
            return ClassThreshold.none(written[step], right[step], own, String.format(Locale.ROOT,
                    "too little evidence: %d predictions at or above the head's threshold %.3f, fewer than the %d "
                            + "that could prove %s at %s confidence on their own", written[step],
                    step / (double) STEPS, evidence, percent(target), percent(confidence)));
        }
        return ClassThreshold.chosen(step / (double) STEPS, written[step], right[step], own);
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
            for (ScoredLabel claim : scored.claims(i)) {
                Optional<ClassThreshold> own = thresholds.of(claim.label());
                if (own.isPresent() && own.get().reachedBy(claim.confidence())) {
                    int[] count = counts.get(claim.label());
                    count[0]++;
                    if (scored.right(i, claim.label())) {
                        count[1]++;
                    }
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

    /**
     * The highest grid step a confidence reaches, by the very comparison {@link ClassThreshold#reachedBy} makes with
     * the step's threshold, so that the choice counts exactly the predictions the threshold will write.
     */
    private static int highestStep(double confidence) {
        int step = Math.max(0, Math.min(STEPS - 1, (int) (confidence * STEPS)));
        while (step + 1 < STEPS && confidence >= (step + 1) / (double) STEPS) {
            step++;
        }
        while (step > 0 && confidence < step / (double) STEPS) {
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
