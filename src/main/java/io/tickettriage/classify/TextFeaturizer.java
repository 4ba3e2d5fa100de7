package io.tickettriage.classify;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Turns text into hashed word and character n-gram features. The same code runs at training and at inference, which
 * is what keeps the two consistent; the ONNX graph only holds the weights.
 *
 * <p>It runs for every ticket, so it avoids allocating per n-gram: each word is encoded to UTF-8 once and n-grams are
 * hashed as byte ranges of it (MurmurHash3, with one seed per kind of feature so a word and a character n-gram with
 * the same letters stay different features); counting uses a table of primitives instead of boxing into a map.
 *
 * <p>Thread-safe: it holds nothing but its settings.
 */
public final class TextFeaturizer {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int WORD_SEED = 0x5eed0001;
    private static final int WORD_PAIR_SEED = 0x5eed0002;
    private static final int CHAR_SEED = 0x5eed0003;

    private final FeaturizerSettings settings;

    public TextFeaturizer(FeaturizerSettings settings) {
        this.settings = settings;
    }

    public FeaturizerSettings settings() {
        return settings;
    }

    public SparseFeatures featurize(String text) {
        String[] words = words(text);
        IdCounter ids = new IdCounter(words.length * 16);
        byte[][] encoded = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            encoded[i] = words[i].getBytes(StandardCharsets.UTF_8);
            ids.add(hash(WORD_SEED, encoded[i], 0, encoded[i].length));
            if (settings.charNgramMin() > 0) {
                addCharNgrams(ids, words[i]);
            }
        }
        for (int n = 2; n <= settings.wordNgrams(); n++) {
            for (int start = 0; start + n <= words.length; start++) {
                byte[] joined = join(encoded, start, n);
                ids.add(hash(WORD_PAIR_SEED + n, joined, 0, joined.length));
            }
        }
        return weigh(ids);
    }

    private String[] words(String text) {
        String clipped = text.length() > settings.maxChars() ? text.substring(0, settings.maxChars()) : text;
        String normalized = Normalizer.normalize(clipped, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return Arrays.stream(NON_WORD.split(normalized)).filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    /**
     * Character n-grams of the word with boundary marks, so "&lt;re" (a prefix) differs from "re" inside a word.
     * Counted in characters, hashed as the UTF-8 bytes those characters occupy.
     */
    private void addCharNgrams(IdCounter ids, String word) {
        String padded = "<" + word + ">";
        byte[] bytes = padded.getBytes(StandardCharsets.UTF_8);
        int[] offset = byteOffsets(padded);
        int chars = offset.length - 1;
        for (int n = settings.charNgramMin(); n <= settings.charNgramMax(); n++) {
            for (int start = 0; start + n <= chars; start++) {
                ids.add(hash(CHAR_SEED + n, bytes, offset[start], offset[start + n] - offset[start]));
            }
        }
    }

    /** offset[i] = where character i starts in the UTF-8 encoding; the last entry is the total length. */
    private static int[] byteOffsets(String text) {
        int[] offset = new int[text.length() + 1];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int size = c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            offset[i + 1] = offset[i] + size;
        }
        return offset;
    }

    private static byte[] join(byte[][] words, int start, int count) {
        int length = count - 1;
        for (int k = 0; k < count; k++) {
            length += words[start + k].length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                joined[at++] = ' ';
            }
            System.arraycopy(words[start + k], 0, joined, at, words[start + k].length);
            at += words[start + k].length;
        }
        return joined;
    }

    private int hash(int seed, byte[] bytes, int from, int length) {
        return Math.floorMod(MurmurHash3.hash32x86(bytes, from, length, seed), settings.dimension());
    }

    /** Sublinear term frequency, L2-normalised: long tickets do not drown short ones. */
    private static SparseFeatures weigh(IdCounter counter) {
        int[] ids = counter.ids();
        float[] values = counter.counts();
        double norm = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (1 + Math.log(values[i]));
            norm += values[i] * values[i];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < values.length; i++) {
            values[i] *= scale;
        }
        return new SparseFeatures(ids, values);
    }

    /**
     * Counts feature ids in an open-addressing table of primitives: no boxing, no sorting. Ids come out in table
     * order, which is the same for the same text, so features stay deterministic.
     */
    private static final class IdCounter {
        private static final int EMPTY = -1;
        private int[] keys;
        private float[] counts;
        private int size;

        IdCounter(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) * 2;
            keys = new int[capacity];
            counts = new float[capacity];
            Arrays.fill(keys, EMPTY);
        }

        void add(int id) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int slot = mix(id) & mask;
            while (keys[slot] != EMPTY && keys[slot] != id) {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == EMPTY) {
                keys[slot] = id;
                size++;
            }
            counts[slot]++;
        }

        private void grow() {
            int[] oldKeys = keys;
            float[] oldCounts = counts;
            keys = new int[oldKeys.length * 2];
            counts = new float[oldKeys.length * 2];
            Arrays.fill(keys, EMPTY);
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    int mask = keys.length - 1;
                    int slot = mix(oldKeys[i]) & mask;
                    while (keys[slot] != EMPTY) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    counts[slot] = oldCounts[i];
                    size++;
                }
            }
        }

        /** Ids are already hashes modulo a power of two; mixing spreads them over the table's low bits. */
        private static int mix(int id) {
            return id * 0x9E3779B9 >>> 7;
        }

        int[] ids() {
            int[] ids = new int[size];
            int k = 0;
            for (int key : keys) {
                if (key != EMPTY) {
                    ids[k++] = key;
                }
            }
            return ids;
        }

        float[] counts() {
            float[] values = new float[size];
            int k = 0;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != EMPTY) {
                    values[k++] = counts[i];
                }
            }
            return values;
        }
    }
}
