package io.tickettriage.model;

/**
 * Temperature scaling: the one number T for which softmax(margin / T) best explains held-out labels (maximum
 * likelihood). It never changes which label wins, only how sure the model says it is.
 */
final class Calibration {

    private static final double MIN = 0.01;
    private static final double MAX = 100;
    private static final int ITERATIONS = 60;

    private Calibration() {
    }

    /**
     * @param margins one row of class margins per example
     * @param labels  the true class index of each example
     */
    static double temperature(double[][] margins, int[] labels) {
        // The negative log-likelihood is convex in 1/T, so a golden-section search over log T finds the optimum.
        double low = Math.log(MIN);
        double high = Math.log(MAX);
        double ratio = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < ITERATIONS; i++) {
            double a = high - ratio * (high - low);
            double b = low + ratio * (high - low);
            if (loss(margins, labels, Math.exp(a)) < loss(margins, labels, Math.exp(b))) {
                high = b;
            } else {
                low = a;
            }
        }
        return Math.exp((low + high) / 2);
    }

    /**
     * softmax(margins / T), as the graph computes it from weights divided by T, in the graph's float precision, so
     * that thresholds chosen on these probabilities mean the same as the model's confidences.
     */
    static float[] probabilities(double[] margins, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double m : margins) {
            max = Math.max(max, m / temperature);
        }
        double sum = 0;
        double[] exp = new double[margins.length];
        for (int c = 0; c < margins.length; c++) {
            exp[c] = Math.exp(margins[c] / temperature - max);
            sum += exp[c];
        }
        float[] probabilities = new float[margins.length];
        for (int c = 0; c < margins.length; c++) {
            probabilities[c] = (float) (exp[c] / sum);
        }
        return probabilities;
    }

    private static double loss(double[][] margins, int[] labels, double temperature) {
        double total = 0;
        for (int i = 0; i < margins.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double m : margins[i]) {
                max = Math.max(max, m / temperature);
            }
            double sum = 0;
            for (double m : margins[i]) {
                sum += Math.exp(m / temperature - max);
            }
            total += max + Math.log(sum) - margins[i][labels[i]] / temperature;
        }
        return total;
    }
}
