package io.tickettriage;

import io.tickettriage.adapter.LabelMappings;
import io.tickettriage.classify.TicketModel;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.triage.DecisionSettings;
import io.tickettriage.triage.PrecisionEvidence;
import io.tickettriage.triage.PredictionLog;
import io.tickettriage.triage.TicketClassifier;
import io.tickettriage.triage.TriagePolicy;
import io.tickettriage.triage.TriageStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot swap: the routes' {@code modelWatch} bean, called at the start of every poll. When a file of the configured
 * model ({@code triage.model.path}, {@code triage.model.head.*}) has changed, the new model is loaded and checked as
 * at startup (its heads, every label mapped for the help desk) and swapped in before the poll classifies anything;
 * the old one is closed. A model that fails the checks is refused with one line, once per version of its files, and
 * the old one keeps serving. Between model changes, go-live is weighed again on the agents' newest evidence
 * ({@link io.tickettriage.triage.LiveAgreement}). Polls never overlap, so no ticket is classified while the models
 * or the policy change.
 */
final class ModelWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ModelWatch.class);

    private final TriageProperties properties;
    private final DecisionSettings decisions;
    private final String helpdesk;
    private final TicketClassifier classifier;
    private final PredictionLog predictions;
    private final TriageStatistics statistics;
    private String serving;
    private String refused = "";
    private List<String> goLive;
    private long weighedAt;

    /** @param goLive what the serving policy says of go-live ({@link DecisionSettings#describe}), as startup logged it */
    ModelWatch(TriageProperties properties, DecisionSettings decisions, String helpdesk, TicketClassifier classifier,
               PredictionLog predictions, TriageStatistics statistics, List<String> goLive) {
        this.properties = properties;
        this.decisions = decisions;
        this.helpdesk = helpdesk;
        this.classifier = classifier;
        this.predictions = predictions;
        this.statistics = statistics;
        this.serving = fingerprint();
        this.goLive = goLive;
        this.weighedAt = statistics.settled();
    }

    /** Before a poll: a changed model is swapped in; otherwise the classes the agents' evidence now puts live go live. */
    public void check() {
        String now = fingerprint();
        if (now.equals(serving) || now.equals(refused)) {
            reweigh();
            return;
        }
        TicketModel candidate;
        try {
            candidate = ModelSelection.open(properties, List.of(TriagePolicy.QUEUE, TriagePolicy.PRIORITY));
        } catch (RuntimeException e) {
            refuse(now, e);
            return;
        }
        try {
            LabelMappings.forModel(properties, helpdesk + ".queue-mapping", candidate.heads(), TriagePolicy.QUEUE,
                    helpdesk, LOG);
            LabelMappings.forModel(properties, helpdesk + ".priority-mapping", candidate.heads(),
                    TriagePolicy.PRIORITY, helpdesk, LOG);
        } catch (RuntimeException e) {
            candidate.close();
            refuse(now, e);
            return;
        }
        serving = now;
        if (candidate.id().equals(classifier.model().id())) {
            // The same model written again (a copy, a touch): nothing to swap.
            candidate.close();
            return;
        }
        PrecisionEvidence evidence = decisions.evidence(predictions, candidate);
        TicketModel old = classifier.swap(candidate, decisions.policyFor(candidate, evidence));
        LOG.info("Model swapped between polls: {} ({}) now serves instead of {}", candidate.id(), candidate.source(),
                old.id());
        goLive = decisions.describe(candidate, evidence);
        goLive.forEach(LOG::info);
        old.close();
    }

    /** Go-live from the newest evidence: a class the agents have now confirmed often enough is written from here on. */
    private void reweigh() {
        // The evidence only changes when the agents settle a prediction; reading the log otherwise is wasted.
        long settled = statistics.settled();
        if (decisions.goLive().isEmpty() || settled == weighedAt) {
            return;
        }
        weighedAt = settled;
        TicketModel model = classifier.model();
        PrecisionEvidence evidence = decisions.evidence(predictions, model);
        List<String> now = decisions.describe(model, evidence);
        if (!now.equals(goLive)) {
            classifier.swap(model, decisions.policyFor(model, evidence));
            goLive = now;
            LOG.info("Go-live changed with the agents' latest evidence:");
            now.forEach(LOG::info);
        }
    }

    private void refuse(String fingerprint, RuntimeException e) {
        refused = fingerprint;
        LOG.warn("The changed model is refused and {} keeps serving: {}", classifier.model().id(), e.getMessage());
    }

    /** Name, size and modification time of every file of the configured model; empty for the bundled model. */
    private String fingerprint() {
        List<String> parts = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        properties.optional("triage.model.path").ifPresent(paths::add);
        paths.addAll(properties.withPrefix("triage.model.head.").values());
        for (String configured : paths) {
            Path path = Path.of(configured);
            try (Stream<Path> files = Files.isDirectory(path) ? Files.list(path) : Stream.of(path)) {
                files.filter(Files::isRegularFile).sorted().forEach(file -> parts.add(describe(file)));
            } catch (IOException e) {
                parts.add(configured + ": " + e.getMessage());
            }
        }
        return String.join("|", parts);
    }

    private static String describe(Path file) {
        try {
            return file + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return file + ": " + Optional.ofNullable(e.getMessage()).orElse("unreadable");
        }
    }
}
