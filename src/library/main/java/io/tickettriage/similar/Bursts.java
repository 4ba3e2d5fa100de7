package io.tickettriage.similar;

import io.tickettriage.similar.SimilarityIndex.Entry;
import io.tickettriage.similar.SimilarityIndex.Neighbour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The bursts of one desk: {@code size} or more mutually similar tickets whose times lie within {@code window} of each
 * other. A burst is recognised by the ticket that completes it; later similar tickets within the window join it
 * (a burst that grows is the same burst: it is counted and logged once). A burst ends once no ticket joined it for
 * {@code window}; the same trouble later is a new burst.
 *
 * <p>Not thread-safe: its owner ({@link SimilarTickets}) serialises the calls.
 */
final class Bursts {

    /** Most candidates tried for a new burst, the most similar first: bounds the pairwise checks. */
    private static final int MAX_CANDIDATES = 64;

    /** A burst: its tickets in the order they came, and when the last one joined. */
    static final class Burst {
        private final List<Entry> members;
        private Instant last;

        private Burst(List<Entry> members) {
            this.members = new ArrayList<>(members);
            this.members.sort(Comparator.comparing(Entry::time));
            this.last = this.members.get(this.members.size() - 1).time();
        }

        List<String> ids() {
            return members.stream().map(Entry::id).toList();
        }

        private boolean has(String id) {
            return members.stream().anyMatch(member -> member.id().equals(id));
        }
    }

    /** Where a ticket stands: the burst it is in, and whether it started that burst just now. */
    record Placement(Burst burst, boolean started) {
    }

    private final int size;
    private final Duration window;
    private final double threshold;
    private final List<Burst> active = new ArrayList<>();

    Bursts(int size, Duration window, double threshold) {
        this.size = size;
        this.window = window;
        this.threshold = threshold;
    }

    /**
     * Places {@code ticket}: in the burst it is in already (sent again), in the active burst of a similar ticket,
     * in a new burst it completes, or in none.
     *
     * @param similar the index's tickets at least as similar as the burst threshold, or more, most similar first
     */
    Optional<Placement> place(Entry ticket, List<Neighbour> similar) {
        active.removeIf(burst -> burst.last.plus(window).isBefore(ticket.time()));
        for (Burst burst : active) {
            if (burst.has(ticket.id())) {
                return Optional.of(new Placement(burst, false));
            }
        }
        List<Neighbour> near = similar.stream().filter(n -> n.similarity() >= threshold && within(n.entry(), ticket))
                .toList();
        for (Neighbour neighbour : near) {
            for (Burst burst : active) {
                if (burst.has(neighbour.entry().id())) {
                    burst.members.add(ticket);
                    if (ticket.time().isAfter(burst.last)) {
                        burst.last = ticket.time();
                    }
                    return Optional.of(new Placement(burst, false));
                }
            }
        }
        if (near.size() + 1 < size) {
            return Optional.empty();
        }
        // Greedy: the most similar first, each kept only if it is similar to, and near in time to, all kept so far.
        List<Entry> members = new ArrayList<>(List.of(ticket));
        for (Iterator<Neighbour> it = near.stream().limit(MAX_CANDIDATES).iterator(); it.hasNext(); ) {
            Entry candidate = it.next().entry();
            if (members.stream().skip(1).allMatch(member -> within(member, candidate)
                    && member.vector().cosine(candidate.vector()) >= threshold)) {
                members.add(candidate);
            }
        }
        if (members.size() < size) {
            return Optional.empty();
        }
        // The new ticket last: of tickets with the same time, it came last.
        members.add(members.remove(0));
        Burst burst = new Burst(members);
        active.add(burst);
        return Optional.of(new Placement(burst, true));
    }

    void clear() {
        active.clear();
    }

    private boolean within(Entry a, Entry b) {
        return Duration.between(a.time(), b.time()).abs().compareTo(window) <= 0;
    }
}
