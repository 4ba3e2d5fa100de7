package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.triage.Outcome;
import io.tickettriage.triage.Prediction;
import io.tickettriage.triage.PredictionLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link PredictionLog} must do, written once; each implementation's test says how it is (re)opened. */
abstract class PredictionLogContract {

    private static final Instant V1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant V2 = Instant.parse("2026-12-01T11:00:00Z");

    /** The log as a fresh start finds it: the one opened before, if any, is closed first (a restart). */
    abstract PredictionLog reopen();

    private static Prediction prediction(String key, Instant version, String label, Instant at) {
        return new Prediction(key, version, "model-1", Map.of("queue", new HeadPrediction("queue",
                List.of(new ScoredLabel(label, 0.91), new ScoredLabel("sales", 0.05)))), Map.of("queue", label),
                Set.of("queue"), at);
    }

    @Test
    void onePredictionPerTicketVersionAndTheNewestVersionIsTheLatestAcrossARestart() {
        PredictionLog log = reopen();
        Prediction first = prediction("zammad:1", V1, "billing", V1.plusSeconds(5));
        log.record(first);
        log.record(prediction("zammad:1", V1, "sales", V1.plusSeconds(9)));
        Prediction second = prediction("zammad:1", V2, "sales", V2.plusSeconds(5));
        log.record(second);

        PredictionLog reopened = reopen();
        assertEquals(Optional.of(second), reopened.latest("zammad:1"));
        assertEquals(Optional.empty(), reopened.latest("zammad:2"));
        assertEquals(List.of(first, second), reopened.since(Instant.EPOCH).stream()
                .map(PredictionLog.Entry::prediction).toList(), "the second of version 1 was ignored");
    }

    @Test
    void anOutcomeSettlesItsPredictionOnceAndSinceLeavesOutOlderPredictions() {
        PredictionLog log = reopen();
        Prediction old = prediction("freshdesk:7", V1, "billing", V1);
        Prediction recent = prediction("freshdesk:8", V2, "billing", V2);
        log.record(old);
        log.record(recent);
        Outcome outcome = new Outcome("freshdesk:8", V2, Map.of("queue", "sales"), Set.of("queue"),
                V2.plusSeconds(60));
        log.settle(outcome);
        log.settle(new Outcome("freshdesk:8", V2, Map.of("queue", "billing"), Set.of(), V2.plusSeconds(90)));

        PredictionLog reopened = reopen();
        assertTrue(reopened.settled(recent));
        assertFalse(reopened.settled(old));
        assertEquals(List.of(new PredictionLog.Entry(recent, Optional.of(outcome))), reopened.since(V2),
                "the first outcome stays");
    }
}
