package io.tickettriage.evaluate;

import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;

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
}
