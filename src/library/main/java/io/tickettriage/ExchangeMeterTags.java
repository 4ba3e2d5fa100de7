package io.tickettriage;

import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifierNamingStrategy;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.spi.EventNotifier;

/**
 * The tags of Camel's exchange event meters ({@code camel.metrics.enabled}), with a {@code routeId} on every one.
 * Camel 4.18's naming strategies give an exchange a {@code routeId} tag only when it came from a route; one a
 * {@code ProducerTemplate} created (every help-desk call goes through one, and so does a poll started on demand) has
 * none. Both go into the one timer {@code camel.exchange.event.notifier}, and Prometheus takes only one set of tag
 * keys per name: whichever registered first, the others were dropped, with a WARN at startup. Here an exchange from
 * no route gets {@code routeId=""}, as Camel's own route meters name the context; everything else is the configured
 * strategy's (the default or the legacy names, the base endpoint URI or the whole one).
 */
record ExchangeMeterTags(MicrometerExchangeEventNotifierNamingStrategy strategy)
        implements MicrometerExchangeEventNotifierNamingStrategy {

    /**
     * Gives Camel's exchange event notifier tags with the same keys for every exchange. Call before any exchange is
     * sent: once the context has started its services, before the desks' routes.
     */
    static void uniform(EventNotifier notifier) {
        MicrometerExchangeEventNotifier meters = (MicrometerExchangeEventNotifier) notifier;
        if (!(meters.getNamingStrategy() instanceof ExchangeMeterTags)) {
            meters.setNamingStrategy(new ExchangeMeterTags(meters.getNamingStrategy()));
        }
    }

    @Override
    public Tags getTags(ExchangeEvent event, Endpoint endpoint) {
        Tags tags = strategy.getTags(event, endpoint);
        boolean fromRoute = tags.stream().anyMatch(tag -> tag.getKey().equals(MicrometerConstants.ROUTE_ID_TAG));
        return fromRoute ? tags : tags.and(MicrometerConstants.ROUTE_ID_TAG, "");
    }

    @Override
    public String getName(Exchange exchange, Endpoint endpoint) {
        return strategy.getName(exchange, endpoint);
    }

    @Override
    public boolean isBaseEndpointURI() {
        return strategy.isBaseEndpointURI();
    }

    @Override
    public String formatName(String name) {
        return strategy.formatName(name);
    }

    @Override
    public String getInflightExchangesName() {
        return strategy.getInflightExchangesName();
    }

    @Override
    public Tags getInflightExchangesTags(CamelContext camelContext, String routeId) {
        return strategy.getInflightExchangesTags(camelContext, routeId);
    }
}
