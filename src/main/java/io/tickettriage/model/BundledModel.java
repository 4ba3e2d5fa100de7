package io.tickettriage.model;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.ModelLoadException;
import io.tickettriage.classify.TicketTextTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo model that ships in the jar: trained on the training part of the {@link DemoCorpus}, scored on its
 * held-out part. The build produces it ({@link BuildBundledModel}); tests use {@link #train()} to prove a rebuild
 * gives the same model.
 */
public final class BundledModel {

    /** Classpath location of the model inside the jar. */
    public static final String RESOURCE = "/model/triage-demo.onnx";
    public static final String FILE_NAME = "triage-demo.onnx";
    public static final List<String> HEADS = List.of("queue", "priority");
    public static final String TEXT_TEMPLATE = "{subject}\n{body}";

    private BundledModel() {
    }

    /** The ONNX bytes the build put into the jar. */
    public static byte[] bytes() {
        try (InputStream in = BundledModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelLoadException("the bundled model " + RESOURCE + " is missing from the classpath; "
                        + "rebuild with mvn package, or name a model file");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the bundled model; the caller closes it. */
    public static LinearTicketModel open() {
        return LinearTicketModel.open(bytes(), "bundled " + FILE_NAME);
    }

    /** Trains the bundled model and returns its ONNX bytes, with the held-out accuracy recorded inside. */
    public static byte[] train() {
        DemoCorpus corpus = DemoCorpus.load();
        TicketTextTemplate template = new TicketTextTemplate(TEXT_TEMPLATE);
        LinearModelTrainer.Settings settings = LinearModelTrainer.Settings.defaults();
        LinearModelTrainer trainer = new LinearModelTrainer(FeaturizerSettings.defaults(), settings);
        List<LabelledText> training = labelled(corpus.training(), template);

        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("data", "ticket-triage demo corpus (team-written, EN/DE)");
        provenance.put("dataSha256", corpus.sha256());
        provenance.put("trainingExamples", training.size());
        provenance.put("seed", settings.seed());
        provenance.put("epochs", settings.epochs());
        provenance.put("learner", "Tribuo LinearSGDTrainer(LogMulticlass, AdaGrad " + settings.learningRate() + ")");
        OnnxLinearModelWriter writer = new OnnxLinearModelWriter();
        TrainedModel model = trainer.train("triage-demo", TEXT_TEMPLATE, HEADS, training, provenance);
        // Score the held-out tickets with the real ONNX graph, then record the scores in the model itself.
        provenance.put("heldOutExamples", corpus.heldOut().size());
        provenance.put("heldOutAccuracy", heldOutAccuracy(writer.write(model), corpus.heldOut(), template));
        return writer.write(new TrainedModel(model.descriptor().withTraining(provenance), model.heads()));
    }

    private static Map<String, Double> heldOutAccuracy(byte[] onnx, List<CorpusTicket> heldOut,
                                                       TicketTextTemplate template) {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        try (LinearTicketModel model = LinearTicketModel.open(onnx, "draft model")) {
            List<LabelledText> examples = labelled(heldOut, template);
            List<Classification> predictions = model.classifyAll(examples.stream().map(LabelledText::text).toList());
            for (String head : HEADS) {
                long correct = 0;
                for (int i = 0; i < examples.size(); i++) {
                    if (predictions.get(i).head(head).label().equals(examples.get(i).label(head))) {
                        correct++;
                    }
                }
                accuracy.put(head, Math.round(1000.0 * correct / examples.size()) / 1000.0);
            }
        }
        return accuracy;
    }

    static List<LabelledText> labelled(List<CorpusTicket> tickets, TicketTextTemplate template) {
        return tickets.stream()
                .map(t -> new LabelledText(template.render(t.subject(), t.description()),
                        Map.of("queue", t.queue(), "priority", t.priority())))
                .toList();
    }
}
