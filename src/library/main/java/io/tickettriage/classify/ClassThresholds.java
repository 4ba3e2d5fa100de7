package io.tickettriage.classify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A head's per-class thresholds: each class is written from its own confidence on, chosen so that with probability
 * {@code confidence} the class's precision on new tickets from the same source is at least {@code targetPrecision}
 * (see {@code ClassThresholdChoice}). A class with too little evidence for that guarantee has no threshold.
 *
 * @param targetPrecision the precision each class's threshold guarantees, in (0, 1]
 * @param confidence      how sure the guarantee is, in (0, 1); {@code null} for a model written before thresholds
 *                        came with a guarantee (its thresholds only reached the target on the tickets they were chosen
 *                        on)
 * @param classes         label → its threshold and evidence, in the head's label order
 */
public record ClassThresholds(double targetPrecision, @JsonInclude(JsonInclude.Include.NON_NULL) Double confidence,
                              Map<String, ClassThreshold> classes) {

    public ClassThresholds {
        requireTarget("the target precision", targetPrecision);
        if (confidence != null) {
            PrecisionBound.requireConfidence("the thresholds' confidence", confidence);
        }
        // Insertion order is kept so the same model always serialises to the same bytes.
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    public Optional<ClassThreshold> of(String label) {
        return Optional.ofNullable(classes.get(label));
    }

    /** The guarantee's confidence; empty for thresholds chosen before guarantees. */
    public Optional<Double> guaranteeConfidence() {
        return Optional.ofNullable(confidence);
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
