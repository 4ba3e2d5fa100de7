package io.tickettriage.triage;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.TicketModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The pipeline's classifier step: a {@link Ticket} body in, a {@link TriageDecision} body out. Also usable on its own
 * in any Camel route, and in batch through {@link #decideAll(List)}, which classifies many tickets in one model call.
 */
public final class TicketClassifier implements Processor, AutoCloseable {

    /** The model and the policy that goes with it (its per-class thresholds), swapped together. */
    private record Serving(TicketModel model, TriagePolicy policy) {
    }

    private final AtomicReference<Serving> serving;

    /** The name a desk's classifier is bound under, for its pipeline ({@code ticket-classify-action}'s desk). */
    public static String beanName(String desk) {
        return desk + ".ticketClassifier";
    }

    public TicketClassifier(TicketModel model, TriagePolicy policy) {
        this.serving = new AtomicReference<>(new Serving(model, policy));
    }

    /** The model that classifies now. */
    public TicketModel model() {
        return serving.get().model();
    }

    /**
     * Serves {@code model} with {@code policy} from the next ticket on, and hands back the model it replaces, for the
     * caller to close once nothing classifies with it any more (between polls).
     */
    public TicketModel swap(TicketModel model, TriagePolicy policy) {
        return serving.getAndSet(new Serving(model, policy)).model();
    }

    @Override
    public void close() {
        serving.get().model().close();
    }

    /** A {@link Ticket} body becomes a {@link TriageDecision}; a list of tickets (an aggregated batch) a list. */
    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (body instanceof List<?> batch) {
            List<Ticket> tickets = new ArrayList<>(batch.size());
            for (Object item : batch) {
                if (!(item instanceof Ticket ticket)) {
                    throw new TicketRejectedException("a batch for the classifier must hold only tickets, found "
                            + (item == null ? "null" : item.getClass().getName()), null);
                }
                tickets.add(ticket);
            }
            exchange.getMessage().setBody(decideAll(tickets));
        } else {
            Ticket ticket = exchange.getMessage().getMandatoryBody(Ticket.class);
            exchange.getMessage().setBody(decideAll(List.of(ticket)).get(0));
        }
    }

    public List<TriageDecision> decideAll(List<Ticket> tickets) {
        Serving now = serving.get();
        TicketModel model = now.model();
        TriagePolicy policy = now.policy();
        List<Classification> classifications;
        try {
            classifications = model.classifyAll(tickets.stream().map(Ticket::text).toList());
        } catch (RuntimeException e) {
            throw new TicketRejectedException("the model could not classify "
                    + tickets.stream().map(Ticket::key).toList() + ": " + e.getMessage(), e);
        }
        List<TriageDecision> decisions = new ArrayList<>(tickets.size());
        for (int i = 0; i < tickets.size(); i++) {
            decisions.add(policy.decide(tickets.get(i), classifications.get(i), model.id()));
        }
        return decisions;
    }
}
