package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.model.BundledModel;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @TempDir
    Path dir;
    private ToolRun last;

    private int run(String... args) {
        last = ToolRun.of("", args);
        return last.exitCode();
    }

    @Test
    void scoresTheBundledModelOnHeldOutTicketsAndWritesTheReport() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder rows = new StringBuilder();
        for (CorpusTicket t : DemoCorpus.load().heldOut()) {
            rows.append(json.writeValueAsString(Map.of("subject", t.subject(), "text", t.description(),
                    "team", t.queue(), "urgency", t.priority()))).append('\n');
        }
        Path data = Files.writeString(dir.resolve("held-out.jsonl"), rows);
        Path report = dir.resolve("report");

        assertEquals(0, run("evaluate", "--data", data.toString(), "--body-column", "text", "--label", "queue=team",
                "--label", "priority=urgency", "--target-accuracy", "0.9", "--out", report.toString()), last.err());

        JsonNode numbers = json.readTree(report.resolve("report.json").toFile());
        JsonNode queue = numbers.path("heads").get(0);
        assertEquals("queue", queue.path("head").asText());
        assertEquals(DemoCorpus.load().heldOut().size(), queue.path("tickets").asInt());
        assertTrue(queue.path("accuracy").asDouble() >= 0.7, queue.toString());
        assertEquals(8, queue.path("confusion").size());
        assertTrue(queue.path("curve").size() > 10);
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("coverage") && html.contains("service-outage"));
        assertTrue(last.out().startsWith(DemoCorpus.load().heldOut().size() + " tickets from "), last.out());
        assertTrue(last.out().contains("queue: accuracy "));
        int tickets = DemoCorpus.load().heldOut().size();
        assertTrue(last.err().contains("classified " + tickets + "/" + tickets + " tickets"), last.err());
    }

    @Test
    void theModelsOwnPerClassThresholdsAreScoredWhenTheTargetIsTheirsAndCrossFittedOtherwise() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder rows = new StringBuilder();
        for (CorpusTicket t : DemoCorpus.load().heldOut()) {
            rows.append(json.writeValueAsString(Map.of("subject", t.subject(), "body", t.description(),
                    "queue", t.queue(), "priority", t.priority()))).append('\n');
        }
        Path data = Files.writeString(dir.resolve("held-out.jsonl"), rows);
        ClassThresholds own;
        try (LinearTicketModel bundled = BundledModel.open()) {
            own = bundled.descriptor().head("queue").orElseThrow().classThresholds().orElseThrow();
        }

        assertEquals(0, run("evaluate", "--data", data.toString(), "--target-accuracy",
                String.valueOf(own.targetPrecision()), "--out", dir.resolve("own").toString()), last.err());
        JsonNode queue = json.readTree(dir.resolve("own").resolve("report.json").toFile()).path("heads").get(0);
        assertTrue(queue.path("recommended").path("chosenOn").asText().startsWith("the model's own"), queue.toString());
        int written = 0;
        for (JsonNode row : queue.path("classes")) {
            Double threshold = own.of(row.path("label").asText()).orElseThrow().threshold();
            assertEquals(threshold == null ? "null" : String.valueOf(threshold), row.path("threshold").asText("null"),
                    row.toString());
            written += row.path("written").asInt();
        }
        assertEquals(written, queue.path("recommended").path("written").asInt());
        assertEquals((double) written / DemoCorpus.load().heldOut().size(),
                queue.path("recommended").path("coverage").asDouble(), 1e-9);
        String html = Files.readString(dir.resolve("own").resolve("report.html"));
        assertTrue(html.contains("<th>threshold</th><th>chosen on: right of predictions</th><th>expected precision</th>"
                + "<th>guaranteed precision</th><th>written</th><th>precision when written</th>"), html);
        for (JsonNode row : queue.path("classes")) {
            ClassThreshold carried = own.of(row.path("label").asText()).orElseThrow();
            assertEquals(carried.predictions(), row.path("predictions").asInt(), row.toString());
            assertEquals(carried.guaranteed(), row.path("guaranteedPrecision").asDouble(), 1e-12, row.toString());
            assertTrue(carried.threshold() == null ? !row.path("reason").isNull() : row.path("reason").isNull(),
                    row.toString());
        }
        // The promise is the head's: all its routing classes' choosing predictions together.
        assertTrue(queue.path("recommended").path("guaranteedPrecision").asDouble() >= own.targetPrecision(),
                queue.path("recommended").toString());
        assertEquals(own.confidence(), queue.path("recommended").path("confidence").asDouble(), 1e-12);

        assertEquals(0, run("evaluate", "--data", data.toString(), "--target-accuracy", "0.95", "--out",
                dir.resolve("other").toString()), last.err());
        JsonNode crossFitted = json.readTree(dir.resolve("other").resolve("report.json").toFile()).path("heads").get(0);
        assertTrue(crossFitted.path("recommended").path("chosenOn").asText().contains("2-fold cross-fitted"),
                crossFitted.path("recommended").toString());
        assertTrue(last.out().contains("per-class thresholds for 95% precision at 90% confidence route "),
                last.out());

        assertEquals(0, run("evaluate", "--data", data.toString(), "--target-accuracy",
                String.valueOf(own.targetPrecision()), "--confidence", "0.8", "--out", dir.resolve("surer").toString()),
                last.err());
        JsonNode otherConfidence = json.readTree(dir.resolve("surer").resolve("report.json").toFile()).path("heads")
                .get(0).path("recommended");
        assertTrue(otherConfidence.path("chosenOn").asText().contains("2-fold cross-fitted"),
                "thresholds for another confidence are not the model's: " + otherConfidence);
        assertEquals(0.8, otherConfidence.path("confidence").asDouble(), 1e-12);
    }

    @Test
    void aConfidenceOutsideZeroToOneIsAClearError() throws Exception {
        Path data = Files.writeString(dir.resolve("t.csv"), "subject,body,queue,priority\nA,b,billing,low\n");
        assertEquals(2, run("evaluate", "--data", data.toString(), "--confidence", "1"));
        assertEquals("ticket-triage evaluate: --confidence must be above 0 and below 1 (e.g. 0.9 for 90 %), was 1.0",
                last.err().strip());
    }

    @Test
    void aTargetOutsideZeroToOneIsAClearError() throws Exception {
        Path data = Files.writeString(dir.resolve("t.csv"), "subject,body,queue,priority\nA,b,billing,low\n");
        assertEquals(2, run("evaluate", "--data", data.toString(), "--target-accuracy", "0"));
        assertEquals("ticket-triage evaluate: --target-accuracy must be above 0 and at most 1 (e.g. 0.9 for 90 %), was "
                + "0.0", last.err().strip());
    }

    @Test
    void aLabelForAHeadTheModelDoesNotHaveIsAClearError() throws Exception {
        Path data = Files.writeString(dir.resolve("t.csv"), "subject,body,type\nA,b,Incident\n");
        assertEquals(2, run("evaluate", "--data", data.toString(), "--label", "type=type"));
        assertEquals("ticket-triage evaluate: --label type=…: the model has no head 'type'; its heads are "
                + "[queue, priority]", last.err().strip());
    }

    @Test
    void anUnknownColumnIsAClearError() throws Exception {
        Path data = Files.writeString(dir.resolve("t.csv"), "subject,body,queue\nA,b,billing\n");
        assertEquals(2, run("evaluate", "--data", data.toString()));
        assertTrue(last.err().contains("has no column 'priority'; its columns are [subject, body, queue]"),
                last.err());
    }
}
