package io.tickettriage.triage;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running counts of what the pipeline did since start, for progress lines, the demo summary and the bench.
 * Thread-safe: split branches and the error handler record concurrently.
 */
public final class TriageStatistics {

    private final LongAdder polls = new LongAdder();
    private final LongAdder fetched = new LongAdder();
    private final LongAdder selected = new LongAdder();
    private final LongAdder classified = new LongAdder();
    private final LongAdder lowConfidence = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> updatedPerQueue = new ConcurrentHashMap<>();

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
        if (decision.needsReview()) {
            lowConfidence.increment();
        }
    }

    /** Records a written decision and hands it back, so a route can call this as a pass-through step. */
    public TriageDecision updated(TriageDecision decision) {
        updated.increment();
        String queue = decision.queue().orElse(decision.toReviewQueue() ? "(review)" : "(unchanged)");
        updatedPerQueue.computeIfAbsent(queue, q -> new LongAdder()).increment();
        return decision;
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
        if (registry.find("triage.polls").functionCounter() != null) {
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
    }

    private static void counter(MeterRegistry registry, String name, String description, LongAdder source) {
        FunctionCounter.builder(name, source, LongAdder::sum).description(description).register(registry);
    }

    public Snapshot snapshot() {
        Map<String, Long> perQueue = new TreeMap<>();
        updatedPerQueue.forEach((queue, count) -> perQueue.put(queue, count.sum()));
        return new Snapshot(polls.sum(), fetched.sum(), selected.sum(), classified.sum(), lowConfidence.sum(),
                updated.sum(), failed.sum(), perQueue);
    }
}
