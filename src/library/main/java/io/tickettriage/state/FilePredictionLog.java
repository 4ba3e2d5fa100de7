package io.tickettriage.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.triage.Outcome;
import io.tickettriage.triage.Prediction;
import io.tickettriage.triage.PredictionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prediction log as one JSON Lines file ({@code predictions.jsonl} in the state directory): a line per
 * prediction and a line per outcome, appended and synced as they happen, read whole at start. A last line cut short
 * by a crash is ignored. Meant for one process; {@link #read} serves the {@code agreement} tool.
 *
 * <p>Expired and erased entries leave by a rewrite of the whole file ({@link #purge}, {@link #erase}): a new file
 * next to it, synced, then moved over it in one step, under the lock every append takes, so a crash at any instant
 * leaves either the old file or the new one, whole.
 */
public final class FilePredictionLog implements PredictionLog, AutoCloseable {

    public static final String FILE = "predictions.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(FilePredictionLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    /** Replaced when the file is rewritten; null for a log opened only to be read. */
    private FileChannel appender;
    private final List<Prediction> predictions = new ArrayList<>();
    private final Map<String, Prediction> latest = new HashMap<>();
    private final Set<String> versions = new HashSet<>();
    private final Map<String, Outcome> outcomes = new HashMap<>();

    private FilePredictionLog(Path file, FileChannel appender) {
        this.file = file;
        this.appender = appender;
    }

    /** Opens (or creates) the log in {@code directory}. */
    public static FilePredictionLog open(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            Files.createDirectories(directory);
            FilePredictionLog log = new FilePredictionLog(file, FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            log.replay();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the prediction log " + file.toAbsolutePath(), e);
        }
    }

    /** The log's entries recorded since {@code since}, read from {@code directory} without opening it for writing. */
    public static List<Entry> read(Path directory, Instant since) {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " does not exist: run the service (shadow or "
                    + "live) with this state directory first");
        }
        FilePredictionLog log = new FilePredictionLog(file, null);
        try {
            log.replay();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the prediction log " + file.toAbsolutePath(), e);
        }
        return log.since(since);
    }

    @Override
    public synchronized void record(Prediction prediction) {
        if (versions.contains(id(prediction.key(), prediction.version()))) {
            return;
        }
        append(PredictionLines.toJson(prediction));
        add(prediction);
    }

    @Override
    public synchronized Optional<Prediction> latest(String key) {
        return Optional.ofNullable(latest.get(key));
    }

    @Override
    public synchronized boolean settled(Prediction prediction) {
        return outcomes.containsKey(id(prediction.key(), prediction.version()));
    }

    @Override
    public synchronized void settle(Outcome outcome) {
        if (outcomes.containsKey(id(outcome.key(), outcome.version()))) {
            return;
        }
        append(PredictionLines.toJson(outcome));
        outcomes.put(id(outcome.key(), outcome.version()), outcome);
    }

    @Override
    public synchronized List<Entry> since(Instant since) {
        List<Entry> entries = new ArrayList<>();
        for (Prediction prediction : predictions) {
            if (!prediction.at().isBefore(since)) {
                entries.add(new Entry(prediction, Optional.ofNullable(outcomes.get(id(prediction.key(),
                        prediction.version())))));
            }
        }
        return entries;
    }

    /** Deletes the predictions made before {@code before}, each with its outcome; returns how many. */
    public synchronized int purge(Instant before) {
        return keepOnly(prediction -> !prediction.at().isBefore(before));
    }

    /** Deletes the ticket's predictions, each with its outcome; returns how many. */
    public synchronized int erase(String ticket) {
        return keepOnly(prediction -> !prediction.key().equals(ticket));
    }

    /** Rewrites the file with the predictions {@code kept} holds for and their outcomes; returns how many went. */
    private int keepOnly(Predicate<Prediction> kept) {
        List<Prediction> staying = predictions.stream().filter(kept).toList();
        int removed = predictions.size() - staying.size();
        if (removed == 0) {
            return 0;
        }
        Set<String> stayingIds = new HashSet<>();
        List<String> lines = new ArrayList<>();
        for (Prediction prediction : staying) {
            String id = id(prediction.key(), prediction.version());
            stayingIds.add(id);
            lines.add(PredictionLines.toJson(prediction).toString());
            Optional.ofNullable(outcomes.get(id)).ifPresent(outcome -> lines.add(PredictionLines.toJson(outcome)
                    .toString()));
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(lines.isEmpty() ? "" : String.join("\n", lines)
                        + "\n");
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // The old channel still points at the file replaced; appends go to the new one from here on.
            appender.close();
            appender = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the prediction log " + file.toAbsolutePath(), e);
        }
        predictions.clear();
        latest.clear();
        versions.clear();
        outcomes.keySet().retainAll(stayingIds);
        staying.forEach(this::add);
        return removed;
    }

    @Override
    public synchronized void close() throws IOException {
        if (appender != null) {
            appender.close();
        }
    }

    private void add(Prediction prediction) {
        predictions.add(prediction);
        versions.add(id(prediction.key(), prediction.version()));
        Prediction newest = latest.get(prediction.key());
        if (newest == null || !prediction.version().isBefore(newest.version())) {
            latest.put(prediction.key(), prediction);
        }
    }

    private static String id(String key, Instant version) {
        return key + "@" + version;
    }

    private void append(ObjectNode line) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(line.toString() + "\n");
        try {
            while (bytes.hasRemaining()) {
                appender.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the prediction log " + file.toAbsolutePath(), e);
        }
    }

    private void replay() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    LOG.warn("The prediction log {} ends in a line cut short (the process died while writing it); "
                            + "it is ignored", file.toAbsolutePath());
                    continue;
                }
                throw new IllegalStateException("line " + (i + 1) + " of the prediction log " + file.toAbsolutePath()
                        + " is not JSON; fix or remove the line", e);
            }
            if ("prediction".equals(line.path("type").asText())) {
                add(PredictionLines.prediction(line));
            } else if ("outcome".equals(line.path("type").asText())) {
                Outcome outcome = PredictionLines.outcome(line);
                outcomes.put(id(outcome.key(), outcome.version()), outcome);
            }
        }
    }
}
