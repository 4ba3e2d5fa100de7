package io.tickettriage.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * One-vs-rest linear SVMs over shared training rows, fitted {@code folds} times, each time without one part of the
 * tickets and scored on that part: every ticket gets margins from a model that never saw its label. The calibration,
 * the thresholds and the settings search all rest on those unseen margins; the fold models themselves, averaged,
 * can be the model that is served (bagging, as scikit-learn's {@code CalibratedClassifierCV} does).
 *
 * <p>The per-class problems are independent and solved in parallel. Weight arrays are as long as the vocabulary, so
 * a model done with hands its arrays on to the next ({@code spare}) instead of leaving them to the collector.
 */
final class CrossFitting {

    private static final double TOLERANCE = 0.1;

    private final SparseRows rows;
    private final long seed;
    private final Queue<double[]> spare = new ConcurrentLinkedQueue<>();

    CrossFitting(SparseRows rows, long seed) {
        this.rows = rows;
        this.seed = seed;
    }

    /**
     * @param unseen  per member, in member order: the margins of the model that was trained without it
     * @param average the fold models' mean weights, or {@code null} when not asked for
     */
    record Fitted(double[][] unseen, OneVsRest average) {
    }

    /**
     * The dual solutions of one head's last cross-fitting, per fold and class problem, with the C they were found
     * at: the next candidate of the same head, on the same members and folds, starts from them scaled to its own C
     * (the squared hinge's dual variables grow about in proportion to C). Each problem has its own slot, so the
     * problems solved in parallel never share one.
     */
    static final class WarmStart {

        /** A problem's dual solution and the C it was found at. */
        private record Solution(double[] alpha, double cost) {
        }

        private final Map<Integer, Solution> solutions = new ConcurrentHashMap<>();

        /** Where problem {@code key} starts at cost {@code cost}: the last solution scaled, or zeros. */
        double[] start(int key, int instances, double cost) {
            Solution last = solutions.get(key);
            if (last == null || last.alpha().length != instances) {
                return new double[instances];
            }
            double ratio = cost / last.cost();
            return Arrays.stream(last.alpha()).map(a -> a * ratio).toArray();
        }

        void keep(int key, double[] alpha, double cost) {
            solutions.put(key, new Solution(alpha, cost));
        }
    }

    /**
     * @param y        each row's class index (only members' are read)
     * @param members  the rows taking part
     * @param average  whether to keep the fold models' mean
     * @param warm     where the solver starts from, and what it leaves for the next candidate
     * @param stop     asked before each fold: true abandons the cross-fitting (a search whose time is up)
     * @param afterFit told after each fold's model is done
     * @return the cross-fitting, or empty when it was abandoned
     */
    Optional<Fitted> crossFit(int[] y, int classes, int[] members, int folds, Learner learner, boolean average,
                              WarmStart warm, BooleanSupplier stop, Runnable afterFit) {
        int[] part = parts(members.length, folds);
        double[] cost = costs(y, classes, members, learner);
        double[][] unseen = new double[members.length][];
        double[][] sum = average ? new double[problems(classes)][rows.features()] : null;
        for (int held = 0; held < folds; held++) {
            if (stop.getAsBoolean()) {
                if (sum != null) {
                    spare.addAll(Arrays.asList(sum));
                }
                return Optional.empty();
            }
            int heldBack = held;
            int[] training = IntStream.range(0, members.length).filter(m -> part[m] != heldBack)
                    .map(m -> members[m]).toArray();
            OneVsRest model = fit(y, classes, training, cost, learner.cost(), learner.naiveBayes(), warm, held);
            for (int m = 0; m < members.length; m++) {
                if (part[m] == heldBack) {
                    unseen[m] = model.margins(rows, members[m]);
                }
            }
            if (sum != null) {
                for (int c = 0; c < sum.length; c++) {
                    double[] w = model.w()[c];
                    double[] into = sum[c];
                    IntStream.range(0, into.length).forEach(f -> into[f] += w[f] / folds);
                }
            }
            release(model);
            afterFit.run();
        }
        return Optional.of(new Fitted(unseen, sum == null ? null : new OneVsRest(sum, classes, rows.features() - 1)));
    }

    /** One model on all the members. */
    OneVsRest fitAll(int[] y, int classes, int[] members, Learner learner) {
        return fit(y, classes, members, costs(y, classes, members, learner), learner.cost(), learner.naiveBayes(),
                new WarmStart(), 0);
    }

    /** A model's weight arrays, for the next model to fill. */
    void release(OneVsRest model) {
        spare.addAll(Arrays.asList(model.w()));
    }

    /**
     * @param learnerCost the learner's C, which the warm start scales by
     * @param fold        which fold's problems these are, for the warm start's slots
     */
    private OneVsRest fit(int[] y, int classes, int[] training, double[] cost, double learnerCost,
                          boolean naiveBayes, WarmStart warm, int fold) {
        int problems = problems(classes);
        double[][] w = IntStream.range(0, problems).parallel()
                .mapToObj(c -> binary(training, y, c, cost, learnerCost, naiveBayes, warm, fold * problems + c))
                .toArray(double[][]::new);
        return new OneVsRest(w, classes, rows.features() - 1);
    }

    /** Two classes need one problem (class 0 against class 1), more need one per class. */
    private static int problems(int classes) {
        return classes == 2 ? 1 : classes;
    }

    /** Weights of "class {@code positive}" against the rest, bias last; positive margins: the class. */
    private double[] binary(int[] training, int[] y, int positive, double[] cost, double learnerCost,
                            boolean naiveBayes, WarmStart warm, int slot) {
        double[] w = spare.poll();
        if (w == null) {
            w = new double[rows.features()];
        }
        boolean[] isPositive = new boolean[rows.rows()];
        long positives = 0;
        for (int i : training) {
            isPositive[i] = y[i] == positive;
            positives += isPositive[i] ? 1 : 0;
        }
        if (positives == 0 || positives == training.length) {
            // A class absent from (or alone in) a fold's training part: a constant answer, no weights.
            Arrays.fill(w, 0);
            w[rows.bias()] = positives == 0 ? -1 : 1;
            return w;
        }
        double[] alpha = warm.start(slot, training.length, learnerCost);
        LinearSvm.train(rows, training, isPositive, cost, TOLERANCE, new Random(seed), w, alpha,
                naiveBayes ? logCountRatio(training, isPositive) : null);
        warm.keep(slot, alpha, learnerCost);
        return w;
    }

    /**
     * NBSVM's feature scale for one class against the rest: {@code r = log((p / |p|₁) / (q / |q|₁))}, where p and q
     * add up each feature's values over the class's and the other training tickets, plus 1 (Laplace smoothing). The
     * bias stays unscaled.
     */
    private float[] logCountRatio(int[] training, boolean[] isPositive) {
        int features = rows.features();
        double[] p = new double[features];
        double[] q = new double[features];
        Arrays.fill(p, 1);
        Arrays.fill(q, 1);
        for (int i : training) {
            double[] into = isPositive[i] ? p : q;
            for (int k = rows.start()[i]; k < rows.start()[i + 1]; k++) {
                into[SparseRows.feature(rows.entries()[k])] += SparseRows.value(rows.entries()[k]);
            }
        }
        double pSum = Arrays.stream(p).sum();
        double qSum = Arrays.stream(q).sum();
        float[] scale = new float[features];
        for (int f = 0; f < features; f++) {
            scale[f] = (float) Math.log((p[f] / pSum) / (q[f] / qSum));
        }
        scale[rows.bias()] = 1;
        return scale;
    }

    /**
     * Each row's C: the learner's, times its class's weight when classes are balanced ({@code n / (classes · n_c)},
     * scikit-learn's formula, counted over the members).
     */
    private double[] costs(int[] y, int classes, int[] members, Learner learner) {
        double[] perClass = new double[classes];
        Arrays.fill(perClass, learner.cost());
        if (learner.balanced()) {
            int[] count = new int[classes];
            for (int i : members) {
                count[y[i]]++;
            }
            for (int c = 0; c < classes; c++) {
                perClass[c] = count[c] == 0 ? learner.cost()
                        : learner.cost() * members.length / ((double) classes * count[c]);
            }
        }
        double[] cost = new double[rows.rows()];
        for (int i : members) {
            cost[i] = perClass[y[i]];
        }
        return cost;
    }

    /** Each member's part, 0 … folds - 1, dealt out in a seeded shuffle: the same parts on every run. */
    private int[] parts(int size, int folds) {
        Integer[] order = new Integer[size];
        Arrays.setAll(order, i -> i);
        Collections.shuffle(Arrays.asList(order), new Random(seed));
        int[] part = new int[size];
        for (int rank = 0; rank < size; rank++) {
            part[order[rank]] = rank % folds;
        }
        return part;
    }

    /**
     * One-vs-rest weights: {@code w[c]} scores class c (for two classes, {@code w[0]} scores class 0 against class 1
     * and each class gets half of it). Each vector holds one weight per vocabulary row 1..features, then the bias.
     */
    record OneVsRest(double[][] w, int classes, int features) {

        double[] margins(SparseRows rows, int i) {
            double[] scores = new double[w.length];
            for (int c = 0; c < w.length; c++) {
                scores[c] = rows.dot(w[c], i);
            }
            return classes == 2 ? new double[] {scores[0] / 2, -scores[0] / 2} : scores;
        }

        /** Row 0 of the graph's matrix is for unknown features and stays zero; row r holds feature r's weights. */
        HeadWeights toHeadWeights(Calibration calibration) {
            float[] weights = new float[(features + 1) * classes];
            float[] bias = new float[classes];
            for (int c = 0; c < classes; c++) {
                double sign = classes == 2 && c == 1 ? -0.5 : classes == 2 ? 0.5 : 1;
                double scale = sign * calibration.scale()[c];
                double[] vector = w[classes == 2 ? 0 : c];
                for (int f = 0; f < features; f++) {
                    weights[(f + 1) * classes + c] = (float) (scale * vector[f]);
                }
                bias[c] = (float) (scale * vector[features] + calibration.offset()[c]);
            }
            return new HeadWeights(weights, bias);
        }
    }
}
