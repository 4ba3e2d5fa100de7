package io.tickettriage.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.triage.Outcome;
import io.tickettriage.triage.Prediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Predictions and outcomes as the JSON lines both prediction logs keep: the file's lines, the database's rows. */
final class PredictionLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PredictionLines() {
    }

    static ObjectNode toJson(Prediction prediction) {
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

    static Prediction prediction(JsonNode line) {
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

    static ObjectNode toJson(Outcome outcome) {
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

    static Outcome outcome(JsonNode line) {
        Set<String> corrected = new HashSet<>();
        line.path("corrected").forEach(head -> corrected.add(head.asText()));
        return new Outcome(line.path("key").asText(), Instant.parse(line.path("version").asText()),
                strings(line.path("labels")), corrected, Instant.parse(line.path("at").asText()));
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }
}
