package io.tickettriage;

import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.classify.TagSet;
import io.tickettriage.model.BundledModel;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.model.LabelledText;
import io.tickettriage.model.LinearModelTrainer;
import io.tickettriage.model.OnnxLinearModelWriter;
import io.tickettriage.model.Progress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Models for tests: one retrained on part of the demo corpus, to swap for the bundled one, and models with only one of
 * its heads.
 */
final class TestModels {

    /** Trained once per test run: it takes a few seconds, and every caller wants the same bytes. */
    private static byte[] retrained;
    /** The same for the models of one head, by head, and the model with tags. */
    private static final Map<String, byte[]> ONE_HEAD = new HashMap<>();

    private TestModels() {
    }

    /** The same labels as the bundled model, other weights: a model a retraining would bring. */
    static synchronized byte[] retrained() {
        if (retrained == null) {
            retrained = train("retrained", BundledModel.HEADS);
        }
        return retrained;
    }

    /**
     * A model with the one head {@code head}: {@code queue} or {@code priority} with the bundled model's labels, as a
     * help desk with trustworthy labels for that head only would train it; a head of another name learns the queues
     * under that name (a model for a head the service does not use).
     */
    static synchronized byte[] withOnly(String head) {
        return ONE_HEAD.computeIfAbsent(head, h -> train(h + "-only", List.of(h)));
    }

    /** The bundled model's heads and a tags head learned from the demo corpus's tags. */
    static synchronized byte[] withTags() {
        return ONE_HEAD.computeIfAbsent("+tags", h -> train("tagged", List.of("queue", "priority", "tags")));
    }

    private static Map<String, String> labels(List<String> heads, CorpusTicket ticket) {
        Map<String, String> labels = new HashMap<>();
        heads.forEach(head -> labels.put(head, switch (head) {
            case "priority" -> ticket.priority();
            case "tags" -> TagSet.join(ticket.tags());
            default -> ticket.queue();
        }));
        return labels;
    }

    /** Trained on the first 600 tickets of the demo corpus's training part. */
    private static byte[] train(String name, List<String> heads) {
        List<CorpusTicket> corpus = DemoCorpus.load().training();
        List<LabelledText> examples = corpus.subList(0, Math.min(600, corpus.size())).stream()
                .map(t -> new LabelledText(t.subject() + "\n" + t.description(),
                        labels(heads, t))).toList();
        LinearModelTrainer trainer = new LinearModelTrainer(FeaturizerSettings.defaults().withCharNgrams("3-4"),
                LinearModelTrainer.Settings.defaults().withBudget(Duration.ZERO));
        return new OnnxLinearModelWriter().write(trainer.train(name, BundledModel.TEXT_TEMPLATE, heads, examples,
                Map.of(), Progress.silent()).model());
    }
}
