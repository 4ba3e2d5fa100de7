package io.tickettriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ai.onnxruntime.OrtEnvironment;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.TagSet;
import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.dataset.DataColumns;
import io.tickettriage.dataset.DatasetException;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.dataset.StratifiedSplit;
import io.tickettriage.classify.ModelLoadException;
import io.tickettriage.classify.PrecisionBound;
import io.tickettriage.evaluate.Evaluation;
import io.tickettriage.evaluate.ModelComparison;
import io.tickettriage.model.LinearModelTrainer;
import io.tickettriage.model.ModelTraining;
import io.tickettriage.triage.TriagePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.codec.digest.DigestUtils;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code ticket-triage train}: learns a model from the help desk's own tickets, on this machine, and writes a bundle:
 * {@code model.onnx} (labels, featurizer, text template and chosen thresholds inside), {@code manifest.json} (where the
 * data came from and its hash, row counts, seed, library versions) and the held-out {@code report.html}/
 * {@code report.json}. The tickets come from a labelled export, or straight from the help desk's history. Same data
 * and seed, same model.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on labelled tickets (a CSV or JSON Lines export, optionally .gz, or the help "
                + "desk's own resolved and closed tickets) and write a model bundle.")
public final class TrainCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The heads the triage service uses: what a help desk's history labels, and the default label columns. */
    private static final List<String> TRIAGE_HEADS = List.of(TriagePolicy.QUEUE, TriagePolicy.PRIORITY);
    /** What a help desk's history labels: the triage heads, and the tags where the desk keeps them. */
    private static final List<String> HISTORY_HEADS = List.of(TriagePolicy.QUEUE, TriagePolicy.PRIORITY, TagSet.HEAD);

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    /** Where the tickets come from: one of the two. */
    static final class Source {

        @Option(names = "--data", required = true, paramLabel = "FILE", description = DataOptions.DATA_DESCRIPTION)
        private Path data;

        @ArgGroup(exclusive = false, multiplicity = "1")
        private HelpDeskOptions helpdesk;
    }

    @Mixin
    private DataOptions input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the model bundle")
    private Path out;

    @Option(names = "--text-template", defaultValue = "{subject}\n{body}", description = "How subject and body become model input (default: subject, newline, body)")
    private String textTemplate;

    @Option(names = "--holdout", defaultValue = "0.2", description = "Share of tickets held out for the evaluation, stratified by the first head (default: ${DEFAULT-VALUE})")
    private double holdout;

    @Option(names = "--held-out-data", paramLabel = "FILE",
            description = "Evaluate on this labelled file instead of splitting the training tickets (e.g. to compare with another system on the same split)")
    private Path heldOutData;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the split and the training (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--cost", defaultValue = "1", paramLabel = "C",
            description = "The SVM's C where each head's settings search starts (the C used when --search-budget is "
                    + "0): higher fits the training tickets more closely (default: ${DEFAULT-VALUE})")
    private double cost;

    @Option(names = "--search-budget", defaultValue = "30", paramLabel = "CPU_SECONDS",
            description = "CPU time for choosing each head's C, feature weighting, class weights and calibration by "
                    + "cross-validation on the training tickets (a sample of at most 8000); no candidate starts "
                    + "after it. CPU time, not wall time, so that a busy machine gives the same model: on 2 idle "
                    + "cores it is about half as many seconds of wall time. 0: no search, --cost as given "
                    + "(default: ${DEFAULT-VALUE})")
    private int searchBudget;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K",
            description = "Parts the training tickets are cut into for the cross-fitting that calibrates the model, "
                    + "chooses its thresholds and its settings (default: ${DEFAULT-VALUE})")
    private int folds;

    @Option(names = "--average-folds", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve the mean of the K fold models (default), or, with --no-average-folds, one more "
                    + "model trained on all the training tickets")
    private boolean averageFolds;

    @Option(names = "--fewest-per-tag", defaultValue = "" + LinearModelTrainer.Settings.FEWEST_PER_TAG,
            paramLabel = "N", description = "With a tags head (--label tags=...): learn only the tags on at least N "
                    + "training tickets; the others are left out and named (default: ${DEFAULT-VALUE})")
    private int fewestPerTag;

    @Option(names = "--char-ngrams", defaultValue = "2-5", paramLabel = "MIN-MAX",
            description = "Character n-grams of each word besides the word features: MIN-MAX, one length, or none. "
                    + "Shorter ranges run faster (default: ${DEFAULT-VALUE}, as scikit-learn's char_wb baseline)")
    private String charNgrams;

    @Option(names = "--nb-features", defaultValue = "search", paramLabel = "search|on|off",
            description = "NB-weighted features (NBSVM: each feature weighed, per class, by how much more often it "
                    + "occurs in the class than elsewhere before the SVM learns; folded into the weights, the model "
                    + "served is as fast): search walks C for plain and for NB-weighted features and keeps NB "
                    + "weighting, per head, where its cross-validated predictions route at least 1 point more at "
                    + "--target-accuracy and are no less accurate; on or off forces it "
                    + "(default: ${DEFAULT-VALUE})")
    private String nbFeatures;

    @Option(names = "--compare-with", paramLabel = "BUNDLE",
            description = "The model serving now (a bundle folder or its model.onnx): score it on the new model's "
                    + "held-out tickets, each with its own per-class thresholds, and show both side by side")
    private Path compareWith;

    @Option(names = "--promote-to", paramLabel = "PATH",
            description = "Put the new bundle here (e.g. the service's triage.model.path) only if it writes more at "
                    + "the target precision, summed over the heads, and is no less accurate on any head than "
                    + "--compare-with, else than the model at PATH; atomically, so the running service swaps it in "
                    + "at its next poll. Exit code 3 when it is not promoted")
    private Path promoteTo;

    @Option(names = "--target-accuracy", defaultValue = "0.9", paramLabel = "SHARE",
            description = "Precision the thresholds guarantee for each head's writes at --confidence, chosen on the "
                    + "training tickets' cross-fitted predictions (never on the held-out ones) and recorded in the "
                    + "model; in (0, 1] (default: ${DEFAULT-VALUE})")
    private double targetAccuracy;

    @Option(names = "--confidence", defaultValue = "0.9", paramLabel = "SHARE",
            description = "How sure each class threshold's guarantee of --target-accuracy is, in (0, 1): with this "
                    + "probability the class's precision on new tickets from the same source reaches the target; a "
                    + "class without the evidence for it gets no threshold (default: ${DEFAULT-VALUE})")
    private double confidence;

    @Spec
    private CommandSpec spec;

    /** The exit code of a run that trained well but did not promote: not an error, yet not what scripts asked for. */
    static final int NOT_PROMOTED = 3;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<PromotionTarget> promotion = Optional.ofNullable(promoteTo).map(PromotionTarget::new);
        Optional<Path> champion = Optional.ofNullable(compareWith).or(() -> promotion.flatMap(PromotionTarget::current));
        // Opened before training, so that a wrong path is said at once rather than after a long training.
        try (Champion current = champion.map(Champion::open).orElse(null)) {
            // Queue first: the split is stratified by the first head, and the queue is the one with most labels.
            DataColumns columns = input.columns(TRIAGE_HEADS);
            List<String> heads = List.copyOf(columns.labels().keySet());
            ClassThresholds.requireTarget("--target-accuracy", targetAccuracy);
            PrecisionBound.requireConfidence("--confidence", confidence);
            if (current != null) {
                current.requireHeads(heads);
            }
            FeaturizerSettings featurizer = FeaturizerSettings.defaults().withCharNgrams(charNgrams);
            TrainingData training = source.data != null ? fromFile(source.data, columns) : fromHelpDesk(columns, err);
            LabelledDataset dataset = training.dataset();
            StratifiedSplit split = heldOutData != null
                    ? new StratifiedSplit(dataset.tickets(), input.read(heldOutData, columns).tickets())
                    : training.newestLast() ? StratifiedSplit.recent(dataset.tickets(), heads.get(0), holdout)
                    : StratifiedSplit.of(dataset.tickets(), heads.get(0), holdout, seed);
            String heldOutFrom = heldOut(training, heads);
            err.printf("read %d tickets (%d skipped); training on %d, holding out %d: %s%n", dataset.tickets().size(),
                    dataset.skipped(), split.training().size(), split.heldOut().size(), heldOutFrom);
            if (searchBudget < 0) {
                throw new IllegalArgumentException("--search-budget must be 0 (no search) or more seconds, was "
                        + searchBudget);
            }
            LinearModelTrainer.Settings defaults = LinearModelTrainer.Settings.defaults();
            if (!List.of("search", "on", "off").contains(nbFeatures)) {
                throw new IllegalArgumentException("--nb-features must be search, on or off, was " + nbFeatures);
            }
            LinearModelTrainer.Settings settings = new LinearModelTrainer.Settings(
                    defaults.start().withCost(cost).withNaiveBayes(nbFeatures.equals("on")), folds, seed,
                    averageFolds, Duration.ofSeconds(searchBudget), defaults.searchSample(),
                    nbFeatures.equals("search"), targetAccuracy, fewestPerTag);
            Map<String, Object> provenance = new LinkedHashMap<>(training.provenance());
            provenance.put("seed", seed);
            provenance.put("learner", LinearModelTrainer.describe(settings));
            LabelledDataset heldOut = new LabelledDataset(dataset.source() + " (held-out " + split.heldOut().size()
                    + ")", split.heldOut(), 0);
            LeanHeap.apply();
            long start = System.nanoTime();
            ModelTraining.Result result = new ModelTraining(
                    new LinearModelTrainer(featurizer, settings))
                    .train(out.getFileName().toString(), textTemplate.replace("\\n", "\n"), heads, split.training(),
                            heldOut, targetAccuracy, confidence, provenance, Console.progress(err));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            Files.createDirectories(out);
            Files.write(out.resolve(PromotionTarget.MODEL), result.onnx());
            JSON.writeValue(out.resolve("manifest.json").toFile(), manifest(dataset, split, provenance, heads, featurizer,
                    result, heldOutFrom));
            Console.settings(result.settings(), console);
            Console.report(result.heldOut(), out, console);
            console.printf("trained in %d s; model bundle: %s (model.onnx, manifest.json, report.html)%n", seconds, out);
            if (current == null) {
                if (promotion.isPresent()) {
                    promotion.get().install(out);
                    console.println("promoted to " + promotion.get().model() + ": nothing was there to compare with");
                }
                return 0;
            }
            ModelComparison comparison = new ModelComparison(current.evaluate(heldOut, heads, targetAccuracy, confidence, err),
                    result.heldOut(), heldOutFrom);
            console.print(comparison.table());
            // print() does not flush an autoflushing writer, and a run that only compares prints nothing after it.
            console.flush();
            if (promotion.isEmpty()) {
                return 0;
            }
            ModelComparison.Verdict verdict = comparison.verdict();
            if (!verdict.promote()) {
                console.println(verdict.reason() + "; " + promotion.get().model() + " is left as it was");
                return NOT_PROMOTED;
            }
            promotion.get().install(out);
            console.println(verdict.reason() + "; written to " + promotion.get().model());
            return 0;
        } catch (DatasetException | IllegalArgumentException | ConfigurationException | HelpDeskApiException
                 | ModelLoadException e) {
            err.println("ticket-triage train: " + e.getMessage());
            return 2;
        }
    }

    /** How the held-out tickets were picked, for the console, the manifest and the comparison. */
    private String heldOut(TrainingData training, List<String> heads) {
        if (heldOutData != null) {
            return heldOutData.getFileName().toString();
        }
        long percent = Math.round(holdout * 100);
        return training.newestLast() ? "the newest " + percent + "% of each " + heads.get(0)
                : percent + "% of each " + heads.get(0) + " picked at random (seed " + seed + "): the data has no "
                        + "time order";
    }

    private TrainingData fromFile(Path file, DataColumns columns) throws IOException {
        // Read first: reading says clearly what is wrong with a missing or broken file.
        LabelledDataset dataset = input.read(file, columns);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("data", file.getFileName().toString());
        provenance.put("dataSha256", sha256(file));
        return new TrainingData(dataset, provenance, false);
    }

    private TrainingData fromHelpDesk(DataColumns columns, PrintWriter err) {
        List<String> heads = List.copyOf(columns.labels().keySet());
        ParseResult parsed = spec.commandLine().getParseResult();
        // --label says which heads to train (a model may have the queue only, or the priority only); the rest
        // describes a file's columns.
        Optional<OptionSpec> fileOption = spec.mixins().get("input").options().stream()
                .filter(parsed::hasMatchedOption).filter(option -> !option.longestName().equals("--label"))
                .findFirst();
        if (heldOutData == null && fileOption.isPresent()) {
            throw new IllegalArgumentException(fileOption.get().longestName() + " describes a labelled file; with "
                    + "--from-helpdesk it only applies to --held-out-data");
        }
        if (!HISTORY_HEADS.containsAll(heads) || columns.labels().entrySet().stream()
                .anyMatch(label -> !label.getKey().equals(label.getValue()))) {
            throw new IllegalArgumentException("--from-helpdesk labels tickets with " + HISTORY_HEADS + ", and has no "
                    + "columns: --label takes queue=queue, priority=priority or tags=tags, was " + columns.labels());
        }
        return source.helpdesk.read(Clock.systemUTC(), heads.contains(TagSet.HEAD), err);
    }

    private Map<String, Object> manifest(LabelledDataset dataset, StratifiedSplit split,
                                         Map<String, Object> provenance, List<String> heads,
                                         FeaturizerSettings featurizer, ModelTraining.Result result,
                                         String heldOutFrom) {
        Evaluation heldOut = result.heldOut();
        Map<String, Object> manifest = new LinkedHashMap<>(provenance);
        manifest.put("rows", dataset.tickets().size() + dataset.skipped());
        manifest.put("skippedRows", dataset.skipped());
        manifest.put("trainingRows", split.training().size());
        manifest.put("heldOutRows", split.heldOut().size());
        manifest.put("heldOut", heldOutFrom);
        manifest.put("heads", heads);
        manifest.put("textTemplate", textTemplate);
        manifest.put("featurizer", featurizer);
        // For people: the model reads its thresholds from model.onnx, where they travel with the weights.
        Map<String, Object> thresholds = new LinkedHashMap<>();
        heldOut.heads().forEach(head -> thresholds.put(head.head(), head.recommended().thresholds()));
        manifest.put("classThresholds", thresholds);
        manifest.put("settingsSearch", result.settings());
        Map<String, String> libraries = new LinkedHashMap<>();
        libraries.put("ticket-triage", Optional.ofNullable(TrainCommand.class.getPackage().getImplementationVersion())
                .orElse("development build"));
        libraries.put("onnxruntime", OrtEnvironment.getEnvironment().getVersion());
        manifest.put("libraries", libraries);
        return manifest;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DigestUtils.sha256Hex(in);
        }
    }
}
