package io.tickettriage.similar;

import com.carrotsearch.hppc.IntObjectHashMap;
import io.tickettriage.classify.TfIdfVector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One desk's recent tickets as unit TF-IDF vectors, in memory, for finding the ones most like a new ticket by cosine
 * similarity. Bounded twice: a ticket leaves once {@code window} has passed since its time, and when the index holds
 * {@code maxSize} tickets the one held longest leaves for a new one.
 *
 * <p>Exact, not approximate: an inverted index (feature → the held tickets that have it, with their weights) adds up
 * each held ticket's dot product with the new one over the features they share, so a lookup costs the length of the
 * lists of the new ticket's features, not the number of tickets held. {@code bench similar} measures it at 10,000 tickets.
 * A ticket that leaves is only marked gone (its slot's generation moves on); its list items are dropped when a lookup
 * walks the list, or all at once when gone ones outnumber the live.
 *
 * <p>Not thread-safe: its owner ({@link SimilarTickets}) serialises the calls.
 */
public final class SimilarityIndex {

    /** A ticket held, at the time of its last change. */
    public record Entry(String id, Instant time, TfIdfVector vector) {
    }

    /** A held ticket and how similar it is to the one looked up. */
    public record Neighbour(Entry entry, double similarity) {
    }

    /** The held tickets that have one feature: their slots, the slots' generation then, and their weights. */
    private static final class Postings {
        // Most features are in one ticket only (a rare word, a word pair): lists start at one item.
        private int[] slots = new int[1];
        private int[] generations = new int[1];
        private float[] weights = new float[1];
        private int size;

        void add(int slot, int generation, float weight) {
            if (size == slots.length) {
                int capacity = size + Math.max(1, size / 2);
                slots = Arrays.copyOf(slots, capacity);
                generations = Arrays.copyOf(generations, capacity);
                weights = Arrays.copyOf(weights, capacity);
            }
            slots[size] = slot;
            generations[size] = generation;
            weights[size++] = weight;
        }
    }

    /** How often in a window the held tickets are looked over for those whose window passed. */
    private static final int EXPIRY_STEPS = 1000;

    private final Duration window;
    private final int maxSize;
    private Instant lastExpiry;
    /** Slot by id, in the order the tickets came: the first is the one held longest. */
    private final LinkedHashMap<String, Integer> slotById = new LinkedHashMap<>();
    private final Entry[] entries;
    /** Each slot's generation: a list item of an older one is of a ticket that left. */
    private final int[] generations;
    private final int[] free;
    private int freeCount;
    /** Feature → its list; a map of boxed keys would take more heap than the lists of the many one-ticket features. */
    private final IntObjectHashMap<Postings> postings = new IntObjectHashMap<>();
    private long items;
    private long liveItems;
    /** A lookup's sums by slot, and the slots it touched, kept between lookups so that none allocates them. */
    private final float[] sums;
    private final int[] touched;
    /** The lookup that last touched each slot. */
    private final int[] touchedBy;
    private int lookups;

    public SimilarityIndex(Duration window, int maxSize) {
        if (window.isNegative() || window.isZero() || maxSize < 1) {
            throw new IllegalArgumentException("the index needs a positive window and size, was " + window + ", "
                    + maxSize);
        }
        this.window = window;
        this.maxSize = maxSize;
        this.entries = new Entry[maxSize];
        this.generations = new int[maxSize];
        this.free = new int[maxSize];
        for (int slot = maxSize - 1; slot >= 0; slot--) {
            free[freeCount++] = slot;
        }
        this.sums = new float[maxSize];
        this.touched = new int[maxSize];
        this.touchedBy = new int[maxSize];
    }

    /**
     * The held tickets (but {@code id} itself) whose window has not passed by {@code now} and that are at least
     * {@code floor} similar to {@code vector}, the most similar first.
     */
    public List<Neighbour> similar(String id, TfIdfVector vector, double floor, Instant now) {
        Instant oldest = now.minus(window);
        dropExpired(now, oldest);
        int touchedCount = 0;
        int lookup = ++lookups;
        for (int f = 0; f < vector.size(); f++) {
            touchedCount = walk(vector.ids()[f], vector.values()[f], lookup, touchedCount);
        }
        List<Neighbour> found = new ArrayList<>();
        for (int t = 0; t < touchedCount; t++) {
            int slot = touched[t];
            Entry entry = entries[slot];
            if (sums[slot] >= floor && !entry.id().equals(id) && !entry.time().isBefore(oldest)) {
                found.add(new Neighbour(entry, sums[slot]));
            }
            sums[slot] = 0;
        }
        found.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return found;
    }

    /** Adds a feature's part to the sums of the held tickets that have it, dropping the items of those that left. */
    private int walk(int feature, float weight, int lookup, int touchedCount) {
        Postings list = postings.get(feature);
        if (list == null) {
            return touchedCount;
        }
        int kept = 0;
        for (int i = 0; i < list.size; i++) {
            int slot = list.slots[i];
            if (list.generations[i] != generations[slot]) {
                continue;
            }
            if (touchedBy[slot] != lookup) {
                touchedBy[slot] = lookup;
                touched[touchedCount++] = slot;
            }
            sums[slot] += weight * list.weights[i];
            if (kept != i) {
                list.slots[kept] = slot;
                list.generations[kept] = list.generations[i];
                list.weights[kept] = list.weights[i];
            }
            kept++;
        }
        items -= list.size - kept;
        list.size = kept;
        return touchedCount;
    }

    /**
     * Drops the tickets whose window passed, looking at most once a {@value #EXPIRY_STEPS}th of the window: until then
     * a lookup passes them over by their time.
     */
    private void dropExpired(Instant now, Instant oldest) {
        if (lastExpiry != null && now.isBefore(lastExpiry.plus(window.dividedBy(EXPIRY_STEPS)))
                && !now.isBefore(lastExpiry)) {
            return;
        }
        lastExpiry = now;
        List<Integer> expired = new ArrayList<>();
        slotById.values().forEach(slot -> {
            if (entries[slot].time().isBefore(oldest)) {
                expired.add(slot);
            }
        });
        expired.forEach(this::remove);
    }

    /** Holds the ticket (replacing what was held under its id), making room by dropping the one held longest. */
    public void add(String id, Instant time, TfIdfVector vector) {
        Integer held = slotById.get(id);
        if (held != null) {
            remove(held);
        }
        if (freeCount == 0) {
            remove(slotById.values().iterator().next());
        }
        int slot = free[--freeCount];
        entries[slot] = new Entry(id, time, vector);
        slotById.put(id, slot);
        for (int f = 0; f < vector.size(); f++) {
            Postings list = postings.get(vector.ids()[f]);
            if (list == null) {
                list = new Postings();
                postings.put(vector.ids()[f], list);
            }
            list.add(slot, generations[slot], vector.values()[f]);
        }
        items += vector.size();
        liveItems += vector.size();
    }

    public int size() {
        return slotById.size();
    }

    /** Forgets every ticket: vectors of another model cannot be compared with the new model's. */
    public void clear() {
        new ArrayList<>(slotById.values()).forEach(this::remove);
        postings.release();
        items = 0;
    }

    private void remove(int slot) {
        slotById.remove(entries[slot].id());
        liveItems -= entries[slot].vector().size();
        entries[slot] = null;
        generations[slot]++;
        free[freeCount++] = slot;
        if (items > 2 * liveItems + 4096) {
            sweep();
        }
    }

    /** Drops the list items of tickets that left from every list at once, and the lists left empty. */
    private void sweep() {
        postings.removeAll((int feature, Postings list) -> {
            int kept = 0;
            for (int i = 0; i < list.size; i++) {
                if (list.generations[i] == generations[list.slots[i]]) {
                    list.slots[kept] = list.slots[i];
                    list.generations[kept] = list.generations[i];
                    list.weights[kept++] = list.weights[i];
                }
            }
            list.size = kept;
            return kept == 0;
        });
        items = liveItems;
    }
}
