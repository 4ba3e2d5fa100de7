package io.tickettriage.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.TfIdfVector;
import io.tickettriage.similar.SimilarityIndex.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BurstsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final SimilarityIndex index = new SimilarityIndex(Duration.ofHours(72), 100);
    private final Bursts bursts = new Bursts(3, WINDOW, 0.45);

    /** Outage reports share feature 1 and each has a word of its own: pairwise similarity 0.5 (in floats, a hair less). */
    private static TfIdfVector outage(int own) {
        return TfIdfVector.normalised(new int[] {1, 100 + own}, new float[] {1, 1});
    }

    private Optional<Bursts.Placement> arrive(String id, Instant at, TfIdfVector vector) {
        Entry entry = new Entry(id, at, vector);
        Optional<Bursts.Placement> placed = bursts.place(entry, index.similar(id, vector, 0.45, at));
        index.add(id, at, vector);
        return placed;
    }

    @Test
    void theTicketThatCompletesABurstStartsItOnceAndLaterOnesJoinIt() {
        assertTrue(arrive("1", T0, outage(1)).isEmpty());
        assertTrue(arrive("2", T0.plusSeconds(60), outage(2)).isEmpty());
        Bursts.Placement third = arrive("3", T0.plusSeconds(120), outage(3)).orElseThrow();
        assertTrue(third.started());
        assertEquals(List.of("1", "2", "3"), third.burst().ids(), "in the order they came");
        Bursts.Placement fourth = arrive("4", T0.plusSeconds(180), outage(4)).orElseThrow();
        assertFalse(fourth.started(), "a burst that grows is the same burst");
        assertEquals(List.of("1", "2", "3", "4"), fourth.burst().ids());
        Bursts.Placement again = arrive("3", T0.plusSeconds(200), outage(3)).orElseThrow();
        assertFalse(again.started(), "a ticket sent again is in its burst once");
        assertEquals(4, again.burst().ids().size());
    }

    @Test
    void unrelatedOrFarApartTicketsMakeNoBurst() {
        arrive("a", T0, outage(1));
        arrive("b", T0.plusSeconds(30), TfIdfVector.normalised(new int[] {7}, new float[] {1}));
        assertTrue(arrive("c", T0.plusSeconds(60), outage(3)).isEmpty(), "b is not similar");
        assertTrue(arrive("d", T0.plus(WINDOW).plusSeconds(61), outage(4)).isEmpty(),
                "a is more than the window before d, c alone is too few");
    }

    @Test
    void ticketsThatAreEachSimilarToTheNewOneButNotToEachOtherMakeNoBurst() {
        // x and y are both like z (0.5 each, sharing a different half), but not like each other.
        arrive("x", T0, TfIdfVector.normalised(new int[] {1, 2}, new float[] {1, 1}));
        arrive("y", T0, TfIdfVector.normalised(new int[] {3, 4}, new float[] {1, 1}));
        assertTrue(arrive("z", T0, TfIdfVector.normalised(new int[] {1, 3}, new float[] {1, 1})).isEmpty());
    }

    @Test
    void aBurstEndsWhenNoTicketJoinedForTheWindowAndTheSameTroubleLaterIsANewOne() {
        arrive("1", T0, outage(1));
        arrive("2", T0, outage(2));
        assertTrue(arrive("3", T0, outage(3)).orElseThrow().started());
        Instant later = T0.plus(WINDOW).plusSeconds(1);
        assertTrue(arrive("4", later, outage(4)).isEmpty(), "the first burst is over, and 4 alone is none");
        arrive("5", later.plusSeconds(1), outage(5));
        Bursts.Placement second = arrive("6", later.plusSeconds(2), outage(6)).orElseThrow();
        assertTrue(second.started());
        assertEquals(List.of("4", "5", "6"), second.burst().ids());
    }
}
