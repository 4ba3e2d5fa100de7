package io.tickettriage.triage;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running counts of what the pipeline did since start, for progress lines, the demo summary and the bench; counted
 * from the route's calls ({@link StatisticsNotifier}), the dead-letter store and the settled predictions.
 * Thread-safe: split branches and the error handler record concurrently.
 */
public final class TriageStatistics {

    /** The desk counted, the {@code desk} tag of every meter. */
    private final String desk;

    private final LongAdder polls = new LongAdder();
    private final LongAdder fetched = new LongAdder();
    private final LongAdder selected = new LongAdder();
    private final LongAdder classified = new LongAdder();
    private final LongAdder lowConfidence = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> updatedPerQueue = new ConcurrentHashMap<>();
    /** "head:agreed" → outcomes, "head" → corrections and the newest agreements. */
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder settled = new LongAdder();
    private final Map<String, LongAdder> corrections = new ConcurrentHashMap<>();
    private final Map<String, Deque<Boolean>> recentAgreement = new ConcurrentHashMap<>();
    /** The service's heads the models predicted so far: a head the model lacks is left as the desk has it. */
    private final Set<String> predicted = ConcurrentHashMap.newKeySet();
    /** How many of the newest outcomes the agreement gauge averages: recent enough to show a drift within days. */
    public static final int AGREEMENT_WINDOW = 200;
    private static final List<String> HEADS = List.of(TriagePolicy.QUEUE, TriagePolicy.PRIORITY);

    public TriageStatistics(String desk) {
        this.desk = desk;
    }

    /** A consistent-enough copy for printing. */
    public record Snapshot(long polls, long fetched, long selected, long classified, long lowConfidence, long updated,
                           long failed, Map<String, Long> updatedPerQueue) {

        public String oneLine() {
            return String.format("polls %d | fetched %d | needing triage %d | updated %d | low confidence %d | failed %d",
                    polls, fetched, selected, updated, lowConfidence, failed);
        }
    }

    public void polled(TicketBatch batch) {
        polls.increment();
        fetched.add(batch.scanned());
        selected.add(batch.tickets().size());
    }

    public void classified(TriageDecision decision) {
        classified.increment();
        HEADS.stream().filter(decision.classification().heads()::containsKey).forEach(predicted::add);
        if (decision.needsReview()) {
            lowConfidence.increment();
        }
    }

    /** A decision was written to the help desk. */
    public void updated(TriageDecision decision) {
        updated.increment();
        String queue = decision.queue().orElse(decision.toReviewQueue() ? Prediction.REVIEW : "(unchanged)");
        updatedPerQueue.computeIfAbsent(queue, q -> new LongAdder()).increment();
    }

    /** The agents settled a recorded prediction: per head, whether they agreed, and what they corrected. */
    public void settled(Prediction prediction, Outcome outcome) {
        settled.increment();
        prediction.heads().forEach((head, predicted) -> {
            boolean agreed = predicted.label().equals(outcome.labels().get(head));
            outcomes.computeIfAbsent(head + ":" + agreed, k -> new LongAdder()).increment();
            Deque<Boolean> recent = recentAgreement.computeIfAbsent(head, h -> new ArrayDeque<>());
            synchronized (recent) {
                recent.addLast(agreed);
                if (recent.size() > AGREEMENT_WINDOW) {
                    recent.removeFirst();
                }
            }
        });
        outcome.corrected().forEach(head -> corrections.computeIfAbsent(head, h -> new LongAdder()).increment());
    }

    /** The service's heads ({@link TriagePolicy#HEADS}) a model predicted for some ticket so far, in that order. */
    public List<String> predictedHeads() {
        return HEADS.stream().filter(predicted::contains).toList();
    }

    /** How many recorded predictions the agents have settled so far: what go-live's evidence changes with. */
    public long settled() {
        return settled.sum();
    }

    /** Outcomes of the head so far where the agents agreed ({@code agreed}) or not. */
    public long outcomes(String head, boolean agreed) {
        LongAdder count = outcomes.get(head + ":" + agreed);
        return count == null ? 0 : count.sum();
    }

    public long corrections(String head) {
        LongAdder count = corrections.get(head);
        return count == null ? 0 : count.sum();
    }

    /** The share of the head's newest {@value #AGREEMENT_WINDOW} outcomes the agents agreed with; NaN before any. */
    public double recentAgreement(String head) {
        Deque<Boolean> recent = recentAgreement.get(head);
        if (recent == null) {
            return Double.NaN;
        }
        synchronized (recent) {
            return recent.isEmpty() ? Double.NaN
                    : recent.stream().filter(Boolean::booleanValue).count() / (double) recent.size();
        }
    }

    /** A ticket, or a record the help desk listed, was kept in the dead-letter store. */
    public void deadLettered() {
        failed.increment();
    }

    /**
     * Publishes the counts as Prometheus-style counters ({@code triage_tickets_updated_total}, …), read live from
     * these adders, so a scrape always sees the current totals.
     */
    public void bindTo(MeterRegistry registry) {
        if (registry.find("triage.polls").tag("desk", desk).functionCounter() != null) {
            // Bound already: Camel starts its startup listeners again when it reloads edited routes.
            return;
        }
        counter(registry, "triage.polls", "polls completed", polls);
        counter(registry, "triage.tickets.fetched", "tickets listed by the help desk", fetched);
        counter(registry, "triage.tickets.selected", "tickets that needed triage", selected);
        counter(registry, "triage.tickets.classified", "tickets classified", classified);
        counter(registry, "triage.tickets.low.confidence", "tickets with a prediction below its threshold",
                lowConfidence);
        counter(registry, "triage.tickets.updated", "tickets written back to the help desk", updated);
        counter(registry, "triage.tickets.dead.lettered", "tickets kept in the dead-letter store", failed);
        for (String head : HEADS) {
            for (boolean agreed : new boolean[] {true, false}) {
                FunctionCounter.builder("triage.outcomes", this, s -> s.outcomes(head, agreed))
                        .description("recorded predictions the agents settled, by whether they agreed")
                        .tags("desk", desk, "head", head, "agreed", String.valueOf(agreed)).register(registry);
            }
            FunctionCounter.builder("triage.corrections", this, s -> s.corrections(head))
                    .description("values ticket-triage wrote that a person then changed")
                    .tags("desk", desk, "head", head).register(registry);
            Gauge.builder("triage.agreement", this, s -> s.recentAgreement(head))
                    .description("share of the newest " + AGREEMENT_WINDOW + " outcomes the agents agreed with")
                    .tags("desk", desk, "head", head).register(registry);
        }
    }

    private void counter(MeterRegistry registry, String name, String description, LongAdder source) {
        FunctionCounter.builder(name, source, LongAdder::sum).description(description).tag("desk", desk)
                .register(registry);
    }

    public Snapshot snapshot() {
        Map<String, Long> perQueue = new TreeMap<>();
        updatedPerQueue.forEach((queue, count) -> perQueue.put(queue, count.sum()));
        return new Snapshot(polls.sum(), fetched.sum(), selected.sum(), classified.sum(), lowConfidence.sum(),
                updated.sum(), failed.sum(), perQueue);
    }
}
