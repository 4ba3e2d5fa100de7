package io.tickettriage.cli;

import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.ModelLoadException;
import io.tickettriage.classify.PrecisionBound;
import io.tickettriage.dataset.DataColumns;
import io.tickettriage.dataset.DatasetException;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.evaluate.Evaluation;
import io.tickettriage.evaluate.Evaluator;
import io.tickettriage.evaluate.ThresholdSource;
import io.tickettriage.model.BundledModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ticket-triage evaluate}: runs a model on labelled tickets and writes {@code report.html} and
 * {@code report.json} (accuracy, macro-F1, per-class scores, confusion matrix, coverage–accuracy curve, and the
 * coverage and accuracy of per-class thresholds that reach a target precision), with a short summary on the console.
 *
 * <p>The per-class thresholds are never chosen on the tickets they are scored on: a model that carries thresholds for
 * the target and confidence (every model {@code train} writes, at its own {@code --target-accuracy} and
 * {@code --confidence}) is scored with its own, which is what the service will do; for another target or confidence,
 * or a model without them, they are cross-fitted on the tickets. The report shows each class's expected precision and
 * the precision its threshold guarantees beside what it did on these tickets.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model on labelled tickets (CSV or JSON Lines, optionally .gz) and write a report.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = DataOptions.DATA_DESCRIPTION)
    private Path data;

    @Mixin
    private DataOptions input;

    @Option(names = "--model", paramLabel = "FILE", description = "Model to score (default: the bundled demo model)")
    private Path model;

    @Option(names = "--target-accuracy", defaultValue = "0.9", paramLabel = "SHARE",
            description = "Precision the thresholds must guarantee, in (0, 1]: the model's own thresholds when it "
                    + "was trained for this target, otherwise chosen by 2-fold cross-fitting on --data "
                    + "(default: ${DEFAULT-VALUE})")
    private double targetAccuracy;

    @Option(names = "--confidence", defaultValue = "0.9", paramLabel = "SHARE",
            description = "How sure the thresholds' guarantee of the target is, in (0, 1): the model's own thresholds "
                    + "when it was trained for this target and confidence, otherwise cross-fitted on --data at it "
                    + "(default: ${DEFAULT-VALUE})")
    private double confidence;

    @Option(names = "--out", defaultValue = "evaluation", paramLabel = "DIR", description = "Where report.html and report.json go (default: ${DEFAULT-VALUE})")
    private Path out;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LinearTicketModel scored = model == null ? BundledModel.open() : LinearTicketModel.load(model)) {
            ClassThresholds.requireTarget("--target-accuracy", targetAccuracy);
            PrecisionBound.requireConfidence("--confidence", confidence);
            DataColumns columns = input.columns(scored.descriptor().heads().stream().map(HeadSpec::name).toList());
            for (String head : columns.labels().keySet()) {
                if (scored.descriptor().head(head).isEmpty()) {
                    throw new DatasetException("--label " + head + "=…: the model has no head '" + head
                            + "'; its heads are " + scored.descriptor().heads().stream().map(HeadSpec::name).toList());
                }
            }
            LabelledDataset dataset = input.read(data, columns);
            Evaluation evaluation = new Evaluator().evaluate(scored, dataset, List.copyOf(columns.labels().keySet()),
                    targetAccuracy, confidence, ThresholdSource.own(scored, targetAccuracy, confidence),
                    Console.progress(err).stage("classified", dataset.tickets().size(), "tickets"));
            Console.report(evaluation, out, console);
            console.println("report: " + out.resolve("report.html") + " and " + out.resolve("report.json"));
            return 0;
        } catch (DatasetException | ModelLoadException | IllegalArgumentException e) {
            err.println("ticket-triage evaluate: " + e.getMessage());
            return 2;
        }
    }
}
