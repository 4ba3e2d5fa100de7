package io.tickettriage.triage;

import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.ExchangeHelper;

/**
 * Counts what one desk's pipeline does into its {@link TriageStatistics}, from the calls its route
 * ({@code routes/triage.yaml}) makes, so that the route shows the flow and not the bookkeeping:
 * <ul>
 *   <li>a {@link TicketBatch} back from {@code direct:<desk>-fetch-tickets} is a poll;</li>
 *   <li>a {@link TriageDecision} back from {@code ticket-classify-action} is a classified ticket;</li>
 *   <li>a {@link TriageDecision} back from {@code direct:<desk>-update-ticket} is a ticket written (a {@link WritePlan}
 *       an earlier poll left open is not: it was counted when its ticket was).</li>
 * </ul>
 * A call that failed counts nothing here; what the dead-letter store keeps, it counts itself.
 */
public final class StatisticsNotifier extends EventNotifierSupport {

    private static final String CLASSIFY = "kamelet:ticket-classify-action";
    /** The {@code //} Camel writes after some schemes (direct) and not after others (kamelet). */
    private static final Pattern SCHEME = Pattern.compile("^(\\w+):(//)?");

    private final TriageStatistics statistics;
    private final String route;
    private final String fetch;
    private final String update;

    /** @param route the desk's pipeline route, whose calls are counted: {@code <desk>-triage} */
    public StatisticsNotifier(TriageStatistics statistics, String desk, String route) {
        this.statistics = statistics;
        this.route = route;
        this.fetch = "direct:" + desk + "-fetch-tickets";
        this.update = "direct:" + desk + "-update-ticket";
        // Only the answers to the route's calls count: Camel need not make any other event for this notifier.
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSentEvent sent && !sent.getExchange().isFailed()
                && route.equals(ExchangeHelper.getAtRouteId(sent.getExchange()));
    }

    @Override
    public void notify(CamelEvent event) {
        ExchangeSentEvent sent = (ExchangeSentEvent) event;
        // As routes/triage.yaml writes it: direct:it-fetch-tickets.
        String endpoint = SCHEME.matcher(sent.getEndpoint().getEndpointBaseUri()).replaceFirst("$1:");
        Exchange exchange = sent.getExchange();
        Object body = exchange.getMessage().getBody();
        if (body instanceof TicketBatch batch && endpoint.equals(fetch)) {
            statistics.polled(batch);
        } else if (body instanceof TriageDecision decision && endpoint.equals(CLASSIFY)) {
            statistics.classified(decision);
        } else if (body instanceof TriageDecision decision && endpoint.equals(update)) {
            statistics.updated(decision);
        }
    }
}
