package io.tickettriage.triage;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.TicketModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How the service decides what to write, as configuration or a Kamelet's properties give it; with a model it becomes
 * the {@link TriagePolicy}.
 *
 * <p>The thresholds combine so ({@link HeadGate}): a class is written from the higher of its head's minimum confidence
 * and its own threshold in the model; a model without per-class thresholds (an older bundle, a transformer) has the
 * minimum confidence decide alone. Go-live, when on, holds back the classes whose measured precision does not reach
 * its target, whatever the thresholds.
 *
 * @param queueMinConfidence    the queue's minimum confidence, for every class
 * @param priorityMinConfidence the priority's minimum confidence, for every class
 * @param goLive                empty: every class is live
 */
public record DecisionSettings(double queueMinConfidence, double priorityMinConfidence, QueueFallback queueFallback,
                               Optional<GoLive> goLive) {

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

    public TriagePolicy policyFor(TicketModel model, PrecisionEvidence evidence) {
        return new TriagePolicy(gate(head(model, TriagePolicy.QUEUE), queueMinConfidence, evidence),
                gate(head(model, TriagePolicy.PRIORITY), priorityMinConfidence, evidence), queueFallback);
    }

    /** What {@link #policyFor} decided, a line per head and per go-live head, for the startup log. */
    public List<String> describe(TicketModel model, PrecisionEvidence evidence) {
        TriagePolicy policy = policyFor(model, evidence);
        List<String> lines = new ArrayList<>();
        lines.add("Thresholds: queue " + policy.queue().describe() + "; priority " + policy.priority().describe());
        goLive.ifPresent(g -> {
            for (String head : List.of(TriagePolicy.QUEUE, TriagePolicy.PRIORITY)) {
                lines.add(String.format(Locale.ROOT, "Go-live at %.0f%% precision on at least %d tickets, ",
                        g.targetPrecision() * 100, g.minSupport()) + g.describe(head(model, head), evidence));
            }
        });
        return lines;
    }

    private HeadGate gate(HeadSpec head, double minConfidence, PrecisionEvidence evidence) {
        Set<String> heldBack = goLive.map(g -> g.heldBack(head, evidence)).orElse(Set.of());
        return new HeadGate(minConfidence, head.classThresholds(), heldBack);
    }

    private static HeadSpec head(TicketModel model, String name) {
        return model.heads().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException(model.source() + " has no '" + name + "' head; its heads are "
                        + model.heads().stream().map(HeadSpec::name).toList()));
    }
}
