package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
