package io.tickettriage.model;

import com.carrotsearch.hppc.IntIntHashMap;
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
    public static TfIdfVocabulary fit(FeaturizerSettings settings, PackedFeatures documents) {
        // Ids are unique within a ticket, so an id's document frequency is how often it occurs in all of them. Counted
        // in a table of primitives: a sorted copy of every id would be several times larger.
        IntIntHashMap frequencies = new IntIntHashMap(1 << 15);
        for (int k = 0; k < documents.start()[documents.tickets()]; k++) {
            frequencies.addTo(PackedFeatures.id(documents.entries()[k]), 1);
        }
        int[] features = frequencies.keys().toArray();
        Arrays.sort(features);
        float[] idf = new float[features.length + 1];
        for (int row = 1; row <= features.length; row++) {
            idf[row] = (float) (Math.log((1.0 + documents.tickets()) / (1.0 + frequencies.get(features[row - 1])))
                    + 1);
        }
        return new TfIdfVocabulary(settings, features, idf);
    }

    /** Number of known features. */
    public int size() {
        return features.length;
    }

    /** The weighted, per-block normalised known features of {@code document}, rows ascending. */
    public WeightedRow weigh(SparseFeatures document) {
        int[] rows = new int[document.size()];
        double[] values = new double[document.size()];
        int known = weigh(PackedFeatures.of(List.of(document)), 0, rows, values, 0);
        return new WeightedRow(Arrays.copyOf(rows, known), Arrays.copyOf(values, known));
    }

    /**
     * {@link #weigh(SparseFeatures)} for one of many tickets, into {@code rows} and {@code values} from {@code at} on:
     * for a caller that lays all the tickets out in one array.
     *
     * @return how many known features were written
     */
    public int weigh(PackedFeatures tickets, int ticket, int[] rows, double[] values, int at) {
        int known = at;
        double words = 0;
        double chars = 0;
        // The entries are sorted by id, which is ascending row.
        for (int k = tickets.start()[ticket]; k < tickets.start()[ticket + 1]; k++) {
            long entry = tickets.entries()[k];
            int id = PackedFeatures.id(entry);
            int row = Arrays.binarySearch(features, id) + 1;
            if (row > 0) {
                rows[known] = row;
                values[known] = PackedFeatures.value(entry) * idf[row];
                if (settings.isWordFeature(id)) {
                    words += values[known] * values[known];
                } else {
                    chars += values[known] * values[known];
                }
                known++;
            }
        }
        double wordScale = words == 0 ? 0 : 1 / Math.sqrt(words);
        double charScale = chars == 0 ? 0 : 1 / Math.sqrt(chars);
        for (int i = at; i < known; i++) {
            values[i] *= settings.isWordFeature(features[rows[i] - 1]) ? wordScale : charScale;
        }
        return known - at;
    }
}
