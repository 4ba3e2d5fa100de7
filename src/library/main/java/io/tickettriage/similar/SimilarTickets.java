package io.tickettriage.similar;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickettriage.classify.TfIdfVector;
import io.tickettriage.classify.TicketModel;
import io.tickettriage.classify.TicketText;
import io.tickettriage.similar.SimilarityIndex.Entry;
import io.tickettriage.similar.SimilarityIndex.Neighbour;
import io.tickettriage.triage.Resemblance;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriageDecision;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's similar-ticket step ({@code <desk>.similarTickets}): a {@link TriageDecision} in, the same decision
 * with its {@link Resemblance} out. It compares the ticket with the desk's recent tickets ({@link SimilarityIndex}),
 * names the most similar above the threshold as possible duplicates, places it in a burst ({@link Bursts}), logs one
 * WARN line when a burst is recognised and counts it ({@code triage_bursts_total}, by desk), then holds the ticket for
 * the tickets to come. It never merges or closes anything.
 *
 * <p>The vectors are the model's TF-IDF of the ticket's word n-grams (words and word pairs), of unit length; the
 * character n-grams the model also reads are left out: they are several times the features, and named no
 * duplicate more precisely in {@code bench similar} (src/site/markdown/benchmarks.md).
 *
 * <p>The index is in memory only: after a restart it starts empty and fills with the tickets triaged from then on, so
 * a duplicate of a ticket triaged before the restart is not named. It also starts empty when the desk's model
 * changes, since vectors weighed by two models cannot be compared. A model with no TF-IDF vector (a transformer)
 * finds nothing, which the start says once.
 */
public final class SimilarTickets {

    private static final Logger LOG = LoggerFactory.getLogger(SimilarTickets.class);

    private final String desk;
    private final SimilarSettings settings;
    private final Supplier<TicketModel> model;
    private final Clock clock;
    private final SimilarityIndex index;
    private final Bursts bursts;
    private final AtomicLong burstCount = new AtomicLong();
    /** The id of the model whose vectors the index holds. */
    private String indexedModel = "";

    /** @param model the desk's model now, which a hot swap may change between polls */
    public SimilarTickets(String desk, SimilarSettings settings, Supplier<TicketModel> model, Clock clock) {
        this.desk = desk;
        this.settings = settings;
        this.model = model;
        this.clock = clock;
        this.index = new SimilarityIndex(settings.window(), settings.maxSize());
        this.bursts = new Bursts(settings.burstSize(), settings.burstWindow(), settings.burstThreshold());
    }

    /** The registry name of a desk's step. */
    public static String beanName(String desk) {
        return desk + ".similarTickets";
    }

    /** What the start logs about it. */
    public String describe() {
        if (!settings.enabled()) {
            return "similar tickets and bursts: off (triage.similar.enabled)";
        }
        if (model.get().tfIdf(new TicketText("", "probe"), false).isEmpty()) {
            return "similar tickets and bursts: off, the model " + model.get().name() + " has no TF-IDF vectors";
        }
        return "similar tickets: threshold " + settings.threshold() + " over the last " + settings.window()
                + " (at most " + settings.maxSize() + " tickets, in memory: empty after a restart); bursts: "
                + settings.burstSize() + " tickets similar from " + settings.burstThreshold() + " within "
                + settings.burstWindow();
    }

    public synchronized TriageDecision annotate(TriageDecision decision) {
        if (!settings.enabled()) {
            return decision;
        }
        TicketModel now = model.get();
        Ticket ticket = decision.ticket();
        Optional<TfIdfVector> vector = now.tfIdf(ticket.text(), false);
        if (vector.isEmpty() || vector.get().size() == 0) {
            return decision;
        }
        if (!now.id().equals(indexedModel)) {
            if (index.size() > 0) {
                LOG.info("Desk {}: the model changed to {}; similar tickets are looked for among the tickets from now "
                        + "on ({} forgotten)", desk, now.id(), index.size());
            }
            index.clear();
            bursts.clear();
            indexedModel = now.id();
        }
        Instant at = clock.instant();
        // The ticket's own time, unless the desk's clock runs ahead of ours.
        Entry entry = new Entry(ticket.id(), ticket.updatedAt().isAfter(at) ? at : ticket.updatedAt(), vector.get());
        List<Neighbour> similar = index.similar(ticket.id(), vector.get(), settings.floor(), at);
        List<Resemblance.Lookalike> lookalikes = similar.stream()
                .filter(neighbour -> neighbour.similarity() >= settings.threshold()).limit(settings.shown())
                .map(neighbour -> new Resemblance.Lookalike(neighbour.entry().id(), neighbour.similarity())).toList();
        List<String> burst = bursts.place(entry, similar).map(placement -> {
            List<String> ids = placement.burst().ids();
            if (placement.started()) {
                burstCount.incrementAndGet();
                LOG.warn("Desk {}: a burst of {} similar tickets within {}: {} (a possible incident; each further "
                        + "similar ticket joins it and names it in its note)", desk, ids.size(),
                        settings.burstWindow(), String.join(", ", ids.stream().map(id -> "#" + id).toList()));
            }
            return ids;
        }).orElse(List.of());
        index.add(ticket.id(), entry.time(), vector.get());
        return decision.withResemblance(new Resemblance(lookalikes, burst));
    }

    /** Bursts recognised since the start. */
    public long bursts() {
        return burstCount.get();
    }

    /** Tickets the index holds now. */
    public synchronized int indexed() {
        return index.size();
    }

    /** {@code triage_bursts_total} and {@code triage_similar_indexed}, tagged with the desk. */
    public void bindTo(MeterRegistry registry) {
        if (registry.find("triage.bursts").tag("desk", desk).functionCounter() != null) {
            // Bound already: Camel starts its startup listeners again when it reloads edited routes.
            return;
        }
        FunctionCounter.builder("triage.bursts", burstCount, AtomicLong::get)
                .description("bursts of similar tickets recognised (a possible incident)").tag("desk", desk)
                .register(registry);
        Gauge.builder("triage.similar.indexed", this, SimilarTickets::indexed)
                .description("recent tickets held for finding similar ones").tag("desk", desk).register(registry);
    }
}
