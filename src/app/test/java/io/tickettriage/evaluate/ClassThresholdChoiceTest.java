package io.tickettriage.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.PrecisionBound;
import io.tickettriage.classify.ScoredLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A head threshold with a guarantee, and what each class shows at it, against numbers worked out by hand and with scipy's Beta quantile. */
class ClassThresholdChoiceTest {

    private static final HeadSpec HEAD = new HeadSpec("queue", List.of("a", "b", "c"), "queue_probabilities");

    private final List<String> gold = new ArrayList<>();
    private final List<HeadPrediction> predicted = new ArrayList<>();

    private void add(String truth, String guess, double confidence) {
        gold.add(truth);
        predicted.add(new HeadPrediction("queue", List.of(new ScoredLabel(guess, confidence))));
    }

    private ClassThresholds choose(double target, double confidence) {
        return ClassThresholdChoice.choose(new HeadPredictions(HEAD, gold, predicted), target, confidence);
    }

    /**
     * a: ten right predictions at each confidence 0.40 … 0.99 (600), and ten wrong at each of 0.30 … 0.39. From 0.38
     * on, 600 of 620 are right, which guarantee 95.66 % at 90 % confidence; from 0.37 on, 600 of 630 only 93.96 %. On
     * the grid of 0.001 the walk goes on down to 0.371, the lowest threshold that still leaves the 0.37s out.
     */
    private void bigCleanClassA() {
        for (int step = 40; step <= 99; step++) {
            for (int i = 0; i < 10; i++) {
                add("a", "a", step / 100.0);
            }
        }
        for (int step = 30; step <= 39; step++) {
            for (int i = 0; i < 10; i++) {
                add("b", "a", step / 100.0);
            }
        }
    }

    @Test
    void aBigCleanClassGetsALowThresholdWhereItsEvidenceStillGuaranteesTheTarget() {
        bigCleanClassA();

        ClassThreshold a = choose(0.95, 0.9).of("a").orElseThrow();

        assertEquals(0.371, a.threshold(), 1e-9);
        assertEquals(620, a.predictions());
        assertEquals(600, a.predictionsRight());
        assertEquals(600.0 / 620, a.expected().orElseThrow(), 1e-12);
        assertEquals(0.956627593971763, a.guaranteed(), 1e-9, "scipy.stats.beta.ppf(0.1, 600, 21)");
        assertNull(a.reason());
        assertTrue(PrecisionBound.lower(600, 630, 0.9) < 0.95, "one step lower would not pass");
    }

    @Test
    void aClassWithTooFewPredictionsAtTheHeadsThresholdRoutesNothingAndSaysWhy() {
        bigCleanClassA();
        // b: 44 predictions, all right and all sure; 45 all right are the fewest that could prove 95 % at 90 % on
        // their own. Whether a class may route is a count of predictions, never of right ones.
        for (int i = 0; i < 44; i++) {
            add("b", "b", 0.99);
        }

        ClassThresholds thresholds = choose(0.95, 0.9);
        ClassThreshold b = thresholds.of("b").orElseThrow();

        assertNull(b.threshold(), "b is never written automatically");
        assertEquals(44, b.predictions());
        assertEquals(44, b.predictionsRight());
        assertEquals(Math.pow(0.1, 1.0 / 44), b.guaranteed(), 1e-9);
        assertEquals("too little evidence: 44 predictions at or above the head's threshold 0.371, fewer than the 45 "
                + "that could prove 95% at 90% confidence on their own", b.reason());
        assertEquals("too little evidence: 0 predictions at or above the head's threshold 0.371, fewer than the 45 "
                + "that could prove 95% at 90% confidence on their own", thresholds.of("c").orElseThrow().reason(),
                "c is never predicted");

        add("b", "b", 0.99);
        ClassThresholds withMore = choose(0.95, 0.9);
        assertEquals(withMore.of("a").orElseThrow().threshold(), withMore.of("b").orElseThrow().threshold(),
                "the 45th prediction is enough, and b routes at the head's threshold");
    }

