package io.tickettriage.classify;

/**
 * The non-zero features of one text, ids ascending.
 *
 * @param ids    hashed feature ids in {@code [0, dimension)}
 * @param values weights, L2-normalised over the text
 */
public record SparseFeatures(int[] ids, float[] values) {

    public SparseFeatures {
        if (ids.length != values.length) {
            throw new IllegalArgumentException("ids and values differ in length");
        }
    }

    public int size() {
        return ids.length;
    }
}
