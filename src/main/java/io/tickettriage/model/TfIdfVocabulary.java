package io.tickettriage.model;

import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.classify.SparseFeatures;
import java.util.Arrays;
import java.util.List;

/**
 * The features seen in training, with their inverse document frequency: the fitted state of scikit-learn's
 * {@code TfidfVectorizer}, over hashed ids. Each known feature gets a row {@code 1..size()} in the model's weight
 * matrix; row 0 stands for every feature training never saw, and has weight and idf 0, so unseen text neither helps
 * nor dilutes the features the model knows (scikit-learn drops out-of-vocabulary terms the same way).
 *
 * <p>Hashing into a large space and keeping only the seen ids gives a vocabulary's accuracy (no collisions) at a
 * vocabulary's model size, without storing any n-gram text.
 *
 * <p>The trainer weighs examples with {@link #weigh}; the ONNX graph does the same at inference with {@link #features()}
 * and {@link #idf()} as initializers ({@link OnnxLinearModelWriter}); {@code TfIdfVocabularyTest} holds the two to the
 * same numbers.
 *
 * @param features the known feature ids, ascending; feature {@code features[k]} has row {@code k + 1}
 * @param idf      idf per row, {@code idf[0] = 0}
 */
public record TfIdfVocabulary(FeaturizerSettings settings, int[] features, float[] idf) {

    /** A ticket's known features as rows of the weight matrix, ascending, with their normalised TF-IDF values. */
    public record WeightedRow(int[] rows, double[] values) {
    }

    public TfIdfVocabulary {
        if (idf.length != features.length + 1 || idf[0] != 0) {
            throw new IllegalArgumentException("idf needs a 0 for unknown features and one value per known feature");
        }
    }

    /** Smooth idf, {@code ln((1 + n) / (1 + df)) + 1}, scikit-learn's default. */
    public static TfIdfVocabulary fit(FeaturizerSettings settings, List<SparseFeatures> documents) {
        int[] all = documents.stream().flatMapToInt(d -> Arrays.stream(d.ids())).sorted().toArray();
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                distinct++;
            }
        }
        int[] features = new int[distinct];
        int[] frequency = new int[distinct];
        int k = -1;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                features[++k] = all[i];
            }
            frequency[k]++;
        }
        float[] idf = new float[distinct + 1];
        for (int row = 1; row <= distinct; row++) {
            idf[row] = (float) (Math.log((1.0 + documents.size()) / (1.0 + frequency[row - 1])) + 1);
        }
        return new TfIdfVocabulary(settings, features, idf);
    }

    /** Number of known features. */
    public int size() {
        return features.length;
    }

    /** The weighted, per-block normalised known features of {@code document}, rows ascending. */
    public WeightedRow weigh(SparseFeatures document) {
        int[] order = sortedByRow(document);
        int known = 0;
        int[] rows = new int[order.length];
        double[] values = new double[order.length];
        double words = 0;
        double chars = 0;
        for (int k : order) {
            int row = Arrays.binarySearch(features, document.ids()[k]) + 1;
            if (row > 0) {
                rows[known] = row;
                values[known] = document.values()[k] * idf[row];
                if (settings.isWordFeature(document.ids()[k])) {
                    words += values[known] * values[known];
                } else {
                    chars += values[known] * values[known];
                }
                known++;
            }
        }
        double wordScale = words == 0 ? 0 : 1 / Math.sqrt(words);
        double charScale = chars == 0 ? 0 : 1 / Math.sqrt(chars);
        for (int i = 0; i < known; i++) {
            values[i] *= settings.isWordFeature(features[rows[i] - 1]) ? wordScale : charScale;
        }
        return new WeightedRow(Arrays.copyOf(rows, known), Arrays.copyOf(values, known));
    }

    /** Positions of the document's features by ascending id, which is ascending row. */
    private static int[] sortedByRow(SparseFeatures document) {
        long[] keyed = new long[document.size()];
        for (int i = 0; i < keyed.length; i++) {
            keyed[i] = ((long) document.ids()[i] << 32) | i;
        }
        Arrays.sort(keyed);
        int[] order = new int[keyed.length];
        for (int i = 0; i < keyed.length; i++) {
            order[i] = (int) keyed[i];
        }
        return order;
    }
}
