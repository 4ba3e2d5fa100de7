package io.tickettriage.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Chooses a head's {@link Learner} on the user's own training tickets, by inner cross-validation: each candidate is
 * cross-fitted on (a sample of) the training tickets, and the one whose unseen margins, calibrated, give the true
 * labels the highest likelihood wins. The log-loss weighs both what the thresholds need (that confident predictions
 * are right) and what accuracy needs (that the right class comes first), and it is smooth where accuracy on a few
 * thousand tickets is a step function of noise.
 *
 * <p>The search is a walk from the start, one setting at a time, as long as the budget lasts: C halved and doubled
 * while the log-loss improves; then, when both feature weightings are searched, the same C walk for the other
 * weighting (plain TF-IDF or NB-weighted) from the C the first walk found, warm-started along its own ladder; then
 * balanced class weights. The walks are done one after the other, the start's weighting first and within the first
 * half of the head's time, so that a search cut short still has the start weighting's answer, and the other weighting
 * gets the rest: each weighting is judged at its own best C, not at the other's (at another C the NB weighting looks
 * worse than it is). The two weightings' best candidates are compared by what the user will do with them: the share of
 * the tickets their unseen predictions route at the target precision, with accuracy not to fall ({@link #routesMore}).
 * A candidate still being fitted when its time runs out is abandoned at its next fold, so the search overruns its
 * budget by one fold's fit at most. Each fitted candidate is calibrated both ways (a scale per class, or one) at no
 * further cost: the calibration only reads the margins. The start wins ties: a change must lower the log-loss by
 * {@value #MIN_GAIN} (the weighting: route {@value #MIN_COVERAGE_GAIN} more) to be taken, so that noise does not move
 * the settings.
 *
 * <p>The tickets the search runs on never include the held-out evaluation's: {@code train} splits those off before.
 */
final class SettingsSearch {

    /** A change of settings must gain at least this much log-loss per ticket to be taken. */
    static final double MIN_GAIN = 0.002;
    /** C is halved or doubled at most this many times from the start. */
    private static final int MAX_COST_STEPS = 3;

    /** The other feature weighting is kept only when it routes this much more of the tickets at the target. */
    static final double MIN_COVERAGE_GAIN = 0.01;

    /**
     * One candidate tried: its settings and what its unseen predictions scored.
     *
     * @param coverage the share of the tickets its most confident unseen predictions route at the target precision
     *                 (the one threshold, chosen on them, that routes the most at a precision of at least the target)
     */
    record Trial(Learner learner, double logLoss, double accuracy, double coverage) {

        String describe() {
            return String.format(Locale.ROOT, "%s: log-loss %.4f, accuracy %.3f, coverage %.1f%%", learner.describe(),
                    logLoss, accuracy, coverage * 100);
        }
    }

    private final CrossFitting fitting;
    private final int folds;
    private final boolean searchNaiveBayes;
    private final double target;
    private final LongSupplier nanoTime;

    /**
     * @param searchNaiveBayes whether the C walk is done for both feature weightings and the better kept; false: the
     *                         start's weighting stands
     * @param target           the precision the user will route at ({@code train --target-accuracy}): the feature
     *                         weightings are compared by what they route at it
     * @param nanoTime         the clock the budget is kept by
     */
    SettingsSearch(CrossFitting fitting, int folds, boolean searchNaiveBayes, double target, LongSupplier nanoTime) {
        this.fitting = fitting;
        this.folds = folds;
        this.searchNaiveBayes = searchNaiveBayes;
        this.target = target;
        this.nanoTime = nanoTime;
    }

    /**
     * @param members  the tickets searched on: a sample, or all of them
     * @param keep     whether to keep the chosen candidate's fold models' mean, when {@code members} are all the
     *                 tickets and the served model is that mean: then the search's winner is the model, not fitted
     *                 again
     * @param deadline by {@code nanoTime}, when this head's share of the budget is spent: no candidate starts after
     *                 it (the start is always tried)
     * @param tick     told after each fold fitted, to show progress
     */
    HeadSearch search(String head, int[] y, int classes, int[] members, Learner start, boolean keep, long deadline,
                      Runnable tick) {
        List<Trial> trials = new ArrayList<>();
        long began = nanoTime.getAsLong();
        long firstDeadline = searchNaiveBayes ? began + Math.max(0, deadline - began) / 2 : deadline;
        Walk first = walkCost(y, classes, members, start, keep, firstDeadline, true, trials, tick);
        Candidate best = first.best();
        boolean ranOut = first.ranOut();
        Weighing weighing = null;
        if (searchNaiveBayes) {
            // From twice the C the first walk found for NB weighting (half of it for plain features): the nearest
            // guess, so that a short budget still reaches the other weighting's own best C. NB weighting shrinks the
            // features every class shares, so it wants less regularisation: on the public IT-ticket data its best C
            // was twice or four times the plain features'.
            Learner other = start.withNaiveBayes(!start.naiveBayes());
            Walk otherWalk = walkCost(y, classes, members, other.withCost(best.trial().learner().cost()
                    * (other.naiveBayes() ? 2 : 0.5)), keep, deadline, false, trials, tick);
            ranOut |= otherWalk.ranOut();
            if (otherWalk.best() != null) {
                boolean switched = routesMore(otherWalk.best().trial(), best.trial());
                weighing = new Weighing(best.trial(), otherWalk.best().trial(), switched);
                if (switched) {
                    release(best);
                    best = otherWalk.best();
                } else {
                    release(otherWalk.best());
                }
            }
        }
        if (!ranOut && !spent(deadline)) {
            Learner learner = best.trial().learner();
            Optional<Candidate> tried = tryBoth(y, classes, members, learner.withBalanced(!learner.balanced()), keep,
                    new CrossFitting.WarmStart(), () -> spent(deadline), trials, tick);
            if (tried.isEmpty()) {
                ranOut = true;
            } else if (tried.get().trial().logLoss() <= best.trial().logLoss() - MIN_GAIN) {
                release(best);
                best = tried.get();
            } else {
                release(tried.get());
            }
        } else {
            ranOut = true;
        }
        return new HeadSearch(head, members.length, trials, best.trial(), best.fitted(), ranOut, weighing);
    }

    /**
     * Whether {@code other} is the better weighting: it routes {@link #MIN_COVERAGE_GAIN} more of the tickets at the
     * target and is no less accurate. Not the log-loss, which the C walks use: it weighs every ticket, and on the
     * public IT-ticket data NB weighting had the higher log-loss at its best C and yet routed 3 points more at 95 %,
     * because only the order of the most confident predictions decides what is routed. Accuracy is the other side of
     * the bargain: on the 4k set's priority NB weighting routed more at 90 % and was 1.6 points less accurate.
     */
    private static boolean routesMore(Trial other, Trial start) {
        return other.coverage() >= start.coverage() + MIN_COVERAGE_GAIN && other.accuracy() >= start.accuracy();
    }

    /** The best candidate of one C walk, or none when its time was spent before its first; and whether it was. */
    private record Walk(Candidate best, boolean ranOut) {
    }

    /**
     * C halved, then doubled, from {@code from}'s, while the log-loss improves by {@link #MIN_GAIN}; one warm start
     * along the walk, since the weighting changes the solution too much for another walk's to help.
     *
     * @param always whether {@code from} is fitted whatever the time: the search's start, the answer when nothing
     *               else is tried
     */
    private Walk walkCost(int[] y, int classes, int[] members, Learner from, boolean keep, long deadline,
                          boolean always, List<Trial> trials, Runnable tick) {
        CrossFitting.WarmStart warm = new CrossFitting.WarmStart();
        if (!always && spent(deadline)) {
            return new Walk(null, true);
        }
        Optional<Candidate> first = tryBoth(y, classes, members, from, keep, warm,
                always ? () -> false : () -> spent(deadline), trials, tick);
        if (first.isEmpty()) {
            return new Walk(null, true);
        }
        Candidate best = first.get();
        for (double factor : new double[] {0.5, 2}) {
            Learner origin = best.trial().learner();
            for (int step = 1; step <= MAX_COST_STEPS; step++) {
                if (spent(deadline)) {
                    return new Walk(best, true);
                }
                Optional<Candidate> tried = tryBoth(y, classes, members,
                        origin.withCost(origin.cost() * Math.pow(factor, step)), keep, warm, () -> spent(deadline),
                        trials, tick);
                if (tried.isEmpty()) {
                    return new Walk(best, true);
                }
                Candidate next = tried.get();
                if (next.trial().logLoss() > best.trial().logLoss() - MIN_GAIN) {
                    release(next);
                    break;
                }
                release(best);
                best = next;
            }
            if (best.trial().learner().cost() != origin.cost()) {
                // C moved one way: the other way starts from a worse point.
                break;
            }
        }
        return new Walk(best, false);
    }

    /**
     * The two feature weightings' best candidates, each at its own C, and which was kept.
     *
     * @param start    the best candidate of the start's weighting
     * @param other    the best candidate of the other weighting
     * @param switched whether the other was kept ({@link #routesMore})
     */
    record Weighing(Trial start, Trial other, boolean switched) {

        /**
         * E.g. {@code NB-weighted features (routes 71.2 % at the target, accuracy 0.849, at C=0.5) over plain TF-IDF
         * features (68.0 %, 0.842, at C=0.125)}.
         */
        String why() {
            Trial kept = switched ? other : start;
            Trial lost = switched ? start : other;
            return String.format(Locale.ROOT, "%s (routes %.1f%% at the target, accuracy %.3f, at C=%s) over %s "
                            + "(%.1f%%, %.3f, at C=%s%s)", weighting(kept), kept.coverage() * 100, kept.accuracy(),
                    Learner.costText(kept.learner().cost()), weighting(lost), lost.coverage() * 100, lost.accuracy(),
                    Learner.costText(lost.learner().cost()), switched ? "" : "; the start's weighting is left only "
                            + "for " + Math.round(MIN_COVERAGE_GAIN * 100) + " point more routed and no less accuracy");
        }

        private static String weighting(Trial trial) {
            return trial.learner().naiveBayes() ? "NB-weighted features" : "plain TF-IDF features";
        }
    }

    /**
     * What the search tried for one head and what it chose.
     *
     * @param fitted   the chosen candidate's cross-fitting: its unseen margins, and its fold models' mean when kept
     * @param weighing the feature weightings compared, or {@code null} when only one was walked
     */
    record HeadSearch(String head, int tickets, List<Trial> trials, Trial chosen, CrossFitting.Fitted fitted,
                      boolean budgetRanOut, Weighing weighing) {

        HeadSearch {
            trials = List.copyOf(trials);
        }

    /** Why the chosen settings, in a line: against the start, the first trial. */
        String why() {
            if (trials.isEmpty()) {
                return "set, not searched";
            }
            Trial start = trials.get(0);
            String features = weighing == null ? "" : "; " + weighing.why();
            if (chosen.equals(start)) {
                return "the start: no other settings tried lowered the cross-validated log-loss by "
                        + MIN_GAIN + " or more" + features;
            }
            return String.format(Locale.ROOT, "lowest cross-validated log-loss, %.4f against the start's %.4f",
                    chosen.logLoss(), start.logLoss()) + features;
        }
    }

    private boolean spent(long deadline) {
        return nanoTime.getAsLong() - deadline >= 0;
    }

    /** A candidate fitted: its better trial and its cross-fitting. */
    private record Candidate(Trial trial, CrossFitting.Fitted fitted) {
    }

    /** A candidate that lost hands its fold models' mean on, if it kept one. */
    private void release(Candidate lost) {
        if (lost.fitted().average() != null) {
            fitting.release(lost.fitted().average());
        }
    }

    /** Fits the candidate and calibrates its unseen margins both ways; records both, returns the better. */
    private Optional<Candidate> tryBoth(int[] y, int classes, int[] members, Learner candidate, boolean keep,
                                        CrossFitting.WarmStart warm, BooleanSupplier stop, List<Trial> trials,
                                        Runnable tick) {
        Optional<CrossFitting.Fitted> done = fitting.crossFit(y, classes, members, folds, candidate, keep, warm, stop,
                tick);
        if (done.isEmpty()) {
            return Optional.empty();
        }
        CrossFitting.Fitted fitted = done.get();
        double[][] unseen = fitted.unseen();
        int[] labels = Arrays.stream(members).map(i -> y[i]).toArray();
        Trial best = null;
        for (boolean shared : new boolean[] {candidate.sharedScale(), !candidate.sharedScale()}) {
            Calibration calibration = Calibration.fit(unseen, labels, shared);
            Top top = Top.of(calibration, unseen, labels);
            Trial trial = new Trial(candidate.withSharedScale(shared), calibration.logLoss(unseen, labels),
                    top.accuracy(), top.coverage(target));
            trials.add(trial);
            if (best == null || trial.logLoss() <= best.logLoss() - MIN_GAIN) {
                best = trial;
            }
        }
        return Optional.of(new Candidate(best, fitted));
    }

    /**
     * Each ticket's calibrated best class: how sure, and whether right. Calibrated, since a scale per class can change
     * which class comes first.
     */
    record Top(double[] confidence, boolean[] right) {

        static Top of(Calibration calibration, double[][] margins, int[] labels) {
            double[] confidence = new double[margins.length];
            boolean[] right = new boolean[margins.length];
            for (int i = 0; i < margins.length; i++) {
                float[] p = calibration.probabilities(margins[i]);
                int top = 0;
                for (int c = 1; c < p.length; c++) {
                    if (p[c] > p[top]) {
                        top = c;
                    }
                }
                confidence[i] = p[top];
                right[i] = top == labels[i];
            }
            return new Top(confidence, right);
        }

        double accuracy() {
            int n = 0;
            for (boolean r : right) {
                n += r ? 1 : 0;
            }
            return (double) n / right.length;
        }

        /**
         * The largest share of the tickets whose most confident predictions are right at a precision of at least
         * {@code target}: the one threshold, chosen on these predictions, that routes the most.
         */
        double coverage(double target) {
            int n = confidence.length;
            Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> Double.compare(confidence[b], confidence[a]));
            int rightSoFar = 0;
            int best = 0;
            for (int k = 1; k <= n; k++) {
                rightSoFar += right[order[k - 1]] ? 1 : 0;
                // A threshold routes every ticket at or above it: a cut falls only where the next one is less sure.
                boolean cut = k == n || confidence[order[k]] < confidence[order[k - 1]];
                if (cut && rightSoFar >= target * k) {
                    best = k;
                }
            }
            return n == 0 ? 0 : (double) best / n;
        }
    }

    /**
     * At most {@code size} of the rows, drawn at random (seeded), in row order: the search's tickets. All of them when
     * there are no more.
     */
    static int[] sample(int rows, int size, long seed) {
        if (rows <= size) {
            return IntStream.range(0, rows).toArray();
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, rows).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        return order.subList(0, size).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
