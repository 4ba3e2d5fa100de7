package io.tickettriage.classify;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns text into hashed word and character n-gram counts. The same code runs at training and at inference, which is
 * what keeps the two consistent; the ONNX graph holds the learned IDF and weights and does the weighting.
 *
 * <p>Words are maximal runs of letters and digits (lower-cased, NFKC); word features are words of two or more
 * characters and pairs of adjacent words, as scikit-learn's default tokenizer sees them. Character n-grams are taken
 * from each word padded with a space on both sides, as scikit-learn's {@code char_wb} analyzer does, so a prefix
 * ("␣re") differs from the same letters inside a word.
 *
 * <p>It runs for every ticket, so it allocates nothing per n-gram: n-gram hashes are rolled over the characters
 * (FNV-1a, then a MurmurHash3 finaliser to spread the bits) and counted in tables of primitives, which each thread
 * reuses from one text to the next: fresh tables per text were most of what training a model allocated.
 *
 * <p>Thread-safe: it holds nothing but its settings; the counting tables are the calling thread's own.
 */
public final class TextFeaturizer {

    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;
    private static final int WORD_PAIR_SALT = 0x5eed0002;
    private static final char PAD = ' ';

    /** The calling thread's counters for word and character n-grams, emptied after each text. */
    private static final ThreadLocal<IdCounter[]> COUNTERS =
            ThreadLocal.withInitial(() -> new IdCounter[] {new IdCounter(), new IdCounter()});

    private final FeaturizerSettings settings;
    private final int wordMask;
    private final int charMask;

    public TextFeaturizer(FeaturizerSettings settings) {
        this.settings = settings;
        this.wordMask = settings.wordDimension() - 1;
        this.charMask = settings.charDimension() - 1;
    }

    public FeaturizerSettings settings() {
        return settings;
    }

    /**
     * @return feature ids with their sublinear term frequency {@code 1 + ln(count)}, word n-grams first; ids are
     *         unique. IDF and normalisation are the model's (learned from the training data, applied in the graph).
     */
    public SparseFeatures featurize(String text) {
        char[] chars = normalize(text);
        IdCounter[] counters = COUNTERS.get();
        try {
            walk(chars, counters[0], counters[1]);
            return IdCounter.features(counters[0], counters[1]);
        } finally {
            counters[0].clear();
            counters[1].clear();
        }
    }

    /**
     * Every n-gram occurrence {@link #featurize} counts, in the same order, each with the span of the normalised
     * text it comes from. Hashed ids cannot be turned back into text, so this is how a prediction is explained in
     * the ticket's own words; it costs about one more featurizing, and only the explanation pays it.
     */
    public NgramTrace trace(String text) {
        char[] chars = normalize(text);
        NgramTrace.Builder occurrences = new NgramTrace.Builder(chars.length * 4);
        walk(chars, occurrences, occurrences);
        return occurrences.build(new String(chars));
    }

    private void walk(char[] chars, NgramSink words, NgramSink characters) {
        addWordNgrams(words, chars);
        if (settings.charDimension() > 0) {
            // Like char_wb, character n-grams come from whitespace-separated tokens, punctuation included: "urgent!!"
            // and "v2.3" carry signal that the word features drop.
            int at = 0;
            while (at < chars.length) {
                while (at < chars.length && chars[at] == PAD) {
                    at++;
                }
                int start = at;
                while (at < chars.length && chars[at] != PAD) {
                    at++;
                }
                if (at > start) {
                    addCharNgrams(characters, chars, start, at);
                }
            }
        }
    }

    /** Words of two or more letters or digits, and pairs of adjacent words. */
    private void addWordNgrams(NgramSink sink, char[] chars) {
        int previousWord = 0;
        int previousStart = -1;
        int at = 0;
        while (at < chars.length) {
            while (at < chars.length && !isWordChar(chars[at])) {
                at++;
            }
            int start = at;
            while (at < chars.length && isWordChar(chars[at])) {
                at++;
            }
            if (at - start < 2) {
                continue;
            }
            int word = fnv(FNV_OFFSET, chars, start, at);
            sink.add(fmix(word) & wordMask, start, at);
            if (settings.wordNgrams() >= 2 && previousStart >= 0) {
                sink.add(fmix(previousWord * 31 + word + WORD_PAIR_SALT) & wordMask, previousStart, at);
            }
            previousWord = word;
            previousStart = start;
        }
    }

