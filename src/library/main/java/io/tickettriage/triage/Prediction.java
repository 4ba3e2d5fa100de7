package io.tickettriage.triage;

import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.TagSet;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A recorded prediction: what the model said of one version of a ticket, and what ticket-triage wrote of it.
 *
 * @param key       the ticket ({@link Ticket#key()})
 * @param version   the ticket's {@code updatedAt} when it was classified
 * @param model     the model's identity
 * @param heads     per head the label, the confidence and the top 3; no reasons
 * @param written   the labels written to the help desk per head (live mode; none in shadow mode); the queue is
 *                  {@value #REVIEW} when the ticket went to the review queue; the tags added, as one tag set
 *                  ({@link TagSet}), when any was
 * @param confident the heads whose prediction reached its threshold: what live mode writes (or wrote)
 * @param at        when it was recorded
 */
public record Prediction(String key, Instant version, String model, Map<String, HeadPrediction> heads,
                         Map<String, String> written, Set<String> confident, Instant at) {

    /** The written queue of a ticket sent to the review queue. */
    public static final String REVIEW = "(review)";

    public Prediction {
        // In the model's order, as reports list the heads. Without reasons: the log does not keep them, and a
        // linear model's reasons not read yet hold on to what they would be computed from (the ticket's features).
        Map<String, HeadPrediction> labels = new LinkedHashMap<>();
        heads.forEach((name, head) -> labels.put(name, new HeadPrediction(head.head(), head.top())));
        heads = Collections.unmodifiableMap(labels);
        written = Map.copyOf(written);
        confident = Set.copyOf(confident);
    }

    /** The prediction for a decision; {@code wrote} says whether its values were written (live) or not (shadow). */
    public static Prediction of(TriageDecision decision, boolean wrote, Instant at) {
        Map<String, String> written = new LinkedHashMap<>();
        if (wrote) {
            decision.queue().ifPresent(label -> written.put(TriagePolicy.QUEUE, label));
            if (decision.toReviewQueue()) {
                written.put(TriagePolicy.QUEUE, REVIEW);
            }
            decision.priority().ifPresent(label -> written.put(TriagePolicy.PRIORITY, label));
            if (!decision.tags().isEmpty()) {
                written.put(TriagePolicy.TAGS, TagSet.join(decision.tags()));
            }
        }
        Set<String> confident = new HashSet<>();
        decision.queue().ifPresent(label -> confident.add(TriagePolicy.QUEUE));
        decision.priority().ifPresent(label -> confident.add(TriagePolicy.PRIORITY));
        return new Prediction(decision.ticket().key(), decision.ticket().updatedAt(), decision.model(),
                decision.classification().heads(), written, confident, at);
    }

    public boolean live() {
        return !written.isEmpty();
    }

    public Optional<String> written(String head) {
        return Optional.ofNullable(written.get(head));
    }
}
