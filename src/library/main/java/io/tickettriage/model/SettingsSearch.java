package io.tickettriage.model;

import java.time.Duration;
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
 * while it improves, then balanced class weights. A candidate still being fitted when the budget runs out is
 * abandoned at its next fold, so the search overruns its budget by one fold's fit at most. Each fitted candidate is calibrated both ways (a scale per class,
 * or one) at no further cost: the calibration only reads the margins. The start wins ties: a change must lower the
 * log-loss by {@value #MIN_GAIN} to be taken, so that noise does not move the settings.
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
    private final Duration budget;
    private final LongSupplier nanoTime;

    /**
     * @param budget   no candidate is started once this much time has gone (the start is always tried)
     * @param nanoTime the clock the budget is kept by
     */
    SettingsSearch(CrossFitting fitting, int folds, Duration budget, LongSupplier nanoTime) {
        this.fitting = fitting;
        this.folds = folds;
        this.budget = budget;
        this.nanoTime = nanoTime;
    }

    /**
     * @param members  the tickets searched on: a sample, or all of them
     * @param keep     whether to keep the chosen candidate's fold models' mean, when {@code members} are all the
     *                 tickets and the served model is that mean: then the search's winner is the model, not fitted
     *                 again
     * @param started  when the search began, by {@code nanoTime}: several heads share one budget
     * @param tick     told after each fold fitted, to show progress
     */
    HeadSearch search(String head, int[] y, int classes, int[] members, Learner start, boolean keep, long started,
                      Runnable tick) {
        List<Trial> trials = new ArrayList<>();
        CrossFitting.WarmStart warm = new CrossFitting.WarmStart();
        // The start is always fitted whole: it is the answer when nothing else is tried.
        Candidate best = tryBoth(y, classes, members, start, keep, warm, () -> false, trials, tick).orElseThrow();
        boolean ranOut = false;
        for (double factor : new double[] {0.5, 2}) {
            Learner from = best.trial().learner();
            for (int step = 1; step <= MAX_COST_STEPS && !ranOut; step++) {
                if (spent(started)) {
                    ranOut = true;
                    break;
                }
                Optional<Candidate> tried = tryBoth(y, classes, members,
                        from.withCost(from.cost() * Math.pow(factor, step)), keep, warm, () -> spent(started), trials,
                        tick);
                if (tried.isEmpty()) {
                    ranOut = true;
                    break;
                }
                Candidate next = tried.get();
                if (next.trial().logLoss() > best.trial().logLoss() - MIN_GAIN) {
                    release(next);
                    break;
                }
                release(best);
                best = next;
            }
            if (best.trial().learner().cost() != from.cost()) {
                // C moved one way: the other way starts from a worse point.
                break;
            }
        }
        if (!ranOut && !spent(started)) {
            Learner learner = best.trial().learner();
            Optional<Candidate> tried = tryBoth(y, classes, members, learner.withBalanced(!learner.balanced()), keep,
                    warm, () -> spent(started), trials, tick);
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
        return new HeadSearch(head, members.length, trials, best.trial(), best.fitted(), ranOut);
    }

    /**
     * What the search tried for one head and what it chose.
     *
     * @param fitted the chosen candidate's cross-fitting: its unseen margins, and its fold models' mean when kept
     */
    record HeadSearch(String head, int tickets, List<Trial> trials, Trial chosen, CrossFitting.Fitted fitted,
                      boolean budgetRanOut) {

        HeadSearch {
            trials = List.copyOf(trials);
        }

        /** Why the chosen settings, in a line: against the start, the first trial. */
        String why() {
            if (trials.isEmpty()) {
                return "set, not searched";
            }
            Trial start = trials.get(0);
            if (chosen.equals(start)) {
                return "the start: no other settings tried lowered the cross-validated log-loss by "
                        + MIN_GAIN + " or more";
            }
            return String.format(Locale.ROOT, "lowest cross-validated log-loss, %.4f against the start's %.4f",
                    chosen.logLoss(), start.logLoss());
        }
    }

    private boolean spent(long started) {
        return nanoTime.getAsLong() - started >= budget.toNanos();
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
