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
 * while it improves; then, when both feature weightings are searched, the same C walk for the other weighting (plain
 * TF-IDF or NB-weighted) from the C the first walk found, warm-started along its own ladder, and the weighting whose best candidate has the lower
 * log-loss is kept; then balanced class weights. The walks are done one after the other, the start's weighting first
 * and within the first half of the head's time, so that a search cut short still has the start weighting's answer,
 * and the other weighting gets the rest: each weighting is judged at its own best C, not at the other's (at another
 * C the NB weighting looks worse than it is). A candidate still being fitted when its time runs out is abandoned at
 * its next fold, so the search overruns its budget by one fold's fit at most. Each fitted candidate is calibrated
 * both ways (a scale per class, or one) at no further cost: the calibration only reads the margins. The start wins
 * ties: a change must lower the log-loss by {@value #MIN_GAIN} to be taken, so that noise does not move the settings.
 *
 * <p>The tickets the search runs on never include the held-out evaluation's: {@code train} splits those off before.
 */
final class SettingsSearch {

    /** A change of settings must gain at least this much log-loss per ticket to be taken. */
    static final double MIN_GAIN = 0.002;
    /** C is halved or doubled at most this many times from the start. */
    private static final int MAX_COST_STEPS = 3;

    /** One candidate tried: its settings and what its unseen predictions scored. */
    record Trial(Learner learner, double logLoss, double accuracy) {

        String describe() {
            return String.format(Locale.ROOT, "%s: log-loss %.4f, accuracy %.3f", learner.describe(), logLoss,
                    accuracy);
        }
    }

    private final CrossFitting fitting;
    private final int folds;
    private final boolean searchNaiveBayes;
    private final LongSupplier nanoTime;

    /**
     * @param searchNaiveBayes whether the C walk is done for both feature weightings and the better kept; false: the
     *                         start's weighting stands
     * @param nanoTime         the clock the budget is kept by
     */
    SettingsSearch(CrossFitting fitting, int folds, boolean searchNaiveBayes, LongSupplier nanoTime) {
        this.fitting = fitting;
        this.folds = folds;
        this.searchNaiveBayes = searchNaiveBayes;
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
            // From the C the first walk found: the nearest guess, so that a short budget still reaches the other
            // weighting's own best C.
            Walk other = walkCost(y, classes, members, start.withNaiveBayes(!start.naiveBayes())
                    .withCost(best.trial().learner().cost()), keep, deadline, false, trials, tick);
            ranOut |= other.ranOut();
            if (other.best() != null) {
                boolean switched = other.best().trial().logLoss() <= best.trial().logLoss() - MIN_GAIN;
                weighing = new Weighing(best.trial(), other.best().trial(), switched);
                if (switched) {
                    release(best);
                    best = other.best();
                } else {
                    release(other.best());
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
     * @param switched whether the other was kept: it lowered the log-loss by {@link #MIN_GAIN} or more
     */
    record Weighing(Trial start, Trial other, boolean switched) {

        /**
         * E.g. {@code NB-weighted features (best log-loss 0.5014 at C=0.5) over plain TF-IDF features (0.5050 at
         * C=1)}.
         */
        String why() {
            Trial kept = switched ? other : start;
            Trial lost = switched ? start : other;
            return String.format(Locale.ROOT, "%s (best log-loss %.4f at C=%s) over %s (%.4f at C=%s%s)",
                    weighting(kept), kept.logLoss(), Learner.costText(kept.learner().cost()), weighting(lost),
                    lost.logLoss(), Learner.costText(lost.learner().cost()),
                    switched ? "" : "; the start's weighting is left only for a gain of " + MIN_GAIN + " or more");
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
            Trial trial = new Trial(candidate.withSharedScale(shared), calibration.logLoss(unseen, labels),
                    accuracy(calibration, unseen, labels));
            trials.add(trial);
            if (best == null || trial.logLoss() <= best.logLoss() - MIN_GAIN) {
                best = trial;
            }
        }
        return Optional.of(new Candidate(best, fitted));
    }

    /** Calibrated: a scale per class can change which class comes first. */
    private static double accuracy(Calibration calibration, double[][] margins, int[] labels) {
        int right = 0;
        for (int i = 0; i < margins.length; i++) {
            float[] p = calibration.probabilities(margins[i]);
            int top = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[top]) {
                    top = c;
                }
            }
            right += top == labels[i] ? 1 : 0;
        }
        return (double) right / margins.length;
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
