package io.tickettriage.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The solver against liblinear itself, on sparse random problems: the same weights, bit for bit. */
class LinearSvmTest {

    private static final int FEATURES = 300;

    @Test
    void givesLiblinearsWeights() {
        Random random = new Random(7);
        for (int trial = 0; trial < 6; trial++) {
            int l = 150 + 40 * trial;
            SparseRows rows = randomRows(random, l);
            boolean[] positive = new boolean[l];
            for (int i = 0; i < l; i++) {
                // Learnable but not separable: the label follows features 0-9, with noise.
                double score = 0;
                for (int k = rows.start()[i]; k < rows.start()[i + 1]; k++) {
                    long entry = rows.entries()[k];
                    score += SparseRows.feature(entry) < 10 ? SparseRows.value(entry) : 0;
                }
                positive[i] = score + random.nextGaussian() * 0.2 > 0.15;
            }
            // Every third row left out, as a calibration part would be.
            int left = trial % 3;
            int[] chosen = IntStream.range(0, l).filter(i -> i % 3 != left).toArray();
            double cost = trial % 2 == 0 ? 1 : 4;
            // Every other trial weighs the classes apart, as balanced class weights do: liblinear's -w1 and -w-1.
            double positiveWeight = trial % 4 < 2 ? 1 : 2.5;
            double negativeWeight = trial % 4 < 2 ? 1 : 0.6;
            double[] costs = new double[l];
            for (int i = 0; i < l; i++) {
                costs[i] = cost * (positive[i] ? positiveWeight : negativeWeight);
            }
            // A used array, as the trainer passes its spare ones: what was in it must not matter.
            double[] spare = new double[FEATURES];
            Arrays.fill(spare, 3.5);
            double[] ours = LinearSvm.train(rows, chosen, positive, costs, 0.1, new Random(42), spare,
                    new double[chosen.length], null);
            assertArrayEquals(liblinear(rows, chosen, positive, cost, positiveWeight, negativeWeight), ours,
                    "trial " + trial);
        }
    }

    @Test
    void aWarmStartFromANearbyCostReachesTheSameWeights() {
        Random random = new Random(5);
        int l = 300;
        SparseRows rows = randomRows(random, l);
        boolean[] positive = new boolean[l];
        for (int i = 0; i < l; i++) {
            positive[i] = rows.dot(new double[FEATURES], i) + random.nextGaussian() > 0.8;
        }
        int[] all = IntStream.range(0, l).toArray();
        double[] atOne = new double[l];
        java.util.Arrays.fill(atOne, 1);
        double[] atTwo = new double[l];
        java.util.Arrays.fill(atTwo, 2);
        double[] alpha = new double[l];
        LinearSvm.train(rows, all, positive, atOne, 0.001, new Random(42), new double[FEATURES], alpha, null);
        double[] warmAlpha = java.util.Arrays.stream(alpha).map(a -> a * 2).toArray();
        double[] warm = LinearSvm.train(rows, all, positive, atTwo, 0.001, new Random(42), new double[FEATURES],
                warmAlpha, null);
        double[] cold = LinearSvm.train(rows, all, positive, atTwo, 0.001, new Random(42), new double[FEATURES],
                new double[l], null);
        for (int f = 0; f < FEATURES; f++) {
            assertEquals(cold[f], warm[f], 1e-3 * (1 + Math.abs(cold[f])), "feature " + f);
        }
    }

    @Test
    void aFeatureScaleLearnsAsIfTheRowsWereScaled() {
        // NB weighting: the scale, zeros and negative values included, must act as if each value had been multiplied
        // by it, with the weights returned for the unscaled values.
        Random random = new Random(11);
        int l = 250;
        SparseRows rows = randomRows(random, l);
        float[] scale = new float[FEATURES];
        for (int f = 0; f < FEATURES - 1; f++) {
            scale[f] = f < 100 ? 0 : (float) (random.nextGaussian() * 2);
        }
        scale[FEATURES - 1] = 1;
        long[] scaledEntries = new long[rows.entries().length];
        boolean[] positive = new boolean[l];
        for (int i = 0; i < l; i++) {
            double score = 0;
            for (int k = rows.start()[i]; k < rows.start()[i + 1]; k++) {
                int f = SparseRows.feature(rows.entries()[k]);
                scaledEntries[k] = SparseRows.entry(f, (float) (scale[f] * SparseRows.value(rows.entries()[k])));
                score += f < 120 ? SparseRows.value(rows.entries()[k]) : 0;
            }
            positive[i] = score + random.nextGaussian() * 0.2 > 0.3;
        }
        SparseRows scaledRows = new SparseRows(rows.start(), scaledEntries, FEATURES);
        int[] all = IntStream.range(0, l).toArray();
        double[] cost = new double[l];
        Arrays.fill(cost, 1);
        double[] learned = LinearSvm.train(scaledRows, all, positive, cost, 1e-4, new Random(42),
                new double[FEATURES], new double[l], null);
        double[] ours = LinearSvm.train(rows, all, positive, cost, 1e-4, new Random(42), new double[FEATURES],
                new double[l], scale);
        for (int f = 0; f < FEATURES; f++) {
            double expected = learned[f] * scale[f];
            assertEquals(expected, ours[f], 1e-3 * (1 + Math.abs(expected)), "feature " + f);
        }
    }

    /** The last feature is the bias, which {@link SparseRows} adds to every row without storing it. */
    private static SparseRows randomRows(Random random, int l) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        List<Long> entries = new ArrayList<>();
        for (int i = 0; i < l; i++) {
            for (int f = 0; f < FEATURES - 1; f++) {
                if (random.nextInt(20) == 0) {
                    entries.add(SparseRows.entry(f, random.nextFloat()));
                }
            }
            starts.add(entries.size());
        }
        return new SparseRows(starts.stream().mapToInt(Integer::intValue).toArray(),
                entries.stream().mapToLong(Long::longValue).toArray(), FEATURES);
    }

    private static double[] liblinear(SparseRows rows, int[] chosen, boolean[] positive, double cost,
                                      double positiveWeight, double negativeWeight) {
        Linear.disableDebugOutput();
        Problem problem = new Problem();
        problem.l = chosen.length;
        problem.n = FEATURES;
        problem.bias = 1;
        problem.x = new Feature[chosen.length][];
        problem.y = new double[chosen.length];
        for (int s = 0; s < chosen.length; s++) {
            int i = chosen[s];
            int from = rows.start()[i];
            Feature[] x = new Feature[rows.start()[i + 1] - from + 1];
            for (int k = 0; k < x.length - 1; k++) {
                long entry = rows.entries()[from + k];
                x[k] = new FeatureNode(SparseRows.feature(entry) + 1, SparseRows.value(entry));
            }
            x[x.length - 1] = new FeatureNode(FEATURES, 1);
            problem.x[s] = x;
            problem.y[s] = positive[i] ? 1 : -1;
        }
        Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, cost, 0.1);
        parameter.setRandom(new Random(42));
        parameter.setWeights(new double[] {positiveWeight, negativeWeight}, new int[] {1, -1});
        Model model = Linear.train(problem, parameter);
        // liblinear puts the +1 instances first, so its one weight vector speaks for +1.
        return model.getFeatureWeights();
    }
}
