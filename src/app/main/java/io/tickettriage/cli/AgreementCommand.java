package io.tickettriage.cli;

import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.PrecisionBound;
import io.tickettriage.classify.TagSet;
import io.tickettriage.evaluate.Evaluation;
import io.tickettriage.evaluate.Evaluator;
import io.tickettriage.evaluate.HeadPredictions;
import io.tickettriage.TriageRuntime;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.state.FilePredictionLog;
import io.tickettriage.state.JdbcStateStore;
import io.tickettriage.state.StateStore;
import io.tickettriage.triage.GoLive;
import io.tickettriage.triage.LiveAgreement;
import io.tickettriage.triage.PredictionLog;
import io.tickettriage.triage.TriagePolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The evaluation report on live data: the predictions the service recorded (shadow or live) against what the agents
 * finally chose, per head, with per-class thresholds recommended from that evidence.
 */
@Command(name = "agreement", mixinStandardHelpOptions = true,
        description = "Report how the recorded predictions (shadow or live) agree with what the agents chose, and "
                + "recommend per-class thresholds from that evidence.")
public final class AgreementCommand implements Callable<Integer> {

    @Option(names = "--state", paramLabel = "DIR",
            description = "The service's state directory (default: triage.state.directory of the configuration)")
    private Path state;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The service's configuration, for triage.state.store and its database settings (default: "
                    + "config/application.properties, else the jar's own)")
    private Path config;

    @Option(names = "--desk", paramLabel = "NAME",
            description = "Only the predictions of this desk (one of triage.desks, or the help desk's name when "
                    + "there is one desk; default: every desk)")
    private String desk;

    @Option(names = "--since", defaultValue = "P7D", paramLabel = "DURATION",
            description = "How far back to look, as an ISO-8601 duration (default: ${DEFAULT-VALUE})")
    private String since;

    @Option(names = "--target-accuracy", defaultValue = "0.9", paramLabel = "SHARE",
            description = "Precision each class's recommended threshold must reach, in (0, 1] (default: "
                    + "${DEFAULT-VALUE})")
    private double targetAccuracy;

    @Option(names = "--confidence", defaultValue = "0.9", paramLabel = "SHARE",
            description = "How sure go-live's guarantee of the target must be, in (0, 1) (triage.go-live.confidence; "
                    + "also the recommended thresholds'; default: ${DEFAULT-VALUE})")
    private double confidence;

    @Option(names = "--min-support", defaultValue = "30", paramLabel = "TICKETS",
            description = "How many settled confident predictions of a class replace the model's held-out evidence "
                    + "(triage.go-live.min-support; default: ${DEFAULT-VALUE})")
    private int minSupport;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where report.html and report.json go")
    private Path out;

    @Spec
    private CommandSpec spec;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ClassThresholds.requireTarget("--target-accuracy", targetAccuracy);
            PrecisionBound.requireConfidence("--confidence", confidence);
            Duration window = window();
            TriageProperties properties = TriageProperties.load(config == null ? TriageRuntime.configLocation()
                    : "file:" + config.toAbsolutePath());
            boolean database = properties.choice("triage.state.store", StateStore.Kind.FILE) == StateStore.Kind.JDBC;
            String where = database ? "the state database" : directory(properties).resolve(FilePredictionLog.FILE)
                    .toString();
            List<PredictionLog.Entry> settled = recorded(properties, database, clock.instant().minus(window)).stream()
                    .filter(entry -> entry.outcome().isPresent())
                    .filter(entry -> desk == null || entry.prediction().key().startsWith(desk + ":")).toList();
            if (settled.isEmpty()) {
                err.println("ticket-triage agreement: no recorded prediction of the last " + since
                        + (desk == null ? "" : " of the desk " + desk) + " in " + where
                        + " has been settled by the agents yet; run the service longer, or widen --since");
                return 2;
            }
            GoLive goLive = new GoLive(targetAccuracy, confidence, minSupport);
            // Which classes would be live now: the evidence of the model that made the newest prediction.
            String newest = settled.get(settled.size() - 1).prediction().model();
            LiveAgreement evidence = LiveAgreement.of(settled, newest, (head, label) -> Optional.empty(), minSupport);
            Set<String> newestHeads = heads(settled.stream()
                    .filter(entry -> entry.prediction().model().equals(newest)).toList());
            List<HeadPredictions> heads = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (String head : heads(settled)) {
                List<PredictionLog.Entry> scored = settled.stream()
                        .filter(entry -> entry.prediction().heads().containsKey(head)).toList();
                if (head.equals(TriagePolicy.TAGS)) {
                    // Only where the desk's outcome showed the ticket's tags: Zammad's search answers carry none.
                    scored = scored.stream().filter(entry -> entry.outcome().orElseThrow().labels()
                            .containsKey(TriagePolicy.TAGS)).toList();
                    if (scored.isEmpty()) {
                        lines.add("tags: no settled ticket's tags were seen (Zammad's search answers carry no tags), "
                                + "so the tags are not scored");
                        continue;
                    }
                    heads.add(tagPredictions(scored));
                    lines.addAll(tagSummary(scored));
                    continue;
                }
                HeadPredictions predictions = predictions(head, scored);
                heads.add(predictions);
                lines.add(summary(head, scored));
                if (newestHeads.contains(head)) {
                    lines.add("model " + newest + ", " + goLive.rule().toLowerCase(Locale.ROOT) + ", "
                            + goLive.describe(predictions.head(), evidence));
                }
            }
            // A head the model lacks has no predictions to score: said, so that its absence is not taken for a gap.
            TriagePolicy.HEADS.stream().filter(head -> !newestHeads.contains(head)).forEach(head -> lines.add(
                    "model " + newest + " has no " + head + " head: the " + head + " is left as the desk has it, "
                            + "and there is no " + head + " prediction to score"));
            Set<String> models = new TreeSet<>();
            settled.forEach(entry -> models.add(entry.prediction().model()));
            Evaluation evaluation = new Evaluator().scoreRecorded("recorded predictions of model " + String.join(
                    ", ", models), "the agents' final choices, " + where + ", last " + since, settled.size(), heads,
                    targetAccuracy, confidence);
            lines.forEach(console::println);
            Console.report(evaluation, out, console);
            console.println("report: " + out.resolve("report.html") + " and " + out.resolve("report.json"));
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | ConfigurationException e) {
            err.println("ticket-triage agreement: " + e.getMessage());
            return 2;
        }
    }

    /** The predictions the service recorded, from the store its configuration names. */
    private List<PredictionLog.Entry> recorded(TriageProperties properties, boolean database, Instant from) {
        if (database) {
            try (JdbcStateStore store = JdbcStateStore.open(properties)) {
                return store.predictions().since(from);
            }
        }
        return FilePredictionLog.read(directory(properties), from);
    }

    private Path directory(TriageProperties properties) {
        return state != null ? state : Path.of(properties.text("triage.state.directory", "state"));
    }

    private Duration window() {
        try {
            Duration window = Duration.parse(since);
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("--since must be a positive duration, was " + since);
            }
            return window;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--since must be an ISO-8601 duration such as P7D or PT12H, was '"
                    + since + "'");
        }
    }

    private static Set<String> heads(List<PredictionLog.Entry> settled) {
        Set<String> heads = new LinkedHashSet<>();
        settled.forEach(entry -> heads.addAll(entry.prediction().heads().keySet()));
        return heads;
    }

    /** The agents' label is the truth; a value no label maps to counts as a label of its own the model lacks. */
    private static HeadPredictions predictions(String head, List<PredictionLog.Entry> scored) {
        List<String> gold = new ArrayList<>();
        List<HeadPrediction> predicted = new ArrayList<>();
        Set<String> labels = new TreeSet<>();
        for (PredictionLog.Entry entry : scored) {
            gold.add(truth(entry, head));
            HeadPrediction prediction = entry.prediction().heads().get(head);
            predicted.add(prediction);
            prediction.top().forEach(label -> labels.add(label.label()));
        }
        return new HeadPredictions(new HeadSpec(head, List.copyOf(labels), head, false), gold, predicted);
    }

    /**
     * The tags head: each ticket's truth is the tags it carries once settled, of the tags the model knows (the marker,
     * the review tag and the customer's own tags are not the model's business); the model's claims are its tags as
     * recorded.
     */
    private static HeadPredictions tagPredictions(List<PredictionLog.Entry> scored) {
        Set<String> tags = new TreeSet<>();
        scored.forEach(entry -> entry.prediction().heads().get(TriagePolicy.TAGS).top()
                .forEach(tag -> tags.add(tag.label())));
        List<String> gold = new ArrayList<>();
        List<HeadPrediction> predicted = new ArrayList<>();
        for (PredictionLog.Entry entry : scored) {
            Set<String> carried = new TreeSet<>(TagSet.parse(truth(entry, TriagePolicy.TAGS)));
            carried.retainAll(tags);
            gold.add(TagSet.join(carried));
            predicted.add(entry.prediction().heads().get(TriagePolicy.TAGS));
        }
        return new HeadPredictions(new HeadSpec(TriagePolicy.TAGS, List.copyOf(tags), TriagePolicy.TAGS, true), gold,
                predicted);
    }

    /**
     * Per tag written, e.g. "over P7D, tag billing was written on 40 tickets: agents kept it on 38 (95%), removed it
     * from 2": a written tag the agents removed counts as wrong, one they kept as right.
     */
    private List<String> tagSummary(List<PredictionLog.Entry> scored) {
        Map<String, int[]> counts = new TreeMap<>();
        for (PredictionLog.Entry entry : scored) {
            Set<String> carried = TagSet.parse(truth(entry, TriagePolicy.TAGS));
            entry.prediction().written(TriagePolicy.TAGS).map(TagSet::parse).orElse(new TreeSet<>())
                    .forEach(tag -> {
                        int[] count = counts.computeIfAbsent(tag, t -> new int[2]);
                        count[0]++;
                        count[1] += carried.contains(tag) ? 1 : 0;
                    });
        }
        if (counts.isEmpty()) {
            return List.of("over " + since + ", no tag was written on the " + scored.size() + " settled tickets whose "
                    + "tags were seen");
        }
        List<String> lines = new ArrayList<>();
        counts.forEach((tag, count) -> lines.add(String.format(Locale.ROOT, "over %s, tag %s was written on %d "
                        + "tickets: agents kept it on %d (%s), removed it from %d", since, tag, count[0], count[1],
                percent(count[1], count[0]), count[0] - count[1])));
        return lines;
    }

    private static String truth(PredictionLog.Entry entry, String head) {
        return entry.outcome().orElseThrow().labels().getOrDefault(head, UNMAPPED);
    }

    /** The label of an outcome whose value no label maps to. */
    static final String UNMAPPED = "(unmapped)";

    /**
     * E.g. "over P7D, queue agreed with the agents on 84% of 1920 tickets; at the current thresholds 71% were
     * confident, at 95% precision".
     */
    private String summary(String head, List<PredictionLog.Entry> scored) {
        int agreed = 0;
        int confident = 0;
        int confidentAgreed = 0;
        for (PredictionLog.Entry entry : scored) {
            boolean right = entry.prediction().heads().get(head).label().equals(truth(entry, head));
            agreed += right ? 1 : 0;
            if (entry.prediction().confident().contains(head)) {
                confident++;
                confidentAgreed += right ? 1 : 0;
            }
        }
        return String.format(Locale.ROOT, "over %s, %s agreed with the agents on %s of %d tickets; at the current "
                        + "thresholds %s were confident, at %s precision", since, head, percent(agreed, scored.size()),
                scored.size(), percent(confident, scored.size()),
                confident == 0 ? "no" : percent(confidentAgreed, confident));
    }

    private static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }
}
