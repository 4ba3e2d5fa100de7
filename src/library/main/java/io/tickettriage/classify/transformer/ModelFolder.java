package io.tickettriage.classify.transformer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.classify.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Hugging Face text-classification model exported to ONNX, as a folder: the files it holds and what its
 * {@code config.json} and {@code tokenizer_config.json} say, checked.
 *
 * @param onnxFile      the graph ONNX Runtime runs
 * @param tokenizerFile {@code tokenizer.json}
 * @param labels        {@code id2label} in id order: label {@code i} is logit column {@code i}
 * @param multiLabel    {@code problem_type} is {@code multi_label_classification}: sigmoid per label, not softmax
 * @param maxLength     tokens per ticket after truncation, within every limit the folder and the options set
 * @param padTokenId    the id the model was trained to see in padding (its embedding's padding index)
 */
record ModelFolder(Path folder, Path onnxFile, Path tokenizerFile, List<String> labels, boolean multiLabel,
                   int maxLength, long padTokenId) {

    static final String QUANTIZED = "model_quantized.onnx";
    static final String FULL_PRECISION = "model.onnx";
    static final String TOKENIZER = "tokenizer.json";
    static final String CONFIG = "config.json";
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SINGLE_LABEL = "single_label_classification";
    private static final String MULTI_LABEL = "multi_label_classification";
    /** Hugging Face writes int(1e30) as model_max_length when a tokenizer has no limit of its own. */
    private static final double NO_LIMIT = 1e9;

    ModelFolder {
        labels = List.copyOf(labels);
    }

    static ModelFolder read(Path folder, TransformerOptions options) {
        if (!Files.isDirectory(folder)) {
            throw problem(folder, "is not a folder");
        }
        Path onnxFile = onnxFile(folder, options);
        Path tokenizerFile = folder.resolve(TOKENIZER);
        if (!Files.isRegularFile(tokenizerFile)) {
            throw problem(folder, "has no " + TOKENIZER + " (the fast tokenizer the model was trained with;"
                    + " save it with tokenizer.save_pretrained)");
        }
        Path configFile = folder.resolve(CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw problem(folder, "has no " + CONFIG + " (it names the labels in id2label)");
        }
        JsonNode config = json(folder, configFile);
        List<String> labels = labels(folder, config.get("id2label"));
        boolean multiLabel = multiLabel(folder, config.get("problem_type"));
        int maxLength = Math.min(options.maxLength(), TransformerOptions.MAX_TOKENS);
        maxLength = Math.min(maxLength, limit(folder, CONFIG, config, "max_position_embeddings"));
        Path tokenizerConfig = folder.resolve(TOKENIZER_CONFIG);
        if (Files.isRegularFile(tokenizerConfig)) {
            maxLength = Math.min(maxLength,
                    limit(folder, TOKENIZER_CONFIG, json(folder, tokenizerConfig), "model_max_length"));
        }
        if (maxLength < TransformerOptions.MIN_TOKENS) {
            throw problem(folder, "allows only " + maxLength + " tokens per text, fewer than the "
                    + TransformerOptions.MIN_TOKENS + " a ticket needs");
        }
        JsonNode pad = config.get("pad_token_id");
        long padTokenId = pad != null && pad.canConvertToLong() && pad.asLong() >= 0 ? pad.asLong() : 0;
        return new ModelFolder(folder, onnxFile, tokenizerFile, labels, multiLabel, maxLength, padTokenId);
    }

    /** Every problem with a model folder is reported the same way: which folder, then what is wrong with it. */
    static ModelLoadException problem(Path folder, String what) {
        return new ModelLoadException("transformer model folder " + folder.toAbsolutePath() + " " + what);
    }

    private static Path onnxFile(Path folder, TransformerOptions options) {
        if (options.modelFile() != null) {
            Path named = folder.resolve(options.modelFile());
            if (!Files.isRegularFile(named)) {
                throw problem(folder, "has no " + options.modelFile() + " (the model file the options name)");
            }
            return named;
        }
        // An operator who quantized the model did so to run it: int8 is 2-2.6x faster on CPU at nearly the same
        // accuracy. Optimum writes model_quantized.onnx beside model.onnx, so both being present is the usual case.
        for (String name : List.of(QUANTIZED, FULL_PRECISION)) {
            if (Files.isRegularFile(folder.resolve(name))) {
                return folder.resolve(name);
            }
        }
        throw problem(folder, "has neither " + QUANTIZED + " nor " + FULL_PRECISION
                + " (export one with: optimum-cli export onnx --model <model> --task text-classification <folder>)");
    }

    private static JsonNode json(Path folder, Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                throw problem(folder, "has a " + file.getFileName() + " that is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw problem(folder, "has a " + file.getFileName() + " that is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw problem(folder, "has a " + file.getFileName() + " that cannot be read: " + e.getMessage());
        }
    }

    private static List<String> labels(Path folder, JsonNode id2label) {
        if (id2label == null || !id2label.isObject() || id2label.isEmpty()) {
            throw problem(folder, "has no id2label in " + CONFIG + ": the model's labels must be named there,"
                    + " e.g. {\"0\": \"billing\", \"1\": \"account-access\"}");
        }
        Map<Integer, String> byId = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = id2label.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            int id;
            try {
                id = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                throw problem(folder, "has a non-numeric id '" + entry.getKey() + "' in " + CONFIG + " id2label");
            }
            if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                throw problem(folder, "has id " + id + " in " + CONFIG + " id2label without a label name");
            }
            byId.put(id, entry.getValue().asText());
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < byId.size(); i++) {
            expected.add(i);
        }
        if (!List.copyOf(byId.keySet()).equals(expected)) {
            throw problem(folder, "numbers the labels in " + CONFIG + " id2label " + byId.keySet()
                    + ", but they must be 0.." + (byId.size() - 1) + " without gaps (one per logit column)");
        }
        Set<String> seen = new HashSet<>();
        for (String label : byId.values()) {
            if (!seen.add(label)) {
                throw problem(folder, "names label '" + label + "' twice in " + CONFIG + " id2label");
            }
        }
        return List.copyOf(byId.values());
    }

    private static boolean multiLabel(Path folder, JsonNode problemType) {
        if (problemType == null || problemType.isNull()) {
            return false; // what transformers assumes for a classifier fine-tuned with integer labels
        }
        return switch (problemType.asText()) {
            case SINGLE_LABEL -> false;
            case MULTI_LABEL -> true;
            default -> throw problem(folder, "has problem_type '" + problemType.asText() + "' in " + CONFIG
                    + "; ticket-triage runs " + SINGLE_LABEL + " and " + MULTI_LABEL + " models");
        };
    }

    private static int limit(Path folder, String file, JsonNode json, String key) {
        JsonNode value = json.get(key);
        if (value == null || value.isNull()) {
            return Integer.MAX_VALUE;
        }
        if (!value.isNumber() || value.doubleValue() < 1) {
            throw problem(folder, "has " + key + " " + value + " in " + file + ", which is not a positive number");
        }
        return value.doubleValue() >= NO_LIMIT ? Integer.MAX_VALUE : value.intValue();
    }
}
