package io.tickettriage.adapter;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.kamelet.KameletConsumerNotAvailableException;

/**
 * One HTTP exchange with a help desk, sent through the {@value #KAMELET} Kamelet of the application's Camel context:
 * Camel's HTTP component makes the call, so the context's TLS, proxy, timeout and tracing settings apply, and a step
 * an engineer adds to the Kamelet's YAML reaches every call. {@link HelpDeskHttp} decides what to send and what to
 * do with the answer; this only carries it there and back.
 */
final class HelpDeskRequestAction {

    private static final String KAMELET = "help-desk-request-action";
    private final CamelContext context;
    private final String routeId;
    private final String endpoint;
    private volatile ProducerTemplate template;

    /**
     * @param responseTimeout how long to wait for an answer before the call counts as lost
     */
    HelpDeskRequestAction(CamelContext context, String baseUrl, Duration responseTimeout) {
        this.context = context;
        // RAW: Camel hands a Kamelet its parameters as written, so the URL is not percent-encoded. Failures come back
        // to HelpDeskHttp, whose policy retries them: Camel's error handler would log each one with the exchange's
        // headers, the credentials among them. Without a route to take the call it fails at once (block=false)
        // rather than after 30 s: the route is made again instead (ensureRoute).
        String parameters = "baseUrl=RAW{" + URI.create(baseUrl) + "}&responseTimeout=" + responseTimeout.toMillis();
        // A route id of its own, the same for the same parameters: made again after a reload, the route takes the
        // calls of every producer that sent to it before.
        this.routeId = KAMELET + "-" + UUID.nameUUIDFromBytes(parameters.getBytes(StandardCharsets.UTF_8));
        this.endpoint = "kamelet:" + KAMELET + "/" + routeId + "?" + parameters + "&noErrorHandler=true&block=false";
    }

    /**
     * Sends {@code request} once, as it is (its credentials included), and returns the answer, whatever its status.
     *
     * @throws IOException when no answer came: the connection failed, broke, or the answer timed out
     */
    HelpDeskHttp.Answer send(HelpDeskHttp.Request request) throws IOException {
        URI url = URI.create(request.url());
        if (!context.getStatus().isStarted()) {
            // The service configures its desks, startup checks included, only once Camel has started.
            throw new IllegalStateException("the " + KAMELET + " Kamelet calls " + request + " only in a started "
                    + "Camel context");
        }
        Exchange exchange;
        int attempt = 0;
        // A live reload may remove the route between the look and the send: made again, the call goes out.
        do {
            ensureRoute();
            exchange = template().send(endpoint, out -> fill(out.getMessage(), request, url));
        } while (exchange.getException() instanceof KameletConsumerNotAvailableException && ++attempt < 3);
        Exception failure = exchange.getException();
        if (failure != null) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException io) {
                    throw io;
                }
            }
            throw new RuntimeCamelException("the " + KAMELET + " Kamelet failed to call " + request + ": "
                    + failure.getMessage(), failure);
        }
        Message answer = exchange.getMessage();
        Integer status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            throw new IllegalStateException("the " + KAMELET + " Kamelet returned no " + Exchange.HTTP_RESPONSE_CODE
                    + " for " + request + ": its route must end with the HTTP call's answer");
        }
        byte[] body = answer.getBody(byte[].class);
        return new HelpDeskHttp.Answer(status, headers(answer),
                body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Makes the Kamelet's route when there is none: on the first call, and after a live reload of the route files,
     * which removes every route, the Kamelet's among them, but not this endpoint, which no route uses. The Kamelet
     * component makes a route only for an endpoint it has not seen, so the old one is forgotten first. Never while a
     * reload runs ({@link RouteReloadLock}).
     *
     * @throws IOException when a reload runs: the call is lost for now, and sent again after the policy's back-off
     */
    private void ensureRoute() throws IOException {
        if (hasRoute()) {
            return;
        }
        ReentrantLock reloads = RouteReloadLock.of(context);
        if (!reloads.tryLock()) {
            throw new IOException("the routes are being reloaded");
        }
        try {
            if (hasRoute()) {
                return;
            }
            if (context.getRoute(routeId) != null) {
                // Left stopped by a reload that failed.
                context.getRouteController().stopRoute(routeId);
                context.removeRoute(routeId);
            }
            Endpoint stale = context.hasEndpoint(endpoint);
            if (stale != null) {
                context.removeEndpoint(stale);
            }
            context.getEndpoint(endpoint);
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeCamelException(e);
        } finally {
            reloads.unlock();
        }
    }

    private boolean hasRoute() {
        ServiceStatus status = context.getRouteController().getRouteStatus(routeId);
        return status != null && status.isStarted();
    }

    private static void fill(Message message, HelpDeskHttp.Request request, URI url) {
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        message.setHeader(Exchange.HTTP_URI, request.url());
        if (url.getRawQuery() != null) {
            // So that this query is sent, not one an edited endpoint URI might carry.
            message.setHeader(Exchange.HTTP_RAW_QUERY, url.getRawQuery());
        }
        request.headers().forEach(message::setHeader);
        message.setBody(request.body());
    }

    /** The answer's HTTP headers: the message's, without Camel's own. */
    private static Map<String, List<String>> headers(Message answer) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.getHeaders().forEach((name, value) -> {
            if (!name.regionMatches(true, 0, "Camel", 0, 5) && value != null) {
                headers.put(name, value instanceof List<?> values
                        ? values.stream().map(String::valueOf).toList() : List.of(value.toString()));
            }
        });
        return headers;
    }

    private ProducerTemplate template() {
        ProducerTemplate made = template;
        if (made == null) {
            synchronized (this) {
                if (template == null) {
                    ProducerTemplate created = context.createProducerTemplate();
                    try {
                        // Stopped with the application.
                        context.addService(created, true);
                    } catch (Exception e) {
                        throw RuntimeCamelException.wrapRuntimeCamelException(e);
                    }
                    template = created;
                }
                made = template;
            }
        }
        return made;
    }
}
