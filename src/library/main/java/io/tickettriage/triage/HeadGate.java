package io.tickettriage.triage;

import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When one head's prediction is written rather than falling back: its class is live, its confidence reaches the
 * head's minimum confidence, and it reaches the class's own threshold where the model has one. The minimum is a floor
 * under every class: a model's per-class thresholds can only raise it, so nothing is ever written less sure than
 * configured; a minimum of 0 leaves the decision to the model's thresholds.
 *
 * @param minConfidence the floor, and the one threshold for every class when {@code perClass} is empty
 * @param perClass      the model's per-class thresholds, or empty for a model without them
 * @param heldBack      classes not live yet (go-live): never written, always reviewed
 */
public record HeadGate(double minConfidence, Optional<ClassThresholds> perClass, Set<String> heldBack) {

    public HeadGate {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("a minimum confidence must be between 0 and 1, was " + minConfidence);
        }
        heldBack = Set.copyOf(heldBack);
    }

    /** One threshold for every class, every class live. */
    public static HeadGate global(double minConfidence) {
        return new HeadGate(minConfidence, Optional.empty(), Set.of());
    }

    public boolean writes(HeadPrediction prediction) {
        return writes(prediction.top().get(0));
    }

    /** Whether this label at this confidence is written: a head's best label, or any one tag of a tags head. */
    public boolean writes(ScoredLabel label) {
        if (heldBack.contains(label.label())) {
            return false;
        }
        return label.confidence() >= minConfidence && perClass.flatMap(t -> t.of(label.label()))
                .map(own -> own.reachedBy(label.confidence())).orElse(true);
    }

    /**
     * For the startup log, e.g. {@code per-class for 90% precision, at least 0.45 (billing 0.45, sales never, …)} or
     * {@code 0.45 for every class}: each class's threshold as applied.
     */
    public String describe() {
        return perClass.map(t -> String.format(Locale.ROOT, "per-class for %s precision, at least %.2f (%s)",
                        percent(t.targetPrecision()), minConfidence, t.classes().entrySet().stream()
                                .map(e -> e.getKey() + " " + applied(e.getValue())).collect(Collectors.joining(", "))))
                .orElse(String.format(Locale.ROOT, "%.2f for every class", minConfidence));
    }

    private String applied(ClassThreshold own) {
        return own.threshold() == null ? "never"
                : String.format(Locale.ROOT, "%.3f", Math.max(minConfidence, own.threshold()));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
