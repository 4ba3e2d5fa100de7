package io.tickettriage.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.TfIdfVector;
import io.tickettriage.similar.SimilarityIndex.Neighbour;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityIndexTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    static TfIdfVector vector(int[] ids, float... weights) {
        return TfIdfVector.normalised(ids, weights);
    }

    @Test
    void cosineOfUnitVectorsIsTheirDotProductWhateverTheOrderTheyCameIn() {
        TfIdfVector a = vector(new int[] {7, 3, 100}, 3, 4, 0);
        TfIdfVector b = vector(new int[] {3, 9}, 1, 1);
        assertEquals(List.of(3, 7), List.of(a.ids()[0], a.ids()[1]), "ids ascending, a zero weight dropped");
        assertEquals(1.0, a.cosine(a), 1e-6);
        // a = (3: 0.8, 7: 0.6), b = (3: 0.7071, 9: 0.7071): only feature 3 is shared.
        assertEquals(0.8 * Math.sqrt(0.5), a.cosine(b), 1e-6);
        assertEquals(a.cosine(b), b.cosine(a), 1e-9);
        assertEquals(0.0, a.cosine(vector(new int[] {1, 2}, 1, 1)), 1e-9, "nothing shared");
        assertEquals(0, vector(new int[] {1}, 0).size(), "all zero: empty");
        assertThrows(IllegalArgumentException.class, () -> new TfIdfVector(new int[] {2, 1}, new float[] {1, 1}));
    }

    @Test
    void findsTheMostSimilarFirstAboveTheFloorButNeverTheTicketItself() {
        SimilarityIndex index = new SimilarityIndex(Duration.ofHours(72), 100);
        index.add("1", T0, vector(new int[] {1, 2}, 1, 1));
        index.add("2", T0, vector(new int[] {1, 2, 3}, 1, 1, 1));
        index.add("3", T0, vector(new int[] {8, 9}, 1, 1));
        index.add("self", T0, vector(new int[] {1, 2}, 1, 1));
        List<Neighbour> found = index.similar("self", vector(new int[] {1, 2}, 1, 1), 0.5, T0);
        assertEquals(List.of("1", "2"), found.stream().map(n -> n.entry().id()).toList());
        assertEquals(1.0, found.get(0).similarity(), 1e-6);
        assertEquals(2 / Math.sqrt(6), found.get(1).similarity(), 1e-6);
    }

    @Test
    void aTicketLeavesOnceItsWindowHasPassed() {
        SimilarityIndex index = new SimilarityIndex(Duration.ofHours(72), 100);
        TfIdfVector v = vector(new int[] {1}, 1);
        index.add("old", T0, v);
        index.add("newer", T0.plus(Duration.ofHours(1)), v);
        assertEquals(2, index.similar("q", v, 0.1, T0.plus(Duration.ofHours(72))).size(), "exactly 72 h: still in");
        assertEquals(List.of("newer"), index.similar("q", v, 0.1, T0.plus(Duration.ofHours(72)).plusSeconds(1))
                .stream().map(n -> n.entry().id()).toList());
        assertEquals(2, index.size(), "held until the next look over the held tickets, a thousandth of a window on");
        index.similar("q", v, 0.1, T0.plus(Duration.ofHours(72)).plus(Duration.ofHours(72).dividedBy(1000)));
        assertEquals(1, index.size(), "then the old one is gone, not only passed over");
    }

    @Test
    void manyTicketsComingAndGoingLeaveExactlyTheHeldOnesFindable() {
        SimilarityIndex index = new SimilarityIndex(Duration.ofHours(72), 100);
        int perTicket = 20;
        for (int t = 0; t < 3000; t++) {
            // Feature 0 is every ticket's; the others are this ticket's own.
            int[] ids = new int[perTicket];
            float[] weights = new float[perTicket];
            for (int f = 0; f < perTicket; f++) {
                ids[f] = f == 0 ? 0 : t * perTicket + f;
                weights[f] = 1;
            }
            index.add(String.valueOf(t), T0, vector(ids, weights));
        }
        assertEquals(100, index.size());
        List<Neighbour> all = index.similar("q", vector(new int[] {0}, 1), 0.01, T0);
        assertEquals(100, all.size(), "every held ticket, once");
        assertEquals("2999", all.stream().map(n -> n.entry().id()).max(java.util.Comparator.comparingInt(
                Integer::parseInt)).orElseThrow());
        assertTrue(all.stream().allMatch(n -> Integer.parseInt(n.entry().id()) >= 2900), "the newest 100");
        assertTrue(index.similar("q", vector(new int[] {5 * perTicket + 1}, 1), 0.01, T0).isEmpty(),
                "a ticket that left is not found by its own features");
        assertEquals(1, index.similar("q", vector(new int[] {2950 * perTicket + 1}, 1), 0.01, T0).size());
    }

    @Test
    void atItsSizeTheTicketHeldLongestMakesRoomAndAnIdIsHeldOnce() {
        SimilarityIndex index = new SimilarityIndex(Duration.ofHours(72), 3);
        TfIdfVector v = vector(new int[] {1}, 1);
        index.add("a", T0, v);
        index.add("b", T0, v);
        index.add("a", T0, v);
        assertEquals(2, index.size(), "a ticket sent again replaces itself");
        index.add("c", T0, v);
        index.add("d", T0, v);
        assertEquals(3, index.size());
        assertEquals(List.of("a", "c", "d"), index.similar("q", v, 0.1, T0).stream().map(n -> n.entry().id())
                .sorted().toList(), "b, held longest (a came again later), left first");
        assertThrows(IllegalArgumentException.class, () -> new SimilarityIndex(Duration.ZERO, 3));
        assertThrows(IllegalArgumentException.class, () -> new SimilarityIndex(Duration.ofHours(1), 0));
    }
}
