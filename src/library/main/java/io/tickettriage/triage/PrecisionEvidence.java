package io.tickettriage.triage;

import java.util.Optional;

/**
 * Where go-live takes a class's measured precision from. Today that is the model bundle's held-out evaluation
 * ({@link HeldOutPrecision}); agents agreeing or disagreeing with live writes are meant to be another source, plugged
 * in here without the policy changing.
 */
@FunctionalInterface
public interface PrecisionEvidence {

    /** What is known of this class's automatic writes, or empty when nothing is. */
    Optional<MeasuredPrecision> of(String head, String label);
}
