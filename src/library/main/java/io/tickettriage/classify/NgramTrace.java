package io.tickettriage.classify;

import java.util.Arrays;

/**
 * Every n-gram occurrence of one text, as {@link TextFeaturizer#trace} found them: occurrence {@code k} has feature id
 * {@code ids[k]} and stands for {@code text.substring(starts[k], ends[k])}.
 *
 * @param text the normalised text (lower case, NFKC, whitespace made spaces, framed by a space) the spans point into
 */
public record NgramTrace(String text, int[] ids, int[] starts, int[] ends) {

    public NgramTrace {
        if (ids.length != starts.length || ids.length != ends.length) {
            throw new IllegalArgumentException("ids, starts and ends differ in length");
        }
    }

    public int size() {
        return ids.length;
    }

    /** Collects occurrences in growable primitive arrays: a ticket has thousands of them. */
    static final class Builder implements TextFeaturizer.NgramSink {
        private int[] ids;
        private int[] starts;
        private int[] ends;
        private int size;

        Builder(int expected) {
            ids = new int[Math.max(16, expected)];
            starts = new int[ids.length];
            ends = new int[ids.length];
        }

        @Override
        public void add(int id, int from, int to) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            ids[size] = id;
            starts[size] = from;
            ends[size] = to;
            size++;
        }

        NgramTrace build(String text) {
            return new NgramTrace(text, Arrays.copyOf(ids, size), Arrays.copyOf(starts, size),
                    Arrays.copyOf(ends, size));
        }
    }
}
