package io.tickettriage;

import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.model.BundledModel;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.model.LabelledText;
import io.tickettriage.model.LinearModelTrainer;
import io.tickettriage.model.OnnxLinearModelWriter;
import io.tickettriage.model.Progress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Models for tests that swap one for another: the bundled one, and one retrained on part of the demo corpus. */
final class TestModels {

    /** Trained once per test run: it takes a few seconds, and every caller wants the same bytes. */
    private static byte[] retrained;

    private TestModels() {
    }

    /** The same labels as the bundled model, other weights: a model a retraining would bring. */
    static synchronized byte[] retrained() {
        if (retrained == null) {
            List<CorpusTicket> corpus = DemoCorpus.load().training();
            List<LabelledText> examples = corpus.subList(0, Math.min(600, corpus.size())).stream()
                    .map(t -> new LabelledText(t.subject() + "\n" + t.description(),
                            Map.of("queue", t.queue(), "priority", t.priority()))).toList();
            LinearModelTrainer trainer = new LinearModelTrainer(FeaturizerSettings.defaults().withCharNgrams("3-4"),
                    LinearModelTrainer.Settings.defaults().withBudget(Duration.ZERO));
            retrained = new OnnxLinearModelWriter().write(trainer.train("retrained", BundledModel.TEXT_TEMPLATE,
                    BundledModel.HEADS, examples, Map.of(), Progress.silent()).model());
        }
        return retrained;
    }
}
