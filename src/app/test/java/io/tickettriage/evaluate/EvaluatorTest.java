package io.tickettriage.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ScoredLabel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scores against numbers worked out by hand (and as scikit-learn computes them). */
class EvaluatorTest {

    private static HeadPrediction guess(String label, double confidence) {
        return new HeadPrediction("queue", List.of(new ScoredLabel(label, confidence)));
    }

    @Test
    void accuracyMacroF1ConfusionAndTheCoverageCurve() {
        HeadSpec spec = new HeadSpec("queue", List.of("a", "b", "c"), "queue_probabilities");
        List<String> gold = List.of("a", "a", "b", "b", "c", "x");
        List<HeadPrediction> predicted = List.of(guess("a", 0.9), guess("b", 0.4), guess("b", 0.8), guess("b", 0.95),
                guess("c", 0.3), guess("a", 0.6));

        HeadEvaluation result = Evaluator.score(new HeadPredictions(spec, gold, predicted), 0.9, 0.9,
                new ThresholdSource(Map.of(), "nowhere: cross-fitted"));

        assertEquals(4.0 / 6, result.accuracy(), 1e-9);
        // per label F1: a = 2*(1/2*1/2)/(1) = 0.5, b = 2*(2/3*1)/(5/3) = 0.8, c = 1, x = 0 (never predicted)
        assertEquals((0.5 + 0.8 + 1.0 + 0.0) / 4, result.macroF1(), 1e-9);
        assertEquals(List.of("a", "b", "c", "x"), result.labels());
        assertArrayEquals(new int[] {1, 1, 0, 0}, result.confusion()[0]);
        assertArrayEquals(new int[] {1, 0, 0, 0}, result.confusion()[3]);
        assertEquals(List.of("x"), result.unknownLabels());
        CoveragePoint atHalf = result.at(0.5);
        assertEquals(4.0 / 6, atHalf.coverage(), 1e-9); // 0.9, 0.8, 0.95, 0.6
        assertEquals(3.0 / 4, atHalf.accuracy(), 1e-9);
        // 90% accuracy first holds from 0.61 on (0.9, 0.8, 0.95 are all right)
        assertEquals(0.61, result.singleThreshold().orElseThrow().threshold(), 1e-9);
        assertEquals(0.5, result.singleThreshold().orElseThrow().coverage(), 1e-9);
        assertTrue(result.curve().stream().allMatch(p -> p.coverage() > 0));
    }
}
