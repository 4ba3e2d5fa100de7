package io.tickettriage.classify;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Turns text into hashed word and character n-gram features. The same code runs at training and at inference, which
 * is what keeps the two consistent; the ONNX graph only holds the weights.
 *
 * <p>Thread-safe: it holds nothing but its settings.
 */
public final class TextFeaturizer {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final FeaturizerSettings settings;

    public TextFeaturizer(FeaturizerSettings settings) {
        this.settings = settings;
    }

    public FeaturizerSettings settings() {
        return settings;
    }

    public SparseFeatures featurize(String text) {
        List<String> words = words(text);
        Map<Integer, float[]> counts = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            StringBuilder gram = new StringBuilder("w").append(words.get(i));
            count(counts, gram);
            for (int n = 2; n <= settings.wordNgrams() && i + n <= words.size(); n++) {
                gram.append(' ').append(words.get(i + n - 1));
                count(counts, gram);
            }
            if (settings.charNgramMin() > 0) {
                countCharNgrams(counts, words.get(i));
            }
        }
        return weigh(counts);
    }

    private List<String> words(String text) {
        String clipped = text.length() > settings.maxChars() ? text.substring(0, settings.maxChars()) : text;
        String normalized = Normalizer.normalize(clipped, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : NON_WORD.split(normalized)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** Character n-grams of the word with boundary marks, so "<re" (a prefix) differs from "re" inside a word. */
    private void countCharNgrams(Map<Integer, float[]> counts, String word) {
        String padded = "<" + word + ">";
        StringBuilder gram = new StringBuilder();
        for (int n = settings.charNgramMin(); n <= settings.charNgramMax(); n++) {
            for (int start = 0; start + n <= padded.length(); start++) {
                gram.setLength(0);
                gram.append('c').append(padded, start, start + n);
                count(counts, gram);
            }
        }
    }

    private void count(Map<Integer, float[]> counts, CharSequence feature) {
        byte[] bytes = feature.toString().getBytes(StandardCharsets.UTF_8);
        int id = Math.floorMod(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0), settings.dimension());
        counts.computeIfAbsent(id, k -> new float[1])[0]++;
    }

    /** Sublinear term frequency, L2-normalised: long tickets do not drown short ones. */
    private static SparseFeatures weigh(Map<Integer, float[]> counts) {
        int[] ids = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        float[] values = new float[ids.length];
        double norm = 0;
        for (int i = 0; i < ids.length; i++) {
            values[i] = (float) (1 + Math.log(counts.get(ids[i])[0]));
            norm += values[i] * values[i];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < values.length; i++) {
            values[i] *= scale;
        }
        return new SparseFeatures(ids, values);
    }
}
