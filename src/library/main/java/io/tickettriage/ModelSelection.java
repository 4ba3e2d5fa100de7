package io.tickettriage;

import io.tickettriage.classify.HeadRouting;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.ModelLoadException;
import io.tickettriage.classify.TicketModel;
import io.tickettriage.classify.TicketTextTemplate;
import io.tickettriage.classify.transformer.TransformerOptions;
import io.tickettriage.classify.transformer.TransformerTicketModel;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.model.BundledModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which model serves which head, from configuration:
 * <ul>
 *   <li>{@code triage.model.path}: the default model, a ticket-triage bundle folder or {@code .onnx} file; empty is
 *       the bundled demo model;</li>
 *   <li>{@code triage.model.head.<head>}: a bundle for that head only: a ticket-triage bundle or a Hugging Face
 *       text-classification folder ({@code config.json}, {@code tokenizer.json}, {@code model.onnx}).</li>
 * </ul>
 * A head neither serves is off (a model trained on queue labels only leaves the priority as the desk has it), but at
 * least one head must be served; a missing or broken bundle, or a head bundle without its head, is a
 * {@link ConfigurationException} naming the key, so a bad model stops the start instead of mis-routing tickets.
 */
final class ModelSelection {

    private static final String DEFAULT_KEY = "triage.model.path";
    private static final String HEAD_PREFIX = "triage.model.head.";

    private ModelSelection() {
    }

    /**
     * The model that serves the heads, each from its own {@code triage.model.head.<head>} bundle, else from the
     * default model. A head the default model lacks, and no bundle of its own serves, is off: the service leaves it
     * as the desk has it. A model that serves none of the heads stops the start.
     *
     * @param heads the heads the pipeline reads, e.g. queue and priority
     */
    static TicketModel open(TriageProperties properties, List<String> heads) {
        Map<String, String> perHead = properties.withPrefix(HEAD_PREFIX);
        List<String> unknown = perHead.keySet().stream().filter(h -> !heads.contains(h)).toList();
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(HEAD_PREFIX + unknown.get(0) + " names a head the pipeline does not use; "
                    + "it uses " + heads);
        }
        List<TicketModel> opened = new ArrayList<>();
        try {
            TicketModel fallback = null;
            Map<String, TicketModel> byHead = new LinkedHashMap<>();
            for (String head : heads) {
                Optional<String> own = Optional.ofNullable(perHead.get(head));
                if (own.isPresent()) {
                    TicketModel model = track(opened, open(HEAD_PREFIX + head, Path.of(own.get()), head, properties));
                    if (!has(model, head)) {
                        throw new ConfigurationException(HEAD_PREFIX + head + ": " + model.source() + " has no '"
                                + head + "' head (it has " + names(model) + "); set " + HEAD_PREFIX + head
                                + " to a model that has");
                    }
                    byHead.put(head, model);
                    continue;
                }
                if (fallback == null) {
                    fallback = track(opened, openDefault(properties));
                }
                if (has(fallback, head)) {
                    byHead.put(head, fallback);
                }
            }
            if (byHead.isEmpty()) {
                throw new ConfigurationException(DEFAULT_KEY + ": " + fallback.source() + " has none of the heads "
                        + "the service uses " + heads + " (it has " + names(fallback) + "); train it with --label "
                        + heads.stream().map(h -> h + "=<column>").collect(Collectors.joining(" or --label "))
                        + ", or set " + HEAD_PREFIX + "<head> to a model that has one");
            }
            // A default model that serves no head (every head it has comes from a bundle of its own) is not kept open.
            List<TicketModel> unused = opened.stream().filter(m -> !byHead.containsValue(m)).toList();
            unused.forEach(TicketModel::close);
            opened.removeAll(unused);
            return opened.size() == 1 && opened.get(0) == fallback ? fallback : new HeadRouting(byHead);
        } catch (RuntimeException e) {
            opened.forEach(TicketModel::close);
            throw e;
        }
    }

    private static boolean has(TicketModel model, String head) {
        return model.heads().stream().anyMatch(h -> h.name().equals(head));
    }

    private static List<String> names(TicketModel model) {
        return model.heads().stream().map(HeadSpec::name).toList();
    }

    private static TicketModel openDefault(TriageProperties properties) {
        Optional<String> path = properties.optional(DEFAULT_KEY);
        LinearTicketModel model;
        try {
            model = path.isPresent() ? linear(DEFAULT_KEY, Path.of(path.get())) : BundledModel.open();
        } catch (ModelLoadException e) {
            throw new ConfigurationException(path.isPresent() ? DEFAULT_KEY + ": " + e.getMessage() : e.getMessage());
        }
        String template = properties.text("triage.model.text-template", model.descriptor().textTemplate());
        try {
            return model.withTextTemplate(new TicketTextTemplate(template.replace("\\n", "\n")));
        } catch (IllegalArgumentException e) {
            model.close();
            throw new ConfigurationException("triage.model.text-template: " + e.getMessage());
        }
    }

    /** A folder with config.json is a Hugging Face model; otherwise a ticket-triage bundle or .onnx file. */
    private static TicketModel open(String key, Path path, String head, TriageProperties properties) {
        try {
            if (Files.isDirectory(path) && Files.exists(path.resolve("config.json"))) {
                TransformerOptions options = TransformerOptions.defaults()
                        .withBatchSize(properties.integer("triage.model.transformer.batch-size",
                                TransformerOptions.DEFAULT_BATCH_SIZE))
                        .withMaxLength(properties.integer("triage.model.transformer.max-tokens",
                                TransformerOptions.MAX_TOKENS));
                return TransformerTicketModel.load(path, head, options);
            }
            return linear(key, path);
        } catch (ModelLoadException | IllegalArgumentException e) {
            throw new ConfigurationException(key + ": " + e.getMessage());
        }
    }

    private static LinearTicketModel linear(String key, Path path) {
        try {
            return LinearTicketModel.loadBundle(path);
        } catch (ModelLoadException e) {
            throw new ConfigurationException(key + ": " + e.getMessage());
        }
    }

    private static TicketModel track(List<TicketModel> opened, TicketModel model) {
        opened.add(model);
        return model;
    }
}
