package io.tickettriage.classify;

/**
 * The non-zero features of one text.
 *
 * @param ids    feature ids in {@code [0, dimension)}, unique
 * @param values sublinear term frequency of each feature, {@code 1 + ln(count)}
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
