package io.tickettriage.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Why a linear model chose a label, in the ticket's own words: the words and phrases whose features added most to
 * the winning label's score. A feature adds its TF-IDF value times its weight for that label (the weights are
 * one-vs-rest, so a positive share speaks for the label against the others); a word's share is that of its word
 * feature plus that of the character n-grams of the token it is written in, a character n-gram found in several
 * tokens being shared out evenly among its occurrences; a phrase (two adjacent words) has its pair feature's share.
 * The shares of all words and phrases add up to the score without the bias.
 *
 * <p>Computing them costs about three times what featurizing and the graph cost together (an n-gram trace of the
 * text, a weight per feature and head), so a model hands them out {@linkplain #deferred deferred}: computed for a
 * ticket when something reads them (its note), never for a ticket whose reasons nothing shows (notes off, shadow
 * mode, evaluation).
 *
 * <p>Thread-safe: it holds only the featurizer, the weights and a counter.
 */
final class LinearReasons {

    /** Enough to see what the model went by; more would bury it in a note. */
    static final int MAX_REASONS = 3;

    private final TextFeaturizer featurizer;
    private final FeatureWeights weights;
    private final LongAdder explained = new LongAdder();

    LinearReasons(TextFeaturizer featurizer, FeatureWeights weights) {
        this.featurizer = featurizer;
        this.weights = weights;
    }

    /** How many tickets' reasons were computed so far. */
    long explained() {
        return explained.sum();
    }

    /**
     * The reasons {@link #of} gives, per label asked, computed for all of them at once when any of them is first read
     * (the trace is most of the cost and serves every label), at most once. What they are computed from is let go
     * then.
     */
    List<Supplier<List<String>>> deferred(String text, SparseFeatures features, int[] heads, int[] labels) {
        OneTicket ticket = new OneTicket(text, features, heads, labels);
        List<Supplier<List<String>>> perLabel = new ArrayList<>(labels.length);
        for (int k = 0; k < labels.length; k++) {
            int asked = k;
            perLabel.add(() -> ticket.reasons().get(asked));
        }
        return perLabel;
    }

    /** One ticket's reasons, not computed yet or computed once. */
    private final class OneTicket {
        private String text;
        private SparseFeatures features;
        private final int[] heads;
        private final int[] labels;
        private List<List<String>> reasons;

        OneTicket(String text, SparseFeatures features, int[] heads, int[] labels) {
            this.text = text;
            this.features = features;
            this.heads = heads;
            this.labels = labels;
        }

        synchronized List<List<String>> reasons() {
            if (reasons == null) {
                reasons = of(text, features, heads, labels);
                text = null;
                features = null;
            }
            return reasons;
        }
    }

    /**
     * @param features the text's features, as the graph scored them
     * @param heads    the labels to explain, each by its head's index in the descriptor's order (a head's winning
     *                 label; for tags, each tag shown)
     * @param labels   beside each, the label's index in its head
     * @return per label asked, at most {@value #MAX_REASONS} words or phrases of the text, strongest first; only ones
     *         that pushed towards that label
     */
    List<List<String>> of(String text, SparseFeatures features, int[] heads, int[] labels) {
        explained.increment();
        double[][] shares = featureShares(features, heads, labels);
        NgramTrace trace = featurizer.trace(text);
        FeatureIndex index = new FeatureIndex(features.ids());
        int[] feature = new int[trace.size()];
        int[] occurrences = new int[features.size()];
        for (int k = 0; k < trace.size(); k++) {
            feature[k] = index.of(trace.ids()[k]);
            occurrences[feature[k]]++;
        }
        // Occurrences of one token's character n-grams come one after another, so their shares are added up before
        // the token's text is looked up.
        Map<String, double[]> byText = new HashMap<>();
        double[] pending = new double[labels.length];
        for (int k = 0; k < trace.size(); k++) {
            for (int h = 0; h < labels.length; h++) {
                pending[h] += shares[h][feature[k]] / occurrences[feature[k]];
            }
            boolean last = k + 1 == trace.size() || trace.starts()[k + 1] != trace.starts()[k]
                    || trace.ends()[k + 1] != trace.ends()[k] || isWord(trace, k + 1) != isWord(trace, k);
            if (last) {
                double[] sum = byText.computeIfAbsent(readable(trace, k), t -> new double[labels.length]);
                for (int h = 0; h < labels.length; h++) {
                    sum[h] += pending[h];
                }
                Arrays.fill(pending, 0);
            }
        }
        String[] texts = byText.keySet().toArray(String[]::new);
        double[][] sums = new double[texts.length][];
        for (int t = 0; t < texts.length; t++) {
            sums[t] = byText.get(texts[t]);
        }
        List<List<String>> reasons = new ArrayList<>(labels.length);
        for (int h = 0; h < labels.length; h++) {
            reasons.add(strongest(texts, sums, h));
        }
        return reasons;
    }

    /**
     * The features' TF-IDF vector as the graph weighs it: tf · idf, each block (words, characters) normalised on its
     * own, so that each counts half, then the whole to unit length; without {@code characters}, the word block alone.
     * A feature training never saw (a word of another language, a product name, an order number) counts as the
     * rarest the model knows: those are what tells one ticket from another.
     */
    TfIdfVector tfIdf(SparseFeatures features, boolean characters) {
        int count = characters ? features.size() : features.wordCount();
        float[] tfIdf = new float[count];
        double wordNorm = 0;
        double charNorm = 0;
        for (int i = 0; i < count; i++) {
            int row = weights.row(features.ids()[i]);
            double weight = features.values()[i] * Math.sqrt(row == 0 ? weights.unseenIdfSquared()
                    : weights.idfSquared(row));
            tfIdf[i] = (float) weight;
            if (i < features.wordCount()) {
                wordNorm += weight * weight;
            } else {
                charNorm += weight * weight;
            }
        }
        double wordScale = wordNorm == 0 ? 0 : 1 / Math.sqrt(wordNorm);
        double charScale = charNorm == 0 ? 0 : 1 / Math.sqrt(charNorm);
        for (int i = 0; i < count; i++) {
            tfIdf[i] *= (float) (i < features.wordCount() ? wordScale : charScale);
        }
        return TfIdfVector.normalised(Arrays.copyOf(features.ids(), count), tfIdf);
    }

    /** Per label asked, each feature's part in its score: tf · idf · weight / the block's TF-IDF norm. */
    private double[][] featureShares(SparseFeatures features, int[] heads, int[] labels) {
        int[] rows = new int[features.size()];
        double wordNorm = 0;
        double charNorm = 0;
        for (int i = 0; i < rows.length; i++) {
            rows[i] = weights.row(features.ids()[i]);
            double v = features.values()[i];
            double squared = v * v * weights.idfSquared(rows[i]);
            if (i < features.wordCount()) {
                wordNorm += squared;
            } else {
                charNorm += squared;
            }
        }
        double wordScale = wordNorm == 0 ? 0 : 1 / Math.sqrt(wordNorm);
        double charScale = charNorm == 0 ? 0 : 1 / Math.sqrt(charNorm);
        double[][] shares = new double[labels.length][rows.length];
        for (int h = 0; h < labels.length; h++) {
            int column = weights.column(heads[h], labels[h]);
            for (int i = 0; i < rows.length; i++) {
                shares[h][i] = features.values()[i] * weights.idfWeight(rows[i], column)
                        * (i < features.wordCount() ? wordScale : charScale);
            }
        }
        return shares;
    }

    private boolean isWord(NgramTrace trace, int k) {
        return featurizer.settings().isWordFeature(trace.ids()[k]);
    }

    /**
     * What occurrence {@code k} stands for, as a reader would write it: a word, two words (whatever stood between
     * them becomes one space), or the token around a character n-gram without the punctuation at its ends ("invoice"
     * for "invoice,"), unless it is all punctuation.
     */
    private String readable(NgramTrace trace, int k) {
        String text = trace.text();
        int start = trace.starts()[k];
        int end = trace.ends()[k];
        if (isWord(trace, k)) {
            StringBuilder words = new StringBuilder(end - start);
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (TextFeaturizer.isWordChar(c)) {
                    words.append(c);
                } else if (words.charAt(words.length() - 1) != ' ') {
                    words.append(' ');
                }
            }
            return words.toString();
        }
        int from = start;
        int to = end;
        while (from < to && !TextFeaturizer.isWordChar(text.charAt(from))) {
            from++;
        }
        while (to > from && !TextFeaturizer.isWordChar(text.charAt(to - 1))) {
            to--;
        }
        return from < to ? text.substring(from, to) : text.substring(start, end);
    }

    /**
     * The texts with the largest positive share for head {@code h}. A phrase that takes up a word already chosen
     * replaces it, and anything else that repeats a chosen word is left out, so no word is named twice.
     */
    private static List<String> strongest(String[] texts, double[][] sums, int h) {
        // Picking the best remaining text a few times beats sorting them all: a ticket has a hundred or more.
        boolean[] used = new boolean[texts.length];
        List<String> chosen = new ArrayList<>(MAX_REASONS);
        while (chosen.size() < MAX_REASONS) {
            int best = -1;
            for (int t = 0; t < texts.length; t++) {
                if (!used[t] && sums[t][h] > 0 && (best < 0 || sums[t][h] > sums[best][h]
                        || sums[t][h] == sums[best][h] && texts[t].compareTo(texts[best]) < 0)) {
                    best = t;
                }
            }
            if (best < 0) {
                break;
            }
            used[best] = true;
            choose(chosen, texts[best]);
        }
        return List.copyOf(chosen);
    }

    private static void choose(List<String> chosen, String candidate) {
        List<String> words = List.of(candidate.split(" "));
        List<Integer> overlapping = new ArrayList<>();
        for (int c = 0; c < chosen.size(); c++) {
            if (words.stream().anyMatch(List.of(chosen.get(c).split(" "))::contains)) {
                overlapping.add(c);
            }
        }
        if (overlapping.isEmpty()) {
            chosen.add(candidate);
        } else if (words.size() > 1 && overlapping.stream().noneMatch(c -> chosen.get(c).contains(" "))) {
            chosen.set(overlapping.get(0), candidate);
            for (int c = overlapping.size() - 1; c > 0; c--) {
                chosen.remove((int) overlapping.get(c));
            }
        }
    }

    /** Feature id → its position in the features: an open-addressing table, as a ticket has hundreds of them. */
    private static final class FeatureIndex {
        private final int[] keys;
        private final int[] positions;

        FeatureIndex(int[] ids) {
            int capacity = Integer.highestOneBit(Math.max(8, ids.length) * 2 - 1) * 2;
            keys = new int[capacity];
            positions = new int[capacity];
            for (int i = 0; i < ids.length; i++) {
                int slot = slot(ids[i]);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & (capacity - 1);
                }
                keys[slot] = ids[i] + 1;
                positions[slot] = i;
            }
        }

        /** The position of an id the features hold; the trace finds no other. */
        int of(int id) {
            int slot = slot(id);
            while (keys[slot] != id + 1) {
                if (keys[slot] == 0) {
                    throw new IllegalStateException("feature " + id + " was traced but not featurized");
                }
                slot = (slot + 1) & (keys.length - 1);
            }
            return positions[slot];
        }

        private int slot(int id) {
            return (id * 0x9E3779B9 >>> 7) & (keys.length - 1);
        }
    }
}
