package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.model.BundledModel;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --compare-with} and {@code --promote-to} through the real command line, with real models: the bundled
 * demo model against one trained on a few tickets of the same corpus, one way and the other.
 */
class ChampionChallengerTest {

    private static final int FEW_PER_QUEUE = 5;

    @TempDir
    Path dir;
    private Path all;
    private Path few;
    private ToolRun last;

    @BeforeEach
    void writeExports() throws Exception {
        List<CorpusTicket> tickets = DemoCorpus.load().training();
        all = export("all.csv", tickets);
        Map<String, List<CorpusTicket>> byQueue = tickets.stream()
                .collect(Collectors.groupingBy(CorpusTicket::queue, TreeMap::new, Collectors.toList()));
        List<CorpusTicket> some = new ArrayList<>();
        byQueue.values().forEach(queue -> some.addAll(queue.subList(0, FEW_PER_QUEUE)));
        few = export("few.csv", some);
    }

    private Path export(String name, List<CorpusTicket> tickets) throws Exception {
        Path csv = dir.resolve(name);
        try (CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(csv), CSVFormat.RFC4180)) {
            printer.printRecord("subject", "body", "queue", "priority");
            for (CorpusTicket t : tickets) {
                printer.printRecord(t.subject(), t.description(), t.queue(), t.priority());
            }
        }
        return csv;
    }

    private int train(Path data, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString(),
                "--char-ngrams", "3"));
        args.addAll(List.of(more));
        last = ToolRun.of("", args.toArray(String[]::new));
        return last.exitCode();
    }

    @Test
    void aModelTrainedOnFarFewerTicketsIsComparedAndNotPromoted() throws Exception {
        Path serving = Files.createDirectories(dir.resolve("serving"));
        byte[] bundled = BundledModel.bytes();
        Path model = serving.resolve("model.onnx");
        Files.write(model, bundled);
        FileTime before = FileTime.from(Instant.parse("2025-01-31T08:00:00Z"));
        Files.setLastModifiedTime(model, before);

        assertEquals(TrainCommand.NOT_PROMOTED, train(few, dir.resolve("small"), "--promote-to", serving.toString()),
                last.err());

        String out = last.out();
        assertTrue(out.contains("champion and challenger on 8 held-out tickets (20% of each queue picked at random "
                + "(seed 42): the data has no time order), target precision 90%:"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+queue\\s+accuracy\\s+\\d\\.\\d{3}\\s+\\d\\.\\d{3}")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+macro-F1\\s+\\d\\.\\d{3}\\s+\\d\\.\\d{3}")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+priority\\s+accuracy\\s+\\d\\.\\d{3}\\s+\\d\\.\\d{3}")),
                out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+coverage \\(precision\\)\\s+\\d+% \\(\\d+%\\)\\s+\\d+% "
                + "\\(\\d+%\\)")), out);
        assertTrue(out.contains("  current: " + model + "; thresholds: these tickets, 2-fold cross-fitted"), out);
        String verdict = out.lines().filter(l -> l.startsWith("not promoted: ")).findFirst().orElseThrow();
        assertTrue(verdict.endsWith("; " + model + " is left as it was"), verdict);
        assertFalse(out.contains("\npromoted"), out);

        assertArrayEquals(bundled, Files.readAllBytes(model), "the serving model is untouched");
        assertEquals(before, Files.getLastModifiedTime(model), "not even rewritten");
        try (Stream<Path> files = Files.list(serving)) {
            assertEquals(List.of(model), files.toList(), "nothing else written there");
        }
    }

    @Test
    void aModelTrainedOnManyMoreTicketsIsPromotedAtomicallyWithItsManifest() throws Exception {
        Path serving = dir.resolve("serving");
        assertEquals(0, train(few, serving, "--target-accuracy", "0.7"), last.err());
        byte[] small = Files.readAllBytes(serving.resolve("model.onnx"));

        Path bundle = dir.resolve("large");
        // At 70 %: the guarantee at 90 % needs more predictions per class than 432 demo tickets give most queues.
        assertEquals(0, train(all, bundle, "--promote-to", serving.toString(), "--target-accuracy", "0.7"),
                last.out() + last.err());

        String out = last.out();
        assertTrue(out.contains("  current: " + serving.resolve("model.onnx") + "; thresholds: the model's own"),
                out);
        String verdict = out.lines().filter(l -> l.startsWith("promoted: ")).findFirst().orElseThrow();
        assertTrue(verdict.startsWith("promoted: more coverage and no head less accurate; at 70% precision the new "
                + "model writes "), verdict);
        assertTrue(verdict.endsWith("; written to " + serving.resolve("model.onnx")), verdict);
        byte[] promoted = Files.readAllBytes(serving.resolve("model.onnx"));
        assertArrayEquals(Files.readAllBytes(bundle.resolve("model.onnx")), promoted);
        assertFalse(java.util.Arrays.equals(small, promoted));
        for (String file : List.of("manifest.json", "report.html", "report.json")) {
            assertEquals(Files.readString(bundle.resolve(file)), Files.readString(serving.resolve(file)), file);
        }
        try (Stream<Path> files = Files.list(serving)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }

        // The same model again is no better than itself: it stays, and a model file path works as well as a folder.
        assertEquals(TrainCommand.NOT_PROMOTED, train(all, dir.resolve("again"), "--promote-to",
                serving.resolve("model.onnx").toString(), "--target-accuracy", "0.7"), last.err());
        assertTrue(last.out().contains("not promoted: no more coverage; "), last.out());
    }

    @Test
    void comparingOnlyPrintsBothAndAWrongBundleIsOneLineBeforeAnyTraining() throws Exception {
        Path serving = Files.createDirectories(dir.resolve("serving"));
        Files.write(serving.resolve("model.onnx"), BundledModel.bytes());
        assertEquals(0, train(few, dir.resolve("small"), "--compare-with", serving.toString()), last.err());
        assertTrue(last.out().contains("champion and challenger on 8 held-out tickets"), last.out());
        assertFalse(last.out().contains("promoted"), last.out());

        Path missing = dir.resolve("nowhere");
        assertEquals(2, train(few, dir.resolve("other"), "--compare-with", missing.toString()));
        assertEquals("ticket-triage train: model file " + missing.toAbsolutePath() + " does not exist",
                last.err().strip());
        assertFalse(Files.exists(dir.resolve("other")));
    }

    @Test
    void promotingWhereNothingIsYetPutsTheBundleThere() throws Exception {
        Path serving = dir.resolve("models").resolve("triage.onnx");
        assertEquals(0, train(few, dir.resolve("small"), "--promote-to", serving.toString()), last.err());
        assertTrue(last.out().contains("promoted to " + serving + ": nothing was there to compare with"), last.out());
        assertArrayEquals(Files.readAllBytes(dir.resolve("small").resolve("model.onnx")), Files.readAllBytes(serving));
    }
}
