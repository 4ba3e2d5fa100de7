package io.tickettriage.evaluate;

import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.TicketModel;
import java.util.LinkedHashMap;
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

    /** Where a model's own thresholds were chosen. */
    public static final String OWN = "the model's own (chosen by train on its cross-fitted training tickets)";

    public ThresholdSource {
        given = Map.copyOf(given);
    }

    /**
     * The thresholds a model carries for this very target and confidence, which are what the service will use; a head
     * trained for another target or confidence (or without thresholds) is cross-fitted. Thresholds chosen before they
     * came with a guarantee have no confidence: they are the service's for their target whatever the confidence asked,
     * and the report shows them without a guarantee.
     */
    public static ThresholdSource own(TicketModel model, double targetPrecision, double confidence) {
        Map<String, ClassThresholds> own = new LinkedHashMap<>();
        model.heads().forEach(head -> head.classThresholds().filter(t -> t.targetPrecision() == targetPrecision)
                .filter(t -> t.guaranteeConfidence().map(c -> c == confidence).orElse(true))
                .ifPresent(t -> own.put(head.name(), t)));
        return new ThresholdSource(own, OWN);
    }
}
