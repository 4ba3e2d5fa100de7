package io.tickettriage.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ScoredLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-class thresholds against numbers worked out by hand. */
class ClassThresholdChoiceTest {

    private static final HeadSpec HEAD = new HeadSpec("queue", List.of("a", "b", "c"), "queue_probabilities");

    private final List<String> gold = new ArrayList<>();
    private final List<HeadPrediction> predicted = new ArrayList<>();

    private void add(String truth, String guess, double confidence) {
        gold.add(truth);
        predicted.add(new HeadPrediction("queue", List.of(new ScoredLabel(guess, confidence))));
    }

    @Test
    void eachClassGetsTheLowestThresholdAtWhichItsOwnPredictionsReachTheTargetPulledTowardsTheHeads() {
        // a: ten right from 0.50 to 0.95, wrong at 0.30 and 0.40: 10/12 below 0.31, 10/11 = 0.909 from 0.31 on.
        for (int i = 0; i < 10; i++) {
            add("a", "a", 0.50 + i * 0.05);
        }
        add("b", "a", 0.30);
        add("c", "a", 0.40);
        // b: three predictions, too few for its own curve: it takes the head's threshold.
        add("b", "b", 0.90);
        add("b", "b", 0.80);
        add("a", "b", 0.45);
        // c: ten predictions, all wrong: no threshold reaches 90 %.
        for (int i = 0; i < 10; i++) {
            add("a", "c", 0.20);
        }
        // The head: from 0.21 on 15 tickets, 3 wrong (0.8); from 0.31, 14 with 2 wrong (0.857); from 0.41, 13 with one
        // wrong (0.923).

        ClassThresholds chosen = ClassThresholdChoice.choose(new HeadPredictions(HEAD, gold, predicted), 0.9);

        // a's own 0.31 rests on 12 predictions, pulled towards the head's 0.41: (12 · 0.31 + 200 · 0.41) / 212 = 0.404.
        assertEquals(0.41, chosen.of("a").orElseThrow().threshold(), 1e-9);
        assertEquals(0.41, chosen.of("b").orElseThrow().threshold(), 1e-9);
        assertNull(chosen.of("c").orElseThrow().threshold(), "c is never written automatically");
        assertEquals(0.9, chosen.targetPrecision());
    }

    @Test
    void theFewerAClassesPredictionsTheCloserItsThresholdToTheHeads() {
        assertEquals(0.75, ClassThresholdChoice.towards(0.5, 1.0, 200), 1e-9, "as many as the prior: halfway");
        assertEquals(0.92, ClassThresholdChoice.towards(0.5, 1.0, 1000), 1e-9, "0.9167, up to the grid");
        assertEquals(0.53, ClassThresholdChoice.towards(0.5, 1.0, 10), 1e-9, "0.5238, up to the grid");
        assertEquals(0.62, ClassThresholdChoice.towards(0.62, 0.62, 37), 1e-9, "on the grid already: unchanged");
        assertNull(ClassThresholdChoice.towards(0.5, null, 500), "reaching the target nowhere stays so");
        assertEquals(0.7, ClassThresholdChoice.towards(null, 0.7, 20), 1e-9, "no head threshold: the class's own");
    }

    @Test
    void measuringCountsWhatEachClassWritesAndHowMuchOfItIsRight() {
        ClassThresholds thresholds = new ClassThresholds(0.9, Map.of("a", new ClassThreshold(0.5, 0, 0),
                "b", new ClassThreshold(0.8, 0, 0), "c", new ClassThreshold(null, 0, 0)));
        add("a", "a", 0.6);   // written, right
        add("b", "a", 0.55);  // written, wrong
        add("a", "a", 0.49);  // below a's threshold
        add("b", "b", 0.79);  // below b's threshold
        add("b", "b", 0.8);   // written, right
        add("c", "c", 0.99);  // c is never written

        ClassThresholdResult result = new ClassThresholdResult(ClassThresholdChoice.measure(thresholds,
                new HeadPredictions(HEAD, gold, predicted)), gold.size(), "by hand");

        assertEquals(new ClassThreshold(0.5, 2, 1), result.thresholds().of("a").orElseThrow());
        assertEquals(new ClassThreshold(0.8, 1, 1), result.thresholds().of("b").orElseThrow());
        assertEquals(new ClassThreshold(null, 0, 0), result.thresholds().of("c").orElseThrow());
        assertEquals(3.0 / 6, result.coverage(), 1e-9);
        assertEquals(2.0 / 3, result.accuracy(), 1e-9);
    }

    @Test
    void crossFittingScoresEveryTicketOnceWithThresholdsChosenOnTheOtherHalf() {
        // Right from 0.6 on, wrong below: whichever half chooses, a's threshold lands in (0.5, 0.6], so every right
        // ticket of the other half is written and no wrong one.
        for (int i = 0; i < 40; i++) {
            add(i % 2 == 0 ? "a" : "b", "a", i % 2 == 0 ? 0.6 + i * 0.005 : 0.5);
        }

        ClassThresholds crossFitted = ClassThresholdChoice.crossFitted(new HeadPredictions(HEAD, gold, predicted), 0.9);

        assertEquals(new ClassThreshold(0.51, 20, 20), crossFitted.of("a").orElseThrow());
    }

    @Test
    void aTargetOutsideZeroToOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassThresholdChoice.choose(new HeadPredictions(HEAD, List.of(), List.of()), 1.5));
        assertEquals("the target precision must be above 0 and at most 1 (e.g. 0.9 for 90 %), was 1.5", e.getMessage());
    }
}
