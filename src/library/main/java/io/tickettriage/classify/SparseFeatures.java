package io.tickettriage.classify;

/**
 * The non-zero features of one text.
 *
 * @param ids       feature ids in {@code [0, dimension)}, unique: the {@code wordCount} word n-grams first, then the
 *                  character n-grams, so the model can hand each block to its own graph input without sorting
 * @param values    sublinear term frequency of each feature, {@code 1 + ln(count)}
 * @param wordCount how many of the ids are word n-grams
 */
public record SparseFeatures(int[] ids, float[] values, int wordCount) {

    public SparseFeatures {
        if (ids.length != values.length) {
            throw new IllegalArgumentException("ids and values differ in length");
        }
        if (wordCount < 0 || wordCount > ids.length) {
            throw new IllegalArgumentException("wordCount " + wordCount + " is not within the " + ids.length + " ids");
        }
    }

    public int size() {
        return ids.length;
    }

    public int charCount() {
        return ids.length - wordCount;
    }
}
