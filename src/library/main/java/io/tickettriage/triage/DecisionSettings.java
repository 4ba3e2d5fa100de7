package io.tickettriage.triage;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.PrecisionBound;
import io.tickettriage.classify.TicketModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How the service decides what to write, as configuration or a Kamelet's properties give it; with a model it becomes
 * the {@link TriagePolicy}.
 *
 * <p>The thresholds combine so ({@link HeadGate}): a class is written from the higher of its head's minimum confidence
 * and its own threshold in the model; a model without per-class thresholds (an older bundle, a transformer) has the
 * minimum confidence decide alone. Go-live, when on, holds back the classes whose evidence does not guarantee its
 * target at its confidence, whatever the thresholds.
 *
 * @param queueMinConfidence    the queue's minimum confidence, for every class
 * @param priorityMinConfidence the priority's minimum confidence, for every class
 * @param goLive                empty: every class is live
 */
public record DecisionSettings(double queueMinConfidence, double priorityMinConfidence, QueueFallback queueFallback,
                               Optional<GoLive> goLive) {

    /** Each setting, by the name the service's configuration and the {@code ticket-classify-action} Kamelet give it. */
    public enum Setting {
        QUEUE_MIN_CONFIDENCE("triage.queue.min-confidence", "queueMinConfidence", "0.45"),
        PRIORITY_MIN_CONFIDENCE("triage.priority.min-confidence", "priorityMinConfidence", "0.45"),
        QUEUE_FALLBACK("triage.queue.fallback", "queueFallback", "review"),
        GO_LIVE_TARGET_PRECISION("triage.go-live.target-precision", "goLiveTargetPrecision", ""),
        GO_LIVE_CONFIDENCE("triage.go-live.confidence", "goLiveConfidence",
                String.valueOf(PrecisionBound.DEFAULT_CONFIDENCE)),
        GO_LIVE_MIN_SUPPORT("triage.go-live.min-support", "goLiveMinSupport",
                String.valueOf(GoLive.DEFAULT_MIN_SUPPORT));

        private final String key;
        private final String property;
        private final String defaultValue;

        Setting(String key, String property, String defaultValue) {
            this.key = key;
            this.property = property;
            this.defaultValue = defaultValue;
        }

        /** Its key in {@code config/application.properties}. */
        public String key() {
            return key;
        }

        /** Its property on the {@code ticket-classify-action} Kamelet. */
        public String property() {
            return property;
        }

        /** What it is when not given; empty for a setting that is off unless given. */
        public String defaultValue() {
            return defaultValue;
        }
    }

    /** The settings when none is given. */
    public static DecisionSettings defaults() {
        return parse(setting -> Optional.empty(), Setting::property);
    }

    /**
     * The one place the settings are read, defaulted and checked, for the service's configuration and the Kamelet
     * alike.
     *
     * @param text a setting's value as text, empty (or blank) for its default
     * @param name what the setting is called where it was given, for the messages
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static DecisionSettings parse(Function<Setting, Optional<String>> text, Function<Setting, String> name) {
        Function<Setting, String> value = setting -> text.apply(setting).map(String::strip).filter(v -> !v.isEmpty())
                .orElse(setting.defaultValue);
        String support = value.apply(Setting.GO_LIVE_MIN_SUPPORT);
        int minSupport;
        try {
            minSupport = Integer.parseInt(support);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name.apply(Setting.GO_LIVE_MIN_SUPPORT) + " must be a whole number, "
                    + "was '" + support + "'");
        }
        Optional<GoLive> goLive = GoLive.parse(name.apply(Setting.GO_LIVE_TARGET_PRECISION),
                value.apply(Setting.GO_LIVE_TARGET_PRECISION), name.apply(Setting.GO_LIVE_CONFIDENCE),
                value.apply(Setting.GO_LIVE_CONFIDENCE), name.apply(Setting.GO_LIVE_MIN_SUPPORT), minSupport);
        return new DecisionSettings(probability(Setting.QUEUE_MIN_CONFIDENCE, value, name),
                probability(Setting.PRIORITY_MIN_CONFIDENCE, value, name), fallback(value, name), goLive);
    }

    private static double probability(Setting setting, Function<Setting, String> value,
                                      Function<Setting, String> name) {
        String text = value.apply(setting);
        try {
            double number = Double.parseDouble(text);
            if (number >= 0 && number <= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the same message as an out-of-range number
        }
        throw new IllegalArgumentException(name.apply(setting) + " must be a number between 0 and 1, was '" + text
                + "'");
    }

    private static QueueFallback fallback(Function<Setting, String> value, Function<Setting, String> name) {
        String text = value.apply(Setting.QUEUE_FALLBACK);
        try {
            return QueueFallback.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name.apply(Setting.QUEUE_FALLBACK) + " must be one of "
                    + Arrays.stream(QueueFallback.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList()
                    + ", was '" + text + "'");
        }
    }

    /**
     * What go-live weighs for {@code model}: the agents' agreement with its live (or shadow) predictions once a class
     * has enough of it, the model's held-out report before that.
     */
    public PrecisionEvidence evidence(PredictionLog log, TicketModel model) {
        PrecisionEvidence heldOut = new HeldOutPrecision(model);
        // Without go-live nothing weighs the evidence: the log is not read.
        return goLive.<PrecisionEvidence>map(g -> LiveAgreement.of(log, model.id(), heldOut, g.minSupport()))
                .orElse(heldOut);
    }

    /**
     * The policy for {@code model}: a gate for each head the model has; a head it lacks is off (left as the desk has
     * it).
     *
     * @throws IllegalArgumentException when the model has none of the heads the service decides
     */
    public TriagePolicy policyFor(TicketModel model, PrecisionEvidence evidence) {
        if (TriagePolicy.HEADS.stream().allMatch(name -> head(model, name).isEmpty())) {
            throw new IllegalArgumentException(model.source() + " has none of the heads ticket-triage decides "
                    + TriagePolicy.HEADS + "; its heads are " + model.heads().stream().map(HeadSpec::name).toList());
        }
        return new TriagePolicy(gate(model, TriagePolicy.QUEUE, queueMinConfidence, evidence),
                gate(model, TriagePolicy.PRIORITY, priorityMinConfidence, evidence), queueFallback,
                gate(model, TriagePolicy.TAGS, TAGS_MIN_CONFIDENCE, evidence));
    }

    /**
     * The floor under every tag's own threshold: a tag's probability is its own (a sigmoid, not a share of a softmax),
     * so a tag below one half is more likely absent than present, and is never added whatever its threshold says.
     */
    static final double TAGS_MIN_CONFIDENCE = 0.5;

    /**
     * What {@link #policyFor} decided, for the startup log: a line with the thresholds of the heads the model has, a
     * line per head it lacks, and a line per go-live head.
     */
    public List<String> describe(TicketModel model, PrecisionEvidence evidence) {
        TriagePolicy policy = policyFor(model, evidence);
        List<String> lines = new ArrayList<>();
        List<String> thresholds = new ArrayList<>();
        for (String head : TriagePolicy.HEADS) {
            policy.gate(head).ifPresentOrElse(gate -> thresholds.add(head + " " + gate.describe()),
                    () -> lines.add(head + ": " + TriagePolicy.absent(head)));
        }
        policy.tags().ifPresent(gate -> thresholds.add(TriagePolicy.TAGS + " " + gate.describe()));
        lines.add(0, "Thresholds: " + String.join("; ", thresholds));
        goLive.ifPresent(g -> {
            for (String name : TriagePolicy.HEADS) {
                head(model, name).ifPresent(head -> lines.add(g.rule() + ", " + g.describe(head, evidence)));
            }
        });
        return lines;
    }

    private Optional<HeadGate> gate(TicketModel model, String name, double minConfidence,
                                    PrecisionEvidence evidence) {
        return head(model, name).map(head -> new HeadGate(minConfidence, head.classThresholds(),
                goLive.map(g -> g.heldBack(head, evidence)).orElse(Set.of())));
    }

    private static Optional<HeadSpec> head(TicketModel model, String name) {
        return model.heads().stream().filter(h -> h.name().equals(name)).findFirst();
    }
}
