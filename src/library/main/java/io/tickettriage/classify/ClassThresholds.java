package io.tickettriage.classify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A head's per-class thresholds: each class is written from its own confidence on, chosen so that the class reaches
 * {@code targetPrecision} on tickets the held-out evaluation does not score. Classes the model rarely predicts have
 * too little evidence for their own threshold and share the head's.
 *
 * @param targetPrecision the precision each class's threshold aims for, in (0, 1]
 * @param classes         label → its threshold and held-out evidence, in the head's label order
 */
public record ClassThresholds(double targetPrecision, Map<String, ClassThreshold> classes) {

    public ClassThresholds {
        requireTarget("the target precision", targetPrecision);
        // Insertion order is kept so the same model always serialises to the same bytes.
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    public Optional<ClassThreshold> of(String label) {
        return Optional.ofNullable(classes.get(label));
    }

    /**
     * A target precision or accuracy must be above 0 and at most 1; anything else is a mistake worth saying.
     *
     * @param what the setting's name for the message, e.g. {@code --target-accuracy}
     */
    public static double requireTarget(String what, double target) {
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException(what + " must be above 0 and at most 1 (e.g. 0.9 for 90 %), was "
                    + target);
        }
        return target;
    }
}
