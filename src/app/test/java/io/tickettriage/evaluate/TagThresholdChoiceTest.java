package io.tickettriage.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.classify.TagSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-tag thresholds: every tag of every ticket is a claim of its own, judged by the same walk and guarantee as a
 * single-label head's classes.
 */
class TagThresholdChoiceTest {

    private static final HeadSpec TAGS = new HeadSpec("tags", List.of("a", "b"), "tags_probabilities", true);

    /**
     * Each ticket claims both tags. a: 600 tickets have it, at 0.40 … 0.99, and 100 do not, at 0.30 … 0.39, as in
     * ClassThresholdChoiceTest's big clean class (there with the wrong ones of another class). b: every ticket
     * claims it at 0.8, and only half have it.
     */
    private HeadPredictions tickets() {
        List<String> gold = new ArrayList<>();
        List<HeadPrediction> predicted = new ArrayList<>();
        for (int step = 30; step <= 99; step++) {
            for (int i = 0; i < 10; i++) {
                boolean hasA = step >= 40;
                boolean hasB = i % 2 == 0;
                List<String> tags = new ArrayList<>();
                if (hasA) {
                    tags.add("a");
                }
                if (hasB) {
                    tags.add("b");
                }
                gold.add(TagSet.join(tags));
                predicted.add(new HeadPrediction("tags", List.of(new ScoredLabel("b", 0.8),
                        new ScoredLabel("a", step / 100.0))));
            }
        }
        return new HeadPredictions(TAGS, gold, predicted);
    }

    @Test
    void eachTagGetsTheThresholdItsOwnClaimsProveAndATagWithoutEvidenceRoutesNothingAndSaysWhy() {
        ClassThresholds chosen = ClassThresholdChoice.choose(tickets(), 0.95, 0.9);

        ClassThreshold a = chosen.of("a").orElseThrow();
        // Each tag walks on its own, at half the error level (two tags), whatever b's half-wrong claims do: from
        // 0.38 on (and down to 0.371, just above the 0.37s), a's 600 of 620 right prove 95 % there, as the lone big
        // clean class of ClassThresholdChoiceTest's.
        assertEquals(0.371, a.threshold(), 1e-9);
        assertEquals(620, a.predictions());
        assertEquals(600, a.predictionsRight());
        assertTrue(a.guaranteed() >= 0.95, a.toString());
        ClassThreshold b = chosen.of("b").orElseThrow();
        assertNull(b.threshold(), "half right proves no 95 %");
        assertTrue(b.reason() != null && !b.reason().isBlank(), "a tag that writes nothing says why");
        assertEquals(700, b.predictions());
        assertEquals(350, b.predictionsRight());
    }

    @Test
    void measuringCountsEveryTagWrittenAndWhetherTheTicketHasIt() {
        HeadPredictions scored = tickets();
        ClassThresholds measured = ClassThresholdChoice.measure(ClassThresholdChoice.choose(scored, 0.95, 0.9),
                scored);

        assertEquals(620, measured.of("a").orElseThrow().written());
        assertEquals(600, measured.of("a").orElseThrow().right());
        assertEquals(0, measured.of("b").orElseThrow().written());
    }
}
