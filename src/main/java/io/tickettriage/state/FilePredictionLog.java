package io.tickettriage.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
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
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prediction log as one JSON Lines file ({@code predictions.jsonl} in the state directory): a line per
 * prediction and a line per outcome, appended and synced as they happen, read whole at start. A last line cut short
 * by a crash is ignored. Meant for one process; {@link #read} serves the {@code agreement} tool.
 */
public final class FilePredictionLog implements PredictionLog, AutoCloseable {

    public static final String FILE = "predictions.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(FilePredictionLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel appender;
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
        append(toJson(prediction));
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
        append(toJson(outcome));
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

    @Override
    public void close() throws IOException {
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
                add(prediction(line));
            } else if ("outcome".equals(line.path("type").asText())) {
                Outcome outcome = outcome(line);
                outcomes.put(id(outcome.key(), outcome.version()), outcome);
            }
        }
    }

    private static ObjectNode toJson(Prediction prediction) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", "prediction");
        line.put("key", prediction.key());
        line.put("version", prediction.version().toString());
        line.put("model", prediction.model());
        line.put("at", prediction.at().toString());
        ObjectNode heads = line.putObject("heads");
        prediction.heads().forEach((name, head) -> {
            ArrayNode top = heads.putObject(name).putArray("top");
            head.top().forEach(scored -> top.addObject().put("label", scored.label())
                    .put("confidence", scored.confidence()));
        });
        ObjectNode written = line.putObject("written");
        prediction.written().forEach(written::put);
        ArrayNode confident = line.putArray("confident");
        prediction.confident().stream().sorted().forEach(confident::add);
        return line;
    }

    private static Prediction prediction(JsonNode line) {
        Map<String, HeadPrediction> heads = new LinkedHashMap<>();
        line.path("heads").fields().forEachRemaining(head -> {
            List<ScoredLabel> top = new ArrayList<>();
            head.getValue().path("top").forEach(scored -> top.add(new ScoredLabel(scored.path("label").asText(),
                    scored.path("confidence").asDouble())));
            heads.put(head.getKey(), new HeadPrediction(head.getKey(), top));
        });
        Set<String> confident = new HashSet<>();
        line.path("confident").forEach(head -> confident.add(head.asText()));
        return new Prediction(line.path("key").asText(), Instant.parse(line.path("version").asText()),
                line.path("model").asText(), heads, strings(line.path("written")), confident,
                Instant.parse(line.path("at").asText()));
    }

    private static ObjectNode toJson(Outcome outcome) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", "outcome");
        line.put("key", outcome.key());
        line.put("version", outcome.version().toString());
        line.put("at", outcome.at().toString());
        ObjectNode labels = line.putObject("labels");
        outcome.labels().forEach(labels::put);
        ArrayNode corrected = line.putArray("corrected");
        outcome.corrected().stream().sorted().forEach(corrected::add);
        return line;
    }

    private static Outcome outcome(JsonNode line) {
        Set<String> corrected = new HashSet<>();
        line.path("corrected").forEach(head -> corrected.add(head.asText()));
        return new Outcome(line.path("key").asText(), Instant.parse(line.path("version").asText()),
                strings(line.path("labels")), corrected, Instant.parse(line.path("at").asText()));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }
}
