package io.tickettriage.triage;

import io.tickettriage.classify.TagSet;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes' {@code predictions} bean: records every decision, shadow or live, and holds what the help desk shows
 * of tickets that left the selection against them, to learn what the agents settled on.
 *
 * <p>When a ticket is settled: in shadow mode, once a person has given it a queue (or resolved or closed it); in
 * live mode, once a person has changed a value ticket-triage wrote (a correction), moved it out of the review queue,
 * or resolved or closed it. A ticket that still carries what ticket-triage wrote is not settled: that is ticket-triage
 * agreeing with itself.
 */
public final class PredictionTracker {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionTracker.class);

    private final PredictionLog log;
    private final TriageMode mode;
    private final TriageStatistics statistics;
    private final Clock clock;

    public PredictionTracker(PredictionLog log, TriageMode mode, TriageStatistics statistics, Clock clock) {
        this.log = log;
        this.mode = mode;
        this.statistics = statistics;
        this.clock = clock;
    }

    /** Records the decision (written in live mode, only predicted in shadow mode) and hands it back. */
    public TriageDecision record(TriageDecision decision) {
        log.record(Prediction.of(decision, mode.isLive(), clock.instant()));
        return decision;
    }

    /** Settles the recorded predictions the batch's outcomes settle; hands the batch back. */
    public TicketBatch observe(TicketBatch batch) {
        for (TicketOutcome seen : batch.outcomes()) {
            Optional<Prediction> prediction = log.latest(seen.key()).filter(p -> !log.settled(p));
            Optional<Outcome> outcome = prediction.flatMap(p -> settle(p, seen, clock));
            if (outcome.isPresent()) {
                log.settle(outcome.get());
                statistics.settled(prediction.get(), outcome.get());
                LOG.info("{}: settled by the agents: {}{}", seen.key(), outcome.get().labels(),
                        outcome.get().corrected().isEmpty() ? "" : ", corrected " + outcome.get().corrected());
            }
        }
        return batch;
    }

    /** The outcome {@code seen} gives the prediction, if a person has settled the ticket. */
    static Optional<Outcome> settle(Prediction prediction, TicketOutcome seen, Clock clock) {
        Map<String, String> labels = new LinkedHashMap<>();
        seen.queue().ifPresent(label -> labels.put(TriagePolicy.QUEUE, label));
        seen.priority().ifPresent(label -> labels.put(TriagePolicy.PRIORITY, label));
        Set<String> corrected = new HashSet<>();
        boolean routed = seen.queue().isPresent();
        if (prediction.live()) {
            labels.forEach((head, label) -> prediction.written(head)
                    .filter(written -> !written.equals(Prediction.REVIEW) && !written.equals(label))
                    .ifPresent(written -> corrected.add(head)));
            // Still in the queue ticket-triage wrote is not a person's decision; a queue given to a ticket it left
            // alone or sent to review is.
            boolean wroteQueue = prediction.written(TriagePolicy.QUEUE).filter(w -> !w.equals(Prediction.REVIEW))
                    .isPresent();
            routed = wroteQueue ? corrected.contains(TriagePolicy.QUEUE) : routed;
        }
        if (!(seen.done() || routed || !corrected.isEmpty())) {
            return Optional.empty();
        }
        // Tags settle nothing on their own (a tag is no routing decision), but once the ticket is settled its tags
        // are the agents' word on ours: a tag we wrote that is gone was removed, a correction.
        if (prediction.heads().containsKey(TriagePolicy.TAGS) && seen.tags().isPresent()) {
            labels.put(TriagePolicy.TAGS, TagSet.join(seen.tags().get()));
            prediction.written(TriagePolicy.TAGS).map(TagSet::parse)
                    .filter(written -> !seen.tags().get().containsAll(written))
                    .ifPresent(removed -> corrected.add(TriagePolicy.TAGS));
        }
        return Optional.of(new Outcome(prediction.key(), prediction.version(), labels, corrected, clock.instant()));
    }
}