    /** What words are made of; also what an explanation trims a token to. */
    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private char[] normalize(String text) {
        String clipped = text.length() > settings.maxChars() ? text.substring(0, settings.maxChars()) : text;
        // NFKC is the slow part for plain text, and plain ASCII is already in NFKC.
        if (!isAscii(clipped)) {
            clipped = Normalizer.normalize(clipped, Normalizer.Form.NFKC);
        }
        // Framed by the padding space, with every whitespace character turned into it: each whitespace-separated
        // token's padded form (" word ") is then a slice of this array, and the n-gram loop needs no edge cases.
        String lower = clipped.toLowerCase(Locale.ROOT);
        char[] padded = new char[lower.length() + 2];
        padded[0] = PAD;
        padded[padded.length - 1] = PAD;
        lower.getChars(0, lower.length(), padded, 1);
        for (int i = 1; i < padded.length - 1; i++) {
            if (Character.isWhitespace(padded[i])) {
                padded[i] = PAD;
            }
        }
        return padded;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every n-gram of " word " with n in [min, max]. The hash of each start position is extended one character at a
     * time, so no n-gram is hashed from scratch.
     */
    private void addCharNgrams(NgramSink sink, char[] chars, int from, int to) {
        // The token's neighbours are the padding spaces: chars[from - 1] and chars[to].
        int first = from - 1;
        int end = to + 1;
        int min = settings.charNgramMin();
        int max = settings.charNgramMax();
        int offset = settings.wordDimension();
        for (int start = first; start + min <= end; start++) {
            int hash = FNV_OFFSET;
            int stop = Math.min(end, start + max);
            for (int position = start; position < stop; position++) {
                hash = fnvChar(hash, chars[position]);
                int n = position - start + 1;
                if (n >= min) {
                    sink.add(offset + (fmix(hash + n) & charMask), from, to);
                }
            }
        }
    }

    private static int fnv(int hash, char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            hash = fnvChar(hash, chars[i]);
        }
        return hash;
    }

    private static int fnvChar(int hash, char c) {
        return (hash ^ c) * FNV_PRIME;
    }

    /** MurmurHash3's finaliser: FNV's low bits are weak, and the bucket is taken from the low bits. */
    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * Where the n-gram walk puts each occurrence: the counter when featurizing, the trace when explaining. {@code from}
     * and {@code to} bound the text the n-gram stands for: the word, the two words of a pair, or the whole
     * whitespace-separated token a character n-gram lies in.
     */
    interface NgramSink {
        void add(int id, int from, int to);
    }

    /**
     * Counts feature ids in an open-addressing table of primitives: no boxing, no sorting. Ids come out in the order
     * they were first seen, which depends on the text alone (not on how far an earlier text grew the table), so
     * features stay deterministic. Emptied by {@link #clear}, which touches only the slots in use, so a table grown
     * by one long text costs the short texts after it nothing.
     */
    private static final class IdCounter implements NgramSink {
        private static final float[] SUBLINEAR_TF = new float[64];

        static {
            for (int n = 1; n < SUBLINEAR_TF.length; n++) {
                SUBLINEAR_TF[n] = (float) (1 + Math.log(n));
            }
        }

        // One long per slot: (id + 1) in the high half, the count in the low half; 0 is empty. The table is at
        // most half full.
        private static final int INITIAL_SLOTS = 1 << 12;
        /**
         * A table grown past this (about 30,000 distinct n-grams: a text of some 10,000 characters) is let go after
         * its text rather than kept by the thread: what a thread holds between texts stays under a megabyte.
         */
        private static final int KEPT_SLOTS = 1 << 16;

        private long[] slots = new long[INITIAL_SLOTS];
        // The slots in use, in the order their ids were first seen.
        private int[] used = new int[INITIAL_SLOTS / 2];
        private int size;

        /** Counting needs only the id. */
        @Override
        public void add(int id, int from, int to) {
            if (2 * (size + 1) > slots.length) {
                grow();
            }
            long key = (long) (id + 1) << 32;
            int mask = slots.length - 1;
            int slot = (id * 0x9E3779B9 >>> 7) & mask;
            while (true) {
                long current = slots[slot];
                if (current == 0) {
                    slots[slot] = key | 1;
                    used[size++] = slot;
                    return;
                }
                if ((current & 0xFFFFFFFF00000000L) == key) {
                    slots[slot] = current + 1;
                    return;
                }
                slot = (slot + 1) & mask;
            }
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            used = Arrays.copyOf(used, old.length);
            int mask = slots.length - 1;
            for (int k = 0; k < size; k++) {
                long entry = old[used[k]];
                int id = (int) (entry >>> 32) - 1;
                int slot = (id * 0x9E3779B9 >>> 7) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = entry;
                used[k] = slot;
            }
        }

        void clear() {
            if (slots.length > KEPT_SLOTS) {
                slots = new long[INITIAL_SLOTS];
                used = new int[INITIAL_SLOTS / 2];
            } else {
                for (int k = 0; k < size; k++) {
                    slots[used[k]] = 0;
                }
            }
            size = 0;
        }

        private static float sublinear(int count) {
            return count < SUBLINEAR_TF.length ? SUBLINEAR_TF[count] : (float) (1 + Math.log(count));
        }

        /** The word counter's ids, then the character counter's. */
        static SparseFeatures features(IdCounter words, IdCounter chars) {
            int[] ids = new int[words.size + chars.size];
            float[] values = new float[ids.length];
            int end = chars.copyTo(ids, values, words.copyTo(ids, values, 0));
            assert end == ids.length;
            return new SparseFeatures(ids, values, words.size);
        }

        private int copyTo(int[] ids, float[] values, int from) {
            for (int k = 0; k < size; k++) {
                long entry = slots[used[k]];
                ids[from + k] = (int) (entry >>> 32) - 1;
                values[from + k] = sublinear((int) entry);
            }
            return from + size;
        }
    }
}
