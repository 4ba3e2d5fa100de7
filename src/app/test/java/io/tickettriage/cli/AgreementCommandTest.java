package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.state.FilePredictionLog;
import io.tickettriage.triage.Outcome;
import io.tickettriage.triage.Prediction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agreement} on a prediction log written here, prediction by prediction. */
class AgreementCommandTest {

    @TempDir
    Path dir;

    /** A queue prediction of {@code label} at {@code confidence}, settled by the agents as {@code chosen}. */
    private static void settled(FilePredictionLog log, String id, String label, double confidence, String chosen,
                                boolean confident) {
        Instant version = Instant.now().minusSeconds(60);
        Map<String, HeadPrediction> heads = new LinkedHashMap<>();
        heads.put("queue", new HeadPrediction("queue", List.of(new ScoredLabel(label, confidence),
                new ScoredLabel(label.equals("billing") ? "sales" : "billing", 1 - confidence))));
        log.record(new Prediction("freshdesk:" + id, version, "abc123", heads, Map.of(),
                confident ? Set.of("queue") : Set.of(), Instant.now()));
        log.settle(new Outcome("freshdesk:" + id, version, Map.of("queue", chosen), Set.of(), Instant.now()));
    }

    @Test
    void theReportScoresThePredictionsAgainstTheAgentsChoices() throws Exception {
        Path state = dir.resolve("state");
        try (FilePredictionLog log = FilePredictionLog.open(state)) {
            settled(log, "1", "billing", 0.9, "billing", true);
            settled(log, "2", "billing", 0.8, "billing", true);
            settled(log, "3", "sales", 0.95, "billing", true);
            settled(log, "4", "sales", 0.4, "sales", false);
        }

        // Two right of two guarantee 0.5^(1/2) = 70.7 % at 50 % confidence, and only 0.1^(1/2) = 31.6 % at 90 %.
        ToolRun run = ToolRun.of("", "agreement", "--state", state.toString(), "--min-support", "2",
                "--target-accuracy", "0.7", "--confidence", "0.5", "--out", dir.resolve("out").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("over P7D, queue agreed with the agents on 75% of 4 tickets; at the current "
                + "thresholds 75% were confident, at 67% precision"), run.out());
        assertTrue(run.out().contains("model abc123 has no priority head: the priority is left as the desk has it, "
                + "and there is no priority prediction to score"), run.out());
        assertFalse(run.out().contains("priority agreed"), run.out());
        assertTrue(run.out().contains("model abc123, go-live at 70% precision guaranteed at 50% confidence, queue: "
                + "live billing (2 of 2 right, guaranteed 70.7%); held back for review sales (no evidence)"),
                run.out());
        ToolRun surer = ToolRun.of("", "agreement", "--state", state.toString(), "--min-support", "2",
                "--target-accuracy", "0.7", "--out", dir.resolve("surer").toString());
        assertTrue(surer.out().contains("go-live at 70% precision guaranteed at 90% confidence, queue: live none; "
                + "held back for review billing (2 of 2 right, guaranteed 31.6%)"), surer.out());
        JsonNode queue = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile()).path("heads").get(0);
        assertEquals(0.75, queue.path("accuracy").asDouble(), 1e-9);
        assertEquals(4, queue.path("tickets").asInt());
        assertTrue(queue.path("recommended").path("chosenOn").asText().contains("cross-fitted"), queue.toString());

        ToolRun otherDesk = ToolRun.of("", "agreement", "--state", state.toString(), "--desk", "customers", "--out",
                dir.resolve("customers").toString());
        assertEquals(2, otherDesk.exitCode());
        assertTrue(otherDesk.err().contains("no recorded prediction of the last P7D of the desk customers"),
                otherDesk.err());
        assertEquals(0, ToolRun.of("", "agreement", "--state", state.toString(), "--desk", "freshdesk",
                "--min-support", "2", "--out", dir.resolve("freshdesk").toString()).exitCode());
    }

    @Test
    void withoutEvidenceItSaysWhatIsMissing() throws Exception {
        ToolRun none = ToolRun.of("", "agreement", "--state", dir.resolve("nowhere").toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("predictions.jsonl does not exist"), none.err());

        Path state = dir.resolve("state");
        try (FilePredictionLog log = FilePredictionLog.open(state)) {
            log.record(new Prediction("freshdesk:9", Instant.now(), "abc123", Map.of("queue", new HeadPrediction(
                    "queue", List.of(new ScoredLabel("billing", 0.9), new ScoredLabel("sales", 0.1)))), Map.of(),
                    Set.of(), Instant.now()));
        }
        ToolRun unsettled = ToolRun.of("", "agreement", "--state", state.toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(2, unsettled.exitCode());
        assertTrue(unsettled.err().contains("has been settled by the agents yet"), unsettled.err());

        ToolRun badSince = ToolRun.of("", "agreement", "--state", state.toString(), "--since", "7 days", "--out",
                dir.resolve("out").toString());
        assertEquals(2, badSince.exitCode());
        assertTrue(badSince.err().contains("--since must be an ISO-8601 duration"), badSince.err());
    }
}
