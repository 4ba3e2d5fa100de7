package io.tickettriage.triage;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Go-live evidence from live use: of the settled predictions one model made with a class at or above its threshold
 * (the ones live mode writes, or would write in shadow mode), how many the agents kept. Newest evidence wins over
 * the held-out report once it holds {@code minSupport} tickets of the class; until then the held-out report counts.
 */
public final class LiveAgreement implements PrecisionEvidence {

    private final Map<String, MeasuredPrecision> measured;
    private final PrecisionEvidence heldOut;
    private final int minSupport;

    private LiveAgreement(Map<String, MeasuredPrecision> measured, PrecisionEvidence heldOut, int minSupport) {
        this.measured = Map.copyOf(measured);
        this.heldOut = heldOut;
        this.minSupport = minSupport;
    }

    /** The evidence the log holds now for {@code model}'s predictions, over {@code heldOut}. */
    public static LiveAgreement of(PredictionLog log, String model, PrecisionEvidence heldOut, int minSupport) {
        return of(log.since(Instant.EPOCH), model, heldOut, minSupport);
    }

    /** The same from entries read already (the {@code agreement} tool). */
    public static LiveAgreement of(List<PredictionLog.Entry> entries, String model, PrecisionEvidence heldOut,
                                   int minSupport) {
        Map<String, int[]> counts = new HashMap<>();
        for (PredictionLog.Entry entry : entries) {
            Prediction prediction = entry.prediction();
            if (!prediction.model().equals(model) || entry.outcome().isEmpty()) {
                continue;
            }
            for (String head : prediction.confident()) {
                String label = prediction.heads().get(head).label();
                int[] count = counts.computeIfAbsent(head + "\n" + label, k -> new int[2]);
                count[0]++;
                if (label.equals(entry.outcome().get().labels().get(head))) {
                    count[1]++;
                }
            }
        }
        Map<String, MeasuredPrecision> measured = new HashMap<>();
        counts.forEach((key, count) -> measured.put(key, new MeasuredPrecision(count[0], count[1])));
        return new LiveAgreement(measured, heldOut, minSupport);
    }

    @Override
    public Optional<MeasuredPrecision> of(String head, String label) {
        Optional<MeasuredPrecision> live = Optional.ofNullable(measured.get(head + "\n" + label));
        return live.filter(m -> m.tickets() >= minSupport).or(() -> heldOut.of(head, label));
    }
}
