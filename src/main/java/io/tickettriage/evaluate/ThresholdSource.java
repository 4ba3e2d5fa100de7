package io.tickettriage.evaluate;

import io.tickettriage.classify.ClassThresholds;
import java.util.Map;

/**
 * Where an evaluation's per-class thresholds come from, so that they are never chosen on the tickets they are scored
 * on: given thresholds (chosen by {@code train} on its cross-fitted training tickets, or carried by the model), and for any
 * other head, 2-fold cross-fitting on the scored tickets themselves ({@link ClassThresholdChoice#crossFitted}).
 *
 * @param given     head → thresholds chosen elsewhere
 * @param givenFrom where the given ones were chosen, in words for the report
 */
public record ThresholdSource(Map<String, ClassThresholds> given, String givenFrom) {

    public ThresholdSource {
        given = Map.copyOf(given);
    }
}
