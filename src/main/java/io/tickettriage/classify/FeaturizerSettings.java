package io.tickettriage.classify;

/**
 * How text becomes sparse features. Stored in the model, so a model is always run with the settings it was trained
 * with.
 *
 * @param dimension    size of the hashed feature space (a power of two keeps the modulo cheap)
 * @param wordNgrams   longest word n-gram (1 = words only, 2 = words and word pairs)
 * @param charNgramMin shortest character n-gram inside a word; 0 switches character n-grams off
 * @param charNgramMax longest character n-gram inside a word
 * @param maxChars     text beyond this many characters is ignored: a 1 MB pasted log adds no signal, only latency
 */
public record FeaturizerSettings(int dimension, int wordNgrams, int charNgramMin, int charNgramMax, int maxChars) {

    public FeaturizerSettings {
        if (dimension < 2) {
            throw new IllegalArgumentException("featurizer dimension must be at least 2, was " + dimension);
        }
        if (wordNgrams < 1) {
            throw new IllegalArgumentException("featurizer wordNgrams must be at least 1, was " + wordNgrams);
        }
        if (charNgramMin < 0 || charNgramMax < charNgramMin) {
            throw new IllegalArgumentException("featurizer character n-gram range is invalid: "
                    + charNgramMin + ".." + charNgramMax);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("featurizer maxChars must be positive, was " + maxChars);
        }
    }

    /** Word uni- and bigrams plus in-word character 3–5-grams, which carry German compounds and typos. */
    public static FeaturizerSettings defaults() {
        return new FeaturizerSettings(1 << 18, 2, 3, 5, 20_000);
    }
}
