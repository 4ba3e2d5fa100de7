package io.tickettriage.model;

import io.tickettriage.classify.SparseFeatures;
import java.util.Arrays;
import java.util.List;

/**
 * Many tickets' hashed features in one array: each entry is a feature id (high half) and its sublinear tf (low half,
 * the float's bits), and each ticket's entries are sorted by id. One array of primitives for the whole training set
 * instead of two small arrays per ticket: the garbage collector never copies it, and no per-ticket sorting buffers are
 * needed later, since sorting entries sorts by id.
 *
 * @param entries the tickets' entries, one ticket after the other; room to spare after the last is unused
 * @param start   where each ticket's entries begin; one more than tickets, the last where the entries end
 */
record PackedFeatures(long[] entries, int[] start) {

    PackedFeatures {
        if (start.length == 0 || start[0] != 0 || start[start.length - 1] > entries.length) {
            throw new IllegalArgumentException("ticket starts must run from 0 to at most the number of entries");
        }
    }

    static PackedFeatures of(List<SparseFeatures> tickets) {
        Builder builder = new Builder(tickets.size(), tickets.stream().mapToInt(SparseFeatures::size).sum());
        tickets.forEach(ticket -> builder.add(sortedEntries(ticket)));
        return builder.build();
    }

    int tickets() {
        return start.length - 1;
    }

    static int id(long entry) {
        return (int) (entry >>> 32);
    }

    static float value(long entry) {
        return Float.intBitsToFloat((int) entry);
    }

    /** One ticket's entries, sorted by id (ids are non-negative, so the signed order of the entries is theirs). */
    static long[] sortedEntries(SparseFeatures ticket) {
        long[] entries = new long[ticket.size()];
        for (int k = 0; k < entries.length; k++) {
            entries[k] = ((long) ticket.ids()[k] << 32) | (Float.floatToRawIntBits(ticket.values()[k]) & 0xFFFFFFFFL);
        }
        Arrays.sort(entries);
        return entries;
    }

    /** Appends tickets' sorted entries; grows by half when full. Not thread-safe: one filler. */
    static final class Builder {
        private long[] entries;
        private final int[] start;
        private int tickets;

        /** @param expectedEntries a guess of all the tickets' entries together; a good one saves copying */
        Builder(int tickets, int expectedEntries) {
            this.entries = new long[Math.max(16, expectedEntries)];
            this.start = new int[tickets + 1];
        }

        void add(long[] sorted) {
            int end = start[tickets] + sorted.length;
            if (end > entries.length) {
                entries = Arrays.copyOf(entries, Math.max(end, entries.length + entries.length / 2));
            }
            System.arraycopy(sorted, 0, entries, start[tickets], sorted.length);
            start[++tickets] = end;
        }

        PackedFeatures build() {
            if (tickets != start.length - 1) {
                throw new IllegalStateException(tickets + " of " + (start.length - 1) + " tickets added");
            }
            // Not trimmed: a copy of the largest array of the training would cost more than the room it frees.
            return new PackedFeatures(entries, start);
        }
    }
}
