package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train → evaluate → classify on a CSV export with multi-line bodies, as an administrator would run them. */
class TrainCommandTest {

    @TempDir
    Path dir;
    private Path csv;
    private ToolRun last;

    @BeforeEach
    void writeExport() throws Exception {
        csv = dir.resolve("history.csv");
        List<CorpusTicket> tickets = DemoCorpus.load().training();
        try (CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(csv), CSVFormat.RFC4180)) {
            printer.printRecord("id", "subject", "body", "queue", "priority");
            for (int i = 0; i < tickets.size(); i++) {
                CorpusTicket t = tickets.get(i);
                printer.printRecord(i, t.subject(), t.description(), t.queue(), t.priority());
            }
        }
        assertTrue(Files.readString(csv).contains("\"") && tickets.stream().anyMatch(t -> t.description().contains("\n")),
                "the export has quoted multi-line bodies");
    }

    private int run(String... args) {
        last = ToolRun.of("", args);
        return last.exitCode();
    }

    @Test
    void trainEvaluateClassifyRoundTripAndDeterministicRetraining() throws Exception {
        Path bundle = dir.resolve("bundle");
        assertEquals(0, run("train", "--data", csv.toString(), "--out", bundle.toString()),
                last.err());
        assertTrue(last.out().contains("queue: accuracy "), last.out());

        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        assertEquals(DemoCorpus.load().training().size(), manifest.path("rows").asInt());
        assertEquals(manifest.path("rows").asInt(),
                manifest.path("trainingRows").asInt() + manifest.path("heldOutRows").asInt());
        assertEquals(42, manifest.path("seed").asInt());
        assertEquals(64, manifest.path("dataSha256").asText().length());
        assertTrue(manifest.path("libraries").path("onnxruntime").isTextual(), manifest.toString());
        JsonNode report = new ObjectMapper().readTree(bundle.resolve("report.json").toFile());
        assertTrue(report.path("heads").get(0).path("accuracy").asDouble() > 0.5, report.toString());
        assertTrue(Files.readString(bundle.resolve("report.html")).contains("<svg"));

        // The bundle's folder name is the model's name, so the retraining goes to a folder of the same name.
        Path again = dir.resolve("retrained").resolve("bundle");
        assertEquals(0, run("train", "--data", csv.toString(), "--out", again.toString()));
        assertArrayEquals(Files.readAllBytes(bundle.resolve("model.onnx")), Files.readAllBytes(again.resolve("model.onnx")),
                "same data and seed give the same model");

        assertEquals(0, run("evaluate", "--model", bundle.resolve("model.onnx").toString(), "--data", csv.toString(),
                "--out", dir.resolve("evaluation").toString()), last.err());
        assertTrue(last.out().contains("queue: accuracy "));

        assertEquals(0, run("classify", "--model", bundle.resolve("model.onnx").toString(),
                "Please refund the duplicate charge on invoice 5512"));
        assertTrue(last.out().lines().anyMatch(l -> l.matches("\\s+queue\\s+billing\\s.*")), last.out());
    }

    @Test
    void evaluatesOnAnExplicitHeldOutFileWhenGivenOne() throws Exception {
        Path heldOut = dir.resolve("held-out.csv");
        try (CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(heldOut), CSVFormat.RFC4180)) {
            printer.printRecord("subject", "body", "queue", "priority");
            for (CorpusTicket t : DemoCorpus.load().heldOut()) {
                printer.printRecord(t.subject(), t.description(), t.queue(), t.priority());
            }
        }
        Path bundle = dir.resolve("bundle");
        assertEquals(0, run("train", "--data", csv.toString(), "--held-out-data", heldOut.toString(), "--out",
                bundle.toString()), last.err());
        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        assertEquals("held-out.csv", manifest.path("heldOut").asText());
        assertEquals(DemoCorpus.load().training().size(), manifest.path("trainingRows").asInt());
        assertEquals(DemoCorpus.load().heldOut().size(), manifest.path("heldOutRows").asInt());
    }

    @Test
    void nbWeightedFeaturesAreSearchedUnlessForcedAndTheChoiceIsRecorded() throws Exception {
        Path weighted = dir.resolve("weighted");
        assertEquals(0, run("train", "--data", csv.toString(), "--out", weighted.toString(), "--search-budget", "0",
                "--nb-features", "on"), last.err());
        Path plain = dir.resolve("plain");
        assertEquals(0, run("train", "--data", csv.toString(), "--out", plain.toString(), "--search-budget", "0",
                "--nb-features", "off"), last.err());
        ObjectMapper json = new ObjectMapper();
        assertTrue(json.readTree(weighted.resolve("manifest.json").toFile()).path("learner").asText()
                .endsWith("NB-weighted features"));
        assertTrue(json.readTree(plain.resolve("manifest.json").toFile()).path("learner").asText()
                .endsWith("plain TF-IDF features"));
        assertFalse(Arrays.equals(Files.readAllBytes(weighted.resolve("model.onnx")),
                Files.readAllBytes(plain.resolve("model.onnx"))), "the weighting changes the weights");

        // By default the search walks both weightings for each head, and says which it kept and why.
        Path searched = dir.resolve("searched");
        assertEquals(0, run("train", "--data", csv.toString(), "--out", searched.toString(), "--search-budget",
                "600"), last.err());
        JsonNode manifest = json.readTree(searched.resolve("manifest.json").toFile());
        assertTrue(manifest.path("learner").asText().endsWith("both feature weightings walked"),
                manifest.path("learner").asText());
        for (JsonNode head : manifest.path("settingsSearch")) {
            String why = head.path("why").asText();
            boolean kept = head.path("chosen").path("naiveBayes").asBoolean();
            assertTrue(why.contains((kept ? "NB-weighted features" : "plain TF-IDF features") + " (routes "),
                    why);
            assertTrue(last.out().contains(head.path("head").asText() + ": ") && last.out().contains(why),
                    last.out());
        }

        assertEquals(2, run("train", "--data", csv.toString(), "--out", dir.resolve("bad").toString(),
                "--nb-features", "maybe"));
        assertTrue(last.err().contains("--nb-features must be search, on or off, was maybe"), last.err());
    }

    @Test
    void characterNgramsAreChosenAndRecorded() throws Exception {
        Path bundle = dir.resolve("char-3-4");
        assertEquals(0, run("train", "--data", csv.toString(), "--out", bundle.toString(), "--char-ngrams", "3-4"),
                last.err());
        JsonNode featurizer = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).path("featurizer");
        assertEquals(3, featurizer.path("charNgramMin").asInt());
        assertEquals(4, featurizer.path("charNgramMax").asInt());

        assertEquals(2, run("train", "--data", csv.toString(), "--out", dir.resolve("y").toString(),
                "--char-ngrams", "5-2"));
        assertEquals("ticket-triage train: character n-grams must be MIN-MAX between 1 and 10 (e.g. 2-5), one length, "
                + "or none; was '5-2'", last.err().strip());
    }

    @Test
    void theBundleCarriesPerClassThresholdsChosenOnTrainingTicketsAndScoredOnHeldOutOnes() throws Exception {
        Path bundle = dir.resolve("per-class");
        assertEquals(0, run("train", "--data", csv.toString(), "--out", bundle.toString(), "--target-accuracy", "0.8",
                "--confidence", "0.8"), last.err());

        JsonNode queue = new ObjectMapper().readTree(bundle.resolve("report.json").toFile()).path("heads").get(0);
        assertTrue(queue.path("recommended").path("chosenOn").asText().contains("each scored by a model trained "
                + "without it"), queue.path("recommended").toString());
        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        try (LinearTicketModel model = LinearTicketModel.loadBundle(bundle)) {
            ClassThresholds carried = model.descriptor().head("queue").orElseThrow().classThresholds().orElseThrow();
            assertEquals(0.8, carried.targetPrecision());
            assertEquals(0.8, carried.confidence());
            int written = 0;
            for (JsonNode row : queue.path("classes")) {
                ClassThreshold own = carried.of(row.path("label").asText()).orElseThrow();
                // A class without a threshold says why; one with it shows what its own evidence guarantees.
                assertTrue(own.threshold() == null ? own.reason() != null
                        : own.expected().orElseThrow() >= own.guaranteed(), row.toString());
                assertEquals(own.guaranteed(), row.path("guaranteedPrecision").asDouble(), 1e-12);
                assertEquals(row.path("written").asInt(), own.written(), "the held-out evidence travels: " + row);
                assertEquals(row.path("right").asInt(), own.right());
                assertEquals(own.threshold() == null ? "null" : String.valueOf(own.threshold()),
                        row.path("threshold").asText("null"));
                assertEquals(row.path("threshold"), manifest.path("classThresholds").path("queue").path("classes")
                        .path(row.path("label").asText()).path("threshold"));
                written += own.written();
            }
            assertTrue(written > 0, "some held-out tickets are written: " + queue.path("recommended"));
            assertTrue(queue.path("recommended").path("guaranteedPrecision").asDouble() >= 0.8,
                    "the head's promise: " + queue.path("recommended"));
        }
    }

    /** The demo corpus with its tags: in one column, | between them, or spread over three columns. */
    private Path taggedExport(boolean columns) throws Exception {
        Path tagged = dir.resolve(columns ? "tag-columns.csv" : "tags.csv");
        List<CorpusTicket> tickets = DemoCorpus.load().training();
        try (CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(tagged), CSVFormat.RFC4180)) {
            printer.printRecord(columns ? List.of("subject", "body", "queue", "tag_1", "tag_2", "tag_3")
                    : List.of("subject", "body", "queue", "tags"));
            for (CorpusTicket t : tickets) {
                List<Object> row = new java.util.ArrayList<>(List.of(t.subject(), t.description(), t.queue()));
                if (columns) {
                    for (int i = 0; i < 3; i++) {
                        // A fourth tag, where there is one, shares the third column.
                        row.add(i < 2 ? (i < t.tags().size() ? t.tags().get(i) : "")
                                : String.join(",", t.tags().subList(Math.min(2, t.tags().size()), t.tags().size())));
                    }
                } else {
                    row.add(String.join("|", t.tags()));
                }
                printer.printRecord(row);
            }
        }
        return tagged;
    }

    @Test
    void aTagsColumnTrainsAMultiLabelHeadWithPerTagThresholdsThatEvaluateReportsPerTag() throws Exception {
        Path bundle = dir.resolve("tagged");
        Path tagged = taggedExport(false);
        assertEquals(0, run("train", "--data", tagged.toString(), "--label", "queue=queue", "--label", "tags=tags",
                "--out", bundle.toString(), "--search-budget", "0", "--target-accuracy", "0.8"), last.err());
        assertTrue(last.out().contains("tags: "), last.out());
        assertTrue(last.out().contains("left out, on fewer than 20 tickets: {") && last.out().contains("firmware="),
                "the rare tags are named: " + last.out());
        assertTrue(last.out().contains("\n  tag "), "per-tag figures: " + last.out());
        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        assertTrue(manifest.path("classThresholds").has("tags"), manifest.toString());
        try (LinearTicketModel model = LinearTicketModel.loadBundle(bundle)) {
            assertTrue(model.descriptor().head("tags").orElseThrow().multiLabel());
            assertTrue(model.descriptor().head("tags").orElseThrow().classThresholds().isPresent());
        }

        assertEquals(0, run("evaluate", "--model", bundle.resolve("model.onnx").toString(), "--data",
                tagged.toString(), "--out", dir.resolve("tag-evaluation").toString()), last.err());
        assertTrue(last.out().contains("tags: accuracy "), last.out());
        assertTrue(last.out().contains("\n  tag "), last.out());

        // The same tags from three columns give the same model (the file's name and hash aside).
        Path again = dir.resolve("columns").resolve("tagged");
        assertEquals(0, run("train", "--data", taggedExport(true).toString(), "--label", "queue=queue", "--label",
                "tags=tag_1+tag_2+tag_3", "--out", again.toString(), "--search-budget", "0", "--target-accuracy",
                "0.8"), last.err());
        try (LinearTicketModel one = LinearTicketModel.loadBundle(bundle);
             LinearTicketModel other = LinearTicketModel.loadBundle(again)) {
            assertEquals(one.descriptor().heads(), other.descriptor().heads());
            List<String> texts = DemoCorpus.load().heldOut().stream().limit(20)
                    .map(t -> t.subject() + "\n" + t.description()).toList();
            assertEquals(one.classifyTexts(texts), other.classifyTexts(texts));
        }
    }

    @Test
    void aBadTagColumnListIsAClearError() throws Exception {
        Path tagged = taggedExport(true);
        assertEquals(2, run("train", "--data", tagged.toString(), "--label", "tags=tag_1++tag_2", "--out",
                dir.resolve("x").toString()));
        assertEquals("ticket-triage train: the tags head takes one column or several joined by '+', e.g. "
                + "tags=tag_1+tag_2; 'tag_1++tag_2' names an empty one", last.err().strip());
        assertEquals(2, run("train", "--data", tagged.toString(), "--label", "tags=tag_1+tag_9", "--out",
                dir.resolve("x").toString()));
        assertTrue(last.err().contains("has no column 'tag_9'"), last.err());
        assertEquals(2, run("train", "--data", tagged.toString(), "--label", "queue=queue", "--label",
                "tags=tag_1", "--fewest-per-tag", "10000", "--out", dir.resolve("x").toString()));
        assertTrue(last.err().contains("no tag is on at least 10000 training tickets"), last.err());
    }

    @Test
    void aTargetOutsideZeroToOneIsAClearError() {
        assertEquals(2, run("train", "--data", csv.toString(), "--out", dir.resolve("x").toString(),
                "--target-accuracy", "1.01"));
        assertEquals("ticket-triage train: --target-accuracy must be above 0 and at most 1 (e.g. 0.9 for 90 %), was "
                + "1.01", last.err().strip());
    }

    @Test
    void aConfidenceOutsideZeroToOneIsAClearError() {
        assertEquals(2, run("train", "--data", csv.toString(), "--out", dir.resolve("x").toString(),
                "--confidence", "0"));
        assertEquals("ticket-triage train: --confidence must be above 0 and below 1 (e.g. 0.9 for 90 %), was 0.0",
                last.err().strip());
    }

    @Test
    void aBadHoldOutShareIsAClearError() {
        assertEquals(2, run("train", "--data", csv.toString(), "--out", dir.resolve("x").toString(), "--holdout", "1.5"));
        assertEquals("ticket-triage train: the held-out fraction must be between 0 and 1, was 1.5", last.err().strip());
    }
}
