package io.tickettriage.evaluate;

import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.PrecisionBound;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * What a head's per-class thresholds did on the scored tickets: each class's {@link ClassThreshold#written()} and
 * {@link ClassThreshold#right()} count the scored tickets, never the ones the thresholds were chosen on.
 *
 * @param tickets  how many tickets were scored
 * @param chosenOn where the thresholds were chosen, in words for the report
 */
public record ClassThresholdResult(ClassThresholds thresholds, int tickets, String chosenOn) {

    /** Tickets written automatically: their class was predicted at or above its own threshold. */
    public int written() {
        return thresholds.classes().values().stream().mapToInt(ClassThreshold::written).sum();
    }

    public int right() {
        return thresholds.classes().values().stream().mapToInt(ClassThreshold::right).sum();
    }

    /** Share of the scored tickets written automatically. */
    public double coverage() {
        return tickets == 0 ? 0 : (double) written() / tickets;
    }

    /** Share of the written tickets that were right; 0 when none was written. */
    public double accuracy() {
        return written() == 0 ? 0 : (double) right() / written();
    }

    /**
     * The precision to expect from the classes that have a threshold: the share of their choosing predictions that
     * were right. Empty when no class has one (or the thresholds predate guarantees).
     */
    public OptionalDouble expected() {
        int predictions = routing().mapToInt(ClassThreshold::predictions).sum();
        return predictions == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) routing().mapToInt(ClassThreshold::predictionsRight).sum() / predictions);
    }

    /**
     * The head's guaranteed precision: the Clopper–Pearson lower bound, at the thresholds' confidence, of all its
     * routing classes' choosing predictions together, the promise the head's threshold was chosen to keep. Empty when
     * no class routes (or the thresholds predate guarantees).
     */
    public OptionalDouble guaranteed() {
        int predictions = routing().mapToInt(ClassThreshold::predictions).sum();
        if (predictions == 0 || thresholds.confidence() == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(PrecisionBound.lower(routing().mapToInt(ClassThreshold::predictionsRight).sum(),
                predictions, thresholds.confidence()));
    }

    private Stream<ClassThreshold> routing() {
        return thresholds.classes().values().stream().filter(t -> t.threshold() != null);
    }
}
