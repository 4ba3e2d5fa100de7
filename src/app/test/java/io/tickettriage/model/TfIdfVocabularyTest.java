package io.tickettriage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.classify.TextFeaturizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trainer weighs features in Java, the ONNX graph at inference: both must give the same numbers. */
class TfIdfVocabularyTest {

    private static final FeaturizerSettings SETTINGS = FeaturizerSettings.defaults();

    @Test
    void theGraphComputesWhatTheTrainerLearnedFrom() {
        List<LabelledText> examples = List.of(
                example("Invoice charged twice, please refund", "billing"),
                example("Refund for the duplicate payment on my card", "billing"),
                example("Rechnung doppelt abgebucht", "billing"),
                example("Cannot log in, password reset fails", "access"),
                example("Passwort vergessen, Login gesperrt", "access"),
                example("Two-factor code never arrives at login", "access"),
                example("The parcel has not arrived yet", "shipping"),
                example("Lieferung verspätet, Sendungsnummer fehlt", "shipping"));
        TrainedModel trained = new LinearModelTrainer(SETTINGS, new LinearModelTrainer.Settings(Learner.defaults(), 2, 7, true, Duration.ZERO, 100, false, 0.9))
                .train("test", "{subject}", List.of("queue"), examples, Map.of(), Progress.silent()).model();
        List<String> texts = List.of("my invoice was charged twice!!", "Login: Passwort-Reset klappt nicht",
                "words the model never saw at all", "");
        try (LinearTicketModel model = LinearTicketModel.open(new OnnxLinearModelWriter().write(trained), "test")) {
            List<Classification> fromGraph = model.classifyTexts(texts);
            for (int i = 0; i < texts.size(); i++) {
                double[] expected = javaProbabilities(trained, texts.get(i));
                HeadSpec head = trained.descriptor().heads().get(0);
                for (ScoredLabel scored : fromGraph.get(i).head("queue").top()) {
                    assertEquals(expected[head.labels().indexOf(scored.label())], scored.confidence(), 1e-5,
                            "'" + texts.get(i) + "' " + scored.label());
                }
            }
        }
    }

    @Test
    void unknownFeaturesDropOutAndIdfFavoursRareFeatures() {
        TextFeaturizer featurizer = new TextFeaturizer(SETTINGS);
        TfIdfVocabulary vocabulary = TfIdfVocabulary.fit(SETTINGS, PackedFeatures.of(List.of(
                featurizer.featurize("printer jam"), featurizer.featurize("printer offline"),
                featurizer.featurize("printer toner"))));
        TfIdfVocabulary.WeightedRow unseen = vocabulary.weigh(featurizer.featurize("zzqx"));
        assertEquals(0, unseen.rows().length, "a text of unseen n-grams has no known features");
        TfIdfVocabulary.WeightedRow row = vocabulary.weigh(featurizer.featurize("printer jam zzqx"));
        double wordNorm = 0;
        double charNorm = 0;
        for (int k = 0; k < row.rows().length; k++) {
            int id = vocabulary.features()[row.rows()[k] - 1];
            if (SETTINGS.isWordFeature(id)) {
                wordNorm += row.values()[k] * row.values()[k];
            } else {
                charNorm += row.values()[k] * row.values()[k];
            }
        }
        assertEquals(1, wordNorm, 1e-9, "word block is unit length");
        assertEquals(1, charNorm, 1e-9, "character block is unit length");
        // Smooth idf over 3 tickets: in all three ("printer") 1, in two ("on" of offline, toner) ln(4/3) + 1, in one
        // ("jam") ln(4/2) + 1.
        Set<Float> idf = new HashSet<>();
        for (int r = 1; r < vocabulary.idf().length; r++) {
            idf.add(vocabulary.idf()[r]);
        }
        assertEquals(Set.of(1f, (float) (Math.log(4 / 3.0) + 1), (float) (Math.log(2) + 1)), idf);
        assertEquals(0f, vocabulary.idf()[0], "row 0, the unknown features, weighs nothing");
    }

    /** softmax(W · weigh(x) + b), straight from the trained numbers. */
    private static double[] javaProbabilities(TrainedModel trained, String text) {
        HeadWeights head = trained.heads().get(0);
        int classes = head.labels();
        TfIdfVocabulary.WeightedRow row = trained.vocabulary().weigh(new TextFeaturizer(SETTINGS).featurize(text));
        double[] logits = new double[classes];
        for (int c = 0; c < classes; c++) {
            logits[c] = head.bias()[c];
            for (int k = 0; k < row.rows().length; k++) {
                logits[c] += head.weights()[row.rows()[k] * classes + c] * row.values()[k];
            }
        }
        double max = Arrays.stream(logits).max().orElseThrow();
        double sum = Arrays.stream(logits).map(l -> Math.exp(l - max)).sum();
        return Arrays.stream(logits).map(l -> Math.exp(l - max) / sum).toArray();
    }

    private static LabelledText example(String text, String queue) {
        return new LabelledText(text, Map.of("queue", queue));
    }
}
