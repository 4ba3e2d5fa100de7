package io.tickettriage.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Clopper–Pearson lower bound against values known in closed form, from textbooks and from scipy. */
class PrecisionBoundTest {

    @Test
    void nothingRightGuaranteesNothing() {
        assertEquals(0, PrecisionBound.lower(0, 50, 0.9));
        assertEquals(0, PrecisionBound.lower(0, 0, 0.9));
    }

    @Test
    void allRightGuaranteesOneMinusConfidenceToTheOneOverN() {
        for (int n : new int[] {1, 10, 20, 45, 1000}) {
            for (double confidence : new double[] {0.5, 0.9, 0.99}) {
                assertEquals(Math.pow(1 - confidence, 1.0 / n), PrecisionBound.lower(n, n, confidence), 1e-9,
                        n + " of " + n + " at " + confidence);
            }
        }
        assertEquals(0.8912509381337456, PrecisionBound.lower(20, 20, 0.9), 1e-12);
    }

    @Test
    void textbookValues() {
        // 5 of 20: the exact 95 % two-sided interval is (0.0866, 0.4910), so 0.0866 is the one-sided bound at 97.5 %.
        assertEquals(0.0866, PrecisionBound.lower(5, 20, 0.975), 5e-5);
        assertEquals(0.10408083591013609, PrecisionBound.lower(5, 20, 0.95), 1e-9, "scipy beta.ppf(0.05, 5, 16)");
        assertEquals(0.9162902338436976, PrecisionBound.lower(44, 45, 0.9), 1e-9, "scipy beta.ppf(0.1, 44, 2)");
    }

    @Test
    void theBoundIsBelowTheShareAndRisesWithEvidence() {
        assertTrue(PrecisionBound.lower(95, 100, 0.9) < 0.95);
        assertTrue(PrecisionBound.lower(950, 1000, 0.9) > PrecisionBound.lower(95, 100, 0.9));
        assertTrue(PrecisionBound.lower(950, 1000, 0.99) < PrecisionBound.lower(950, 1000, 0.9));
    }

    @Test
    void theFewestPredictionsThatCouldGuaranteeATarget() {
        // 0.1^(1/45) = 0.95012, 0.1^(1/44) = 0.94902.
        assertEquals(45, PrecisionBound.fewestFor(0.95, 0.9));
        // 0.1^(1/22) = 0.9006, 0.1^(1/21) = 0.8960.
        assertEquals(22, PrecisionBound.fewestFor(0.9, 0.9));
        assertEquals(7, PrecisionBound.fewestFor(0.7, 0.9));
        assertEquals(Integer.MAX_VALUE, PrecisionBound.fewestFor(1, 0.9));
    }

    @Test
    void countsAndConfidencesOutsideTheirRangeAreRefused() {
        assertEquals("a precision bound needs 0 <= right <= predictions, was 3 of 2",
                assertThrows(IllegalArgumentException.class, () -> PrecisionBound.lower(3, 2, 0.9)).getMessage());
        assertEquals("--confidence must be above 0 and below 1 (e.g. 0.9 for 90 %), was 0.0",
                assertThrows(IllegalArgumentException.class, () -> PrecisionBound.requireConfidence("--confidence",
                        0)).getMessage());
    }
}
