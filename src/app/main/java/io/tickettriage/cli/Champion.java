package io.tickettriage.cli;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.evaluate.Evaluation;
import io.tickettriage.evaluate.Evaluator;
import io.tickettriage.evaluate.ThresholdSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code train --compare-with}: the model serving now, which a newly trained one must beat to replace it. */
final class Champion implements AutoCloseable {

    private final Path path;
    private final LinearTicketModel model;

    private Champion(Path path, LinearTicketModel model) {
        this.path = path;
        this.model = model;
    }

    /**
     * @param path a bundle folder or its model.onnx
     * @throws io.tickettriage.classify.ModelLoadException saying what is wrong with it
     */
    static Champion open(Path path) {
        return new Champion(path, LinearTicketModel.loadBundle(path));
    }

    /** A model without one of the heads cannot be compared on it, and would not serve the triage either. */
    void requireHeads(List<String> heads) {
        List<String> has = model.heads().stream().map(HeadSpec::name).toList();
        for (String head : heads) {
            if (!has.contains(head)) {
                throw new IllegalArgumentException("the model to compare with, " + path + ", has no head '" + head
                        + "'; its heads are " + has);
            }
        }
    }

    /**
     * Scores it as the service would run it: with its own per-class thresholds when it was trained for this target and
     * confidence, else with thresholds cross-fitted on these tickets, as {@code evaluate} does.
     */
    Evaluation evaluate(LabelledDataset heldOut, List<String> heads, double targetPrecision, double confidence,
                        PrintWriter err) {
        return new Evaluator().evaluate(model, heldOut, heads, targetPrecision, confidence,
                ThresholdSource.own(model, targetPrecision, confidence),
                Console.progress(err).stage("scoring the current model on held-out", heldOut.tickets().size(),
                        "tickets"));
    }

    @Override
    public void close() {
        model.close();
    }
}
