package io.tickettriage.classify;

import java.util.Arrays;

/**
 * A ticket's TF-IDF vector as a linear model sees it, of unit length, for comparing tickets with each other (cosine
 * similarity is then the dot product). Sparse: the ticket's features only, ids ascending.
 *
 * @param ids    feature ids, strictly ascending
 * @param values each feature's weight; the vector has length 1, or is empty
 */
public record TfIdfVector(int[] ids, float[] values) {

    public TfIdfVector {
        if (ids.length != values.length) {
            throw new IllegalArgumentException("ids and values differ in length");
        }
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("feature ids must be strictly ascending");
            }
        }
    }

    /**
     * The unit vector of {@code weights} (by feature id; an id may come once only); empty when all weights are 0.
     */
    public static TfIdfVector normalised(int[] ids, float[] weights) {
        long[] packed = new long[ids.length];
        double norm = 0;
        int kept = 0;
        for (int i = 0; i < ids.length; i++) {
            if (weights[i] != 0) {
                packed[kept++] = (long) ids[i] << 32 | (Float.floatToRawIntBits(weights[i]) & 0xffffffffL);
                norm += (double) weights[i] * weights[i];
            }
        }
        Arrays.sort(packed, 0, kept);
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        int[] sortedIds = new int[kept];
        float[] values = new float[kept];
        for (int i = 0; i < kept; i++) {
            sortedIds[i] = (int) (packed[i] >>> 32);
            values[i] = (float) (Float.intBitsToFloat((int) packed[i]) * scale);
        }
        return new TfIdfVector(sortedIds, values);
    }

    public int size() {
        return ids.length;
    }

    /** Cosine similarity with {@code other}: 1 for the same direction, 0 when no feature is shared. */
    public double cosine(TfIdfVector other) {
        int[] a = ids;
        int[] b = other.ids;
        int i = 0;
        int j = 0;
        double dot = 0;
        while (i < a.length && j < b.length) {
            int x = a[i];
            int y = b[j];
            if (x == y) {
                dot += (double) values[i++] * other.values[j++];
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return dot;
    }
}
