package io.tickettriage.classify;

/**
 * How text becomes sparse features. Stored in the model, so a model is always run with the settings it was trained
 * with.
 *
 * <p>Two blocks of hashed features, as scikit-learn's union of a word and a {@code char_wb} TF-IDF vectorizer: word
 * n-grams take ids {@code [0, wordDimension)}, character n-grams {@code [wordDimension, dimension())}. Each block is
 * weighted and normalised on its own, so long words cannot outvote the word features or the other way round.
 *
 * @param wordDimension buckets for word n-grams (a power of two keeps the modulo cheap)
 * @param charDimension buckets for character n-grams; 0 switches character n-grams off
 * @param wordNgrams    longest word n-gram (1 = words only, 2 = words and word pairs)
 * @param charNgramMin  shortest character n-gram of a space-padded word
 * @param charNgramMax  longest character n-gram of a space-padded word
 * @param maxChars      text beyond this many characters is ignored: a 1 MB pasted log adds no signal, only latency
 */
public record FeaturizerSettings(int wordDimension, int charDimension, int wordNgrams, int charNgramMin,
                                 int charNgramMax, int maxChars) {

    public FeaturizerSettings {
        if (Integer.bitCount(wordDimension) != 1 || wordDimension < 2) {
            throw new IllegalArgumentException("featurizer wordDimension must be a power of two, was " + wordDimension);
        }
        if (charDimension != 0 && Integer.bitCount(charDimension) != 1) {
            throw new IllegalArgumentException("featurizer charDimension must be 0 or a power of two, was "
                    + charDimension);
        }
        if (wordNgrams < 1) {
            throw new IllegalArgumentException("featurizer wordNgrams must be at least 1, was " + wordNgrams);
        }
        if (charDimension > 0 && (charNgramMin < 1 || charNgramMax < charNgramMin)) {
            throw new IllegalArgumentException("featurizer character n-gram range is invalid: "
                    + charNgramMin + ".." + charNgramMax);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("featurizer maxChars must be positive, was " + maxChars);
        }
    }

    /** Word uni- and bigrams plus character 2–5-grams of each word, which carry German compounds and typos. */
    public static FeaturizerSettings defaults() {
        return new FeaturizerSettings(1 << 24, 1 << 24, 2, 2, 5, 20_000);
    }

    /**
     * The same settings with other character n-grams: {@code "2-5"} for 2- to 5-grams, {@code "3"} for 3-grams only,
     * {@code "none"} for words only. Shorter ranges are cheaper to run; which one is as accurate is for {@code train}
     * and {@code evaluate} to show on your tickets.
     */
    public FeaturizerSettings withCharNgrams(String range) {
        String text = range.strip();
        if (text.equalsIgnoreCase("none")) {
            return new FeaturizerSettings(wordDimension, 0, wordNgrams, charNgramMin, charNgramMax, maxChars);
        }
        String[] bounds = text.split("-", -1);
        try {
            int min = Integer.parseInt(bounds[0].strip());
            int max = bounds.length == 2 ? Integer.parseInt(bounds[1].strip()) : min;
            if (bounds.length <= 2 && min >= 1 && max >= min && max <= 10) {
                return new FeaturizerSettings(wordDimension, charDimension == 0 ? defaults().charDimension() : charDimension, wordNgrams,
                        min, max, maxChars);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("character n-grams must be MIN-MAX between 1 and 10 (e.g. 2-5), one "
                + "length, or none; was '" + range + "'");
    }

    /** Size of the whole feature space: both blocks. */
    public int dimension() {
        return wordDimension + charDimension;
    }

    public boolean isWordFeature(int id) {
        return id < wordDimension;
    }
}