    @Test
    void aClassWhosePrecisionIsExactlyTheTargetGetsNoneBecauseItsBoundIsBelow() {
        // c: 1000 predictions at 0.80, 950 of them right: 95 % measured, 93.998 % guaranteed at 90 % confidence.
        for (int i = 0; i < 1000; i++) {
            add(i < 950 ? "c" : "a", "c", 0.8);
        }

        ClassThreshold c = choose(0.95, 0.9).of("c").orElseThrow();

        assertNull(c.threshold());
        assertEquals(0.95, c.expected().orElseThrow(), 1e-12);
        assertEquals(0.9399751425728351, c.guaranteed(), 1e-9, "scipy.stats.beta.ppf(0.1, 950, 51)");
        assertEquals("the head passes nowhere: 950 of its 1000 predictions right at best, which guarantee 94.0% at "
                + "90% confidence, below the 95% target", c.reason());
        assertEquals(0.0, choose(0.93, 0.9).of("c").orElseThrow().threshold(), 1e-9, "for 93 % it is enough");
    }

    @Test
    void aFailureAmongTheSurestPredictionsDoesNotShutTheClassOutWhenLaterCheckpointsProveTheTarget() {
        // From 0.90 on 100 right; at 0.89 thirty wrong (100 of 130 fail); at 0.50, 2000 more right: 2100 of 2130
        // (98.6 %). The failure at 0.89 takes the level back to zero; the checkpoint at 0.50 (144 predictions and
        // more) hands out a new quarter of the error level, at which 2100 of 2130 pass.
        for (int i = 0; i < 100; i++) {
            add("a", "a", 0.9 + (i % 10) / 100.0);
        }
        for (int i = 0; i < 30; i++) {
            add("b", "a", 0.89);
        }
        for (int i = 0; i < 2000; i++) {
            add("a", "a", 0.5);
        }

        assertEquals(0.0, choose(0.95, 0.9).of("a").orElseThrow().threshold(), 1e-9);
        // Were the 2000 right only 94 % of the time, nothing below the failure would pass, and the last threshold
        // that passed, 0.891 (just above the wrong ones), stays.
        gold.subList(130, 130 + 120).replaceAll(truth -> "b");
        assertEquals(0.891, choose(0.95, 0.9).of("a").orElseThrow().threshold(), 1e-9);
    }

    @Test
    void aHigherConfidenceNeverGivesALowerThresholdWhenTheSurestPredictionsAreRight() {
        bigCleanClassA();
        // Every wrong prediction is below every right one, so no walk stops in the sure part.
        Double previous = 0.0;
        for (double confidence : new double[] {0.5, 0.8, 0.9, 0.95, 0.99, 0.999}) {
            Double threshold = choose(0.95, confidence).of("a").orElseThrow().threshold();
            assertTrue(threshold != null && threshold >= previous, confidence + ": " + threshold + " < " + previous);
            previous = threshold;
        }
        assertTrue(previous > 0.371, "at 99.9 % confidence a is written from higher up than at 90 %: " + previous);
    }

    @Test
    void whenAPoorClassSpoilsTheHeadsThresholdEachClassProvesItsOwn() {
        // a: 500 right at 0.60; b: 500 at 0.90, 60 % right. One threshold for the head passes nowhere (b alone from
        // 0.90, 80 % together from 0.60); a on its own proves 95 % from 0.60, so the classes' own thresholds route more.
        for (int i = 0; i < 500; i++) {
            add("a", "a", 0.6);
            add(i < 300 ? "b" : "a", "b", 0.9);
        }

        ClassThresholds thresholds = choose(0.95, 0.9);

        assertEquals(0.0, thresholds.of("a").orElseThrow().threshold(), 1e-9, "nothing below 0.60 changes a's count");
        ClassThreshold b = thresholds.of("b").orElseThrow();
        assertNull(b.threshold());
        assertTrue(b.reason().startsWith("its own predictions prove 95% nowhere: 300 of 500 right at best"),
                b.reason());
    }

