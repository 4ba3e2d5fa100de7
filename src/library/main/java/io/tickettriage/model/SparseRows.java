package io.tickettriage.model;

/**
 * Training rows in compressed sparse row form, each non-zero one {@code long}: its 0-based feature index in the high
 * half, its value (a float's bits) in the low half, as {@link PackedFeatures} lays out ids and tf, so the trainer
 * turns one into the other in place. Row {@code i}'s non-zeros are {@code entries[start[i] .. start[i + 1] - 1]},
 * features ascending. Every row also has the bias, liblinear's one more feature of value 1 after the last
 * ({@code features - 1}), which is not stored. One array for all the rows, not an object per non-zero.
 *
 * @param start    where each row begins; one more entry than rows
 * @param entries  the non-zeros; room to spare after the last row's is unused
 * @param features the dimension, bias included: every feature index is below it
 */
record SparseRows(int[] start, long[] entries, int features) {

    SparseRows {
        if (start.length == 0 || start[0] != 0 || start[start.length - 1] > entries.length || features < 1) {
            throw new IllegalArgumentException("row starts must run from 0 to at most the number of entries");
        }
    }

    static long entry(int feature, float value) {
        return ((long) feature << 32) | (Float.floatToRawIntBits(value) & 0xFFFFFFFFL);
    }

    static int feature(long entry) {
        return (int) (entry >>> 32);
    }

    static double value(long entry) {
        return Float.intBitsToFloat((int) entry);
    }

    int rows() {
        return start.length - 1;
    }

    int bias() {
        return features - 1;
    }

    /** {@code w · row i}, the bias last, as liblinear adds it up. */
    double dot(double[] w, int i) {
        double sum = 0;
        for (int k = start[i]; k < start[i + 1]; k++) {
            sum += w[feature(entries[k])] * value(entries[k]);
        }
        return sum + w[bias()];
    }

    /** {@code w += step · row i}. */
    void addTo(double[] w, int i, double step) {
        for (int k = start[i]; k < start[i + 1]; k++) {
            w[feature(entries[k])] += step * value(entries[k]);
        }
        w[bias()] += step;
    }

    /** {@code w · (scale ⊙ row i)}, the bias unscaled. */
    double dot(double[] w, int i, float[] scale) {
        double sum = 0;
        for (int k = start[i]; k < start[i + 1]; k++) {
            int f = feature(entries[k]);
            sum += w[f] * scale[f] * value(entries[k]);
        }
        return sum + w[bias()];
    }

    /** {@code w += step · (scale ⊙ row i)}. */
    void addTo(double[] w, int i, double step, float[] scale) {
        for (int k = start[i]; k < start[i + 1]; k++) {
            int f = feature(entries[k]);
            w[f] += step * scale[f] * value(entries[k]);
        }
        w[bias()] += step;
    }

    /** {@code (scale ⊙ row i) · (scale ⊙ row i)}. */
    double squaredNorm(int i, float[] scale) {
        double sum = 0;
        for (int k = start[i]; k < start[i + 1]; k++) {
            double v = scale[feature(entries[k])] * value(entries[k]);
            sum += v * v;
        }
        return sum + 1;
    }

    /** {@code row i · row i}. */
    double squaredNorm(int i) {
        double sum = 0;
        for (int k = start[i]; k < start[i + 1]; k++) {
            sum += value(entries[k]) * value(entries[k]);
        }
        return sum + 1;
    }
}
