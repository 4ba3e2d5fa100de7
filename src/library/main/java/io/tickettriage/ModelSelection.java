package io.tickettriage;

import io.tickettriage.classify.HeadRouting;
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

/**
 * Which model serves which head, from configuration:
 * <ul>
 *   <li>{@code triage.model.path}: the default model, a ticket-triage bundle folder or {@code .onnx} file; empty is
 *       the bundled demo model;</li>
 *   <li>{@code triage.model.head.<head>}: a bundle for that head only: a ticket-triage bundle or a Hugging Face
 *       text-classification folder ({@code config.json}, {@code tokenizer.json}, {@code model.onnx}).</li>
 * </ul>
 * Every head the pipeline needs must be served; a missing or broken bundle is a {@link ConfigurationException} naming
 * the key, so a bad model stops the start instead of mis-routing tickets.
 */
final class ModelSelection {

    private static final String DEFAULT_KEY = "triage.model.path";
    private static final String HEAD_PREFIX = "triage.model.head.";

    private ModelSelection() {
    }

    /** @param heads the heads the pipeline reads, e.g. queue and priority */
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
                TicketModel model;
                if (own.isPresent()) {
                    model = track(opened, open(HEAD_PREFIX + head, Path.of(own.get()), head, properties));
                } else {
                    if (fallback == null) {
                        fallback = track(opened, openDefault(properties));
                    }
                    model = fallback;
                }
                if (model.heads().stream().noneMatch(h -> h.name().equals(head))) {
                    throw new ConfigurationException((own.isPresent() ? HEAD_PREFIX + head : DEFAULT_KEY) + ": "
                            + model.source() + " has no '" + head + "' head (it has " + model.heads().stream()
                            .map(h -> h.name()).toList() + "); set " + HEAD_PREFIX + head + " to a model that has");
                }
                byHead.put(head, model);
            }
            return opened.size() == 1 ? opened.get(0) : new HeadRouting(byHead);
        } catch (RuntimeException e) {
            opened.forEach(TicketModel::close);
            throw e;
        }
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
