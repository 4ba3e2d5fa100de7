package io.tickettriage.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.TicketTextTemplate;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.dataset.LabelledTicket;
import io.tickettriage.evaluate.ClassThresholdChoice;
import io.tickettriage.evaluate.Evaluation;
import io.tickettriage.evaluate.Evaluator;
import io.tickettriage.evaluate.HeadEvaluation;
import io.tickettriage.evaluate.ThresholdSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a model, chooses each class's threshold on the trainer's cross-fitted predictions, scores model and thresholds on
 * held-out tickets with the real ONNX graph, and writes the scores and the per-class thresholds (with what they did on
 * the held-out tickets, the evidence for go-live) into the model itself. The build's bundled model and the
 * {@code train} command both go through here.
 */
public final class ModelTraining {

    /** The model's bytes, its held-out evaluation, and each head's settings search. */
    public record Result(byte[] onnx, Evaluation heldOut, List<LinearModelTrainer.HeadSettings> settings) {

        public Result {
            settings = List.copyOf(settings);
        }
    }

    /** Where {@code train}'s per-class thresholds are chosen, for the report. */
    static final String CHOSEN_ON = "the training tickets, each scored by a model trained without it (cross-fitting)";

    private final LinearModelTrainer trainer;
    private final OnnxLinearModelWriter writer = new OnnxLinearModelWriter();

    public ModelTraining(LinearModelTrainer trainer) {
        this.trainer = trainer;
    }

    /**
     * @param confidence how sure each class threshold's guarantee of {@code targetAccuracy} is, in (0, 1)
     * @param provenance facts about the data for people; extended with the held-out scores and thresholds
     * @param progress   shown the training steps, then the held-out tickets scored
     */
    public Result train(String name, String textTemplate, List<String> heads, List<LabelledTicket> training,
                        LabelledDataset heldOut, double targetAccuracy, double confidence,
                        Map<String, Object> provenance, Progress progress) {
        TicketTextTemplate template = new TicketTextTemplate(textTemplate);
        List<LabelledText> examples = training.stream()
                .map(t -> new LabelledText(template.render(t.subject(), t.body()), t.labels())).toList();
        Map<String, Object> facts = new LinkedHashMap<>(provenance);
        facts.put("trainingExamples", examples.size());
        ClassThresholds.requireTarget("the target accuracy", targetAccuracy);
        LinearModelTrainer.Result trained = trainer.train(name, textTemplate, heads, examples, facts, progress);
        TrainedModel model = trained.model();
        Map<String, Object> chosenSettings = new LinkedHashMap<>();
        trained.searches().forEach(head -> chosenSettings.put(head.head(), head.chosen().describe()));
        facts.put("settings", chosenSettings);
        Map<String, ClassThresholds> chosen = new LinkedHashMap<>();
        trained.calibration().forEach(unseen -> chosen.put(unseen.head().name(),
                ClassThresholdChoice.choose(unseen, targetAccuracy, confidence)));
        GraphProto graph = writer.graph(model);
        Evaluation evaluation;
        try (LinearTicketModel draft = LinearTicketModel.openForScoring(writer.write(graph, model.descriptor()),
                name)) {
            evaluation = new Evaluator().evaluate(draft, heldOut, heads, targetAccuracy, confidence,
                    new ThresholdSource(chosen, CHOSEN_ON), progress.stage("scoring held-out",
                            heldOut.tickets().size(), "tickets"));
        }
        Map<String, Object> accuracy = new LinkedHashMap<>();
        Map<String, Object> macroF1 = new LinkedHashMap<>();
        Map<String, Object> coverage = new LinkedHashMap<>();
        Map<String, Object> accuracyAtThresholds = new LinkedHashMap<>();
        List<HeadSpec> withThresholds = new ArrayList<>();
        for (HeadEvaluation head : evaluation.heads()) {
            accuracy.put(head.head(), round(head.accuracy()));
            macroF1.put(head.head(), round(head.macroF1()));
            coverage.put(head.head(), round(head.recommended().coverage()));
            accuracyAtThresholds.put(head.head(), round(head.recommended().accuracy()));
            withThresholds.add(model.descriptor().head(head.head()).orElseThrow()
                    .withThresholds(head.recommended().thresholds()));
        }
        facts.put("heldOutExamples", evaluation.tickets());
        facts.put("heldOutAccuracy", accuracy);
        facts.put("heldOutMacroF1", macroF1);
        facts.put("targetAccuracy", targetAccuracy);
        facts.put("heldOutCoverageAtClassThresholds", coverage);
        facts.put("heldOutAccuracyAtClassThresholds", accuracyAtThresholds);
        return new Result(writer.write(graph, model.descriptor().withTraining(facts).withHeads(withThresholds)),
                evaluation, trained.searches());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
