package io.tickettriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.state.FilePredictionLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go-live evidence from the agents: the newest evidence, once it holds enough tickets of the class. */
class LiveAgreementTest {

    @TempDir
    Path state;

    private static final PrecisionEvidence HELD_OUT = (head, label) -> Optional.of(new MeasuredPrecision(40, 30));

    private static void settled(FilePredictionLog log, int id, String model, String label, boolean confident,
                                String chosen) {
        Instant version = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(id);
        log.record(new Prediction("freshdesk:" + id, version, model, Map.of("queue", new HeadPrediction("queue",
                List.of(new ScoredLabel(label, 0.9), new ScoredLabel("other", 0.1)))), Map.of(),
                confident ? Set.of("queue") : Set.of(), Instant.now()));
        log.settle(new Outcome("freshdesk:" + id, version, Map.of("queue", chosen), Set.of(), Instant.now()));
    }

    @Test
    void theAgentsEvidenceCountsOnceItHoldsEnoughTicketsOfTheClass() throws Exception {
        try (FilePredictionLog log = FilePredictionLog.open(state)) {
            settled(log, 1, "m1", "billing", true, "billing");
            settled(log, 2, "m1", "billing", true, "billing");
            settled(log, 3, "m1", "billing", true, "sales");
            // Not counted: below its threshold, another model's, or a class with too little evidence yet.
            settled(log, 4, "m1", "billing", false, "sales");
            settled(log, 5, "m0", "billing", true, "sales");
            settled(log, 6, "m1", "sales", true, "sales");

            LiveAgreement evidence = LiveAgreement.of(log, "m1", HELD_OUT, 3);

            assertEquals(Optional.of(new MeasuredPrecision(3, 2)), evidence.of("queue", "billing"));
            assertEquals(Optional.of(new MeasuredPrecision(40, 30)), evidence.of("queue", "sales"),
                    "one ticket is not enough: the held-out report still counts");
        }
    }
}
