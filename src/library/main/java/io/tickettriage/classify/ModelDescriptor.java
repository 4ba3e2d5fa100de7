package io.tickettriage.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to run a model besides its weights: it travels inside the ONNX file (metadata key
 * {@value #METADATA_KEY}), so a model file always describes itself.
 *
 * @param format       {@value #FORMAT}; lets future model kinds be told apart
 * @param name         a human name for logs
 * @param textTemplate how a ticket becomes model input, with {@code {subject}} and {@code {body}} placeholders
 * @param featurizer   the settings the features were computed with at training time
 * @param heads        the model's outputs, in graph order
 * @param training     provenance and held-out scores, for people (never interpreted by code)
 */
public record ModelDescriptor(String format, String name, String textTemplate, FeaturizerSettings featurizer,
                              List<HeadSpec> heads, Map<String, Object> training) {

    public static final String FORMAT = "ticket-triage/hashed-tfidf-linear-v3";
    public static final String METADATA_KEY = "ticket-triage.model";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ModelDescriptor {
        heads = List.copyOf(heads);
        // Insertion order is kept so the same model always serialises to the same bytes.
        training = training == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(training));
    }

    public ModelDescriptor withTraining(Map<String, Object> newTraining) {
        return new ModelDescriptor(format, name, textTemplate, featurizer, heads, newTraining);
    }

    /** The same model with these heads, e.g. the same heads now carrying their per-class thresholds. */
    public ModelDescriptor withHeads(List<HeadSpec> newHeads) {
        return new ModelDescriptor(format, name, textTemplate, featurizer, newHeads, training);
    }

    public Optional<HeadSpec> head(String headName) {
        return heads.stream().filter(h -> h.name().equals(headName)).findFirst();
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model descriptor cannot be written as JSON", e);
        }
    }

    public static ModelDescriptor fromJson(String json) {
        try {
            return JSON.readValue(json, ModelDescriptor.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model metadata '" + METADATA_KEY + "' is not valid: "
                    + e.getOriginalMessage(), e);
        }
    }
}