    @Test
    void measuringCountsWhatEachClassWritesAndKeepsWhatItWasChosenOn() {
        ClassThresholds thresholds = new ClassThresholds(0.9, 0.9, Map.of(
                "a", ClassThreshold.chosen(0.5, 300, 290, 0.95),
                "b", ClassThreshold.chosen(0.8, 100, 99, 0.96),
                "c", ClassThreshold.none(3, 3, 0.46, "too few")));
        add("a", "a", 0.6);   // written, right
        add("b", "a", 0.55);  // written, wrong
        add("a", "a", 0.49);  // below a's threshold
        add("b", "b", 0.79);  // below b's threshold
        add("b", "b", 0.8);   // written, right
        add("c", "c", 0.99);  // c is never written

        ClassThresholdResult result = new ClassThresholdResult(ClassThresholdChoice.measure(thresholds,
                new HeadPredictions(HEAD, gold, predicted)), gold.size(), "by hand");

        assertEquals(new ClassThreshold(0.5, 300, 290, 0.95, null, 2, 1), result.thresholds().of("a").orElseThrow());
        assertEquals(new ClassThreshold(0.8, 100, 99, 0.96, null, 1, 1), result.thresholds().of("b").orElseThrow());
        assertEquals(ClassThreshold.none(3, 3, 0.46, "too few"), result.thresholds().of("c").orElseThrow());
        assertEquals(0.9, result.thresholds().confidence());
        assertEquals(3.0 / 6, result.coverage(), 1e-9);
        assertEquals(2.0 / 3, result.accuracy(), 1e-9);
        assertEquals(389.0 / 400, result.expected().orElseThrow(), 1e-12, "the routing classes' choosing predictions");
        assertEquals(0.9587954821868957, result.guaranteed().orElseThrow(), 1e-9,
                "389 of 400 together, at 90 % confidence: scipy.stats.beta.ppf(0.1, 389, 12)");
    }

    @Test
    void crossFittingScoresEveryTicketOnceWithThresholdsChosenOnTheOtherHalf() {
        // Right from 0.60 on, wrong at 0.50: in either half, 50 right predictions guarantee 90 % at 97.5 % confidence
        // (the first checkpoint's share) and the walk goes on down to 0.501, so every right ticket of the other half is written and no wrong one.
        for (int i = 0; i < 200; i++) {
            add(i % 2 == 0 ? "a" : "b", "a", i % 2 == 0 ? 0.6 + (i % 40) / 100.0 : 0.5);
        }

        ClassThresholds crossFitted = ClassThresholdChoice.crossFitted(new HeadPredictions(HEAD, gold, predicted), 0.9,
                0.9);

        ClassThreshold a = crossFitted.of("a").orElseThrow();
        assertEquals(0.501, a.threshold(), 1e-9);
        assertEquals(100, a.written());
        assertEquals(100, a.right());
        assertEquals(100, a.predictions(), "chosen on all the tickets");
    }

    @Test
    void aTargetOrConfidenceOutsideTheirRangeIsRefused() {
        HeadPredictions none = new HeadPredictions(HEAD, List.of(), List.of());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> ClassThresholdChoice.choose(none, 1.5, 0.9));
        assertEquals("the target precision must be above 0 and at most 1 (e.g. 0.9 for 90 %), was 1.5",
                target.getMessage());
        IllegalArgumentException confidence = assertThrows(IllegalArgumentException.class,
                () -> ClassThresholdChoice.choose(none, 0.9, 1));
        assertEquals("the confidence must be above 0 and below 1 (e.g. 0.9 for 90 %), was 1.0",
                confidence.getMessage());
    }
}
