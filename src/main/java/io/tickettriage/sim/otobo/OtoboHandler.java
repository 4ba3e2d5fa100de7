package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultQueue;
import io.tickettriage.sim.ReceivedRequest;
import io.tickettriage.sim.RequestJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of nph-genericinterface.pl: script path, web service (Provider.pm), injected transport fault,
 * route and data (REST.pm), injected operation error, operation; then record and answer. Successful and operation-
 * error answers are HTTP 200 application/json; everything else is text/plain, as REST.pm sends it.
 */
final class OtoboHandler implements HttpHandler {

    /** An answer before it is written; {@code contentType} null for an empty body. */
    private record Reply(int status, String contentType, byte[] body) {

        static Reply text(int status, String text) {
            return new Reply(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
        }

        static Reply empty(int status) {
            return new Reply(status, null, new byte[0]);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OtoboHandler.class);
    private static final Pattern WEBSERVICE = Pattern.compile(
            "nph-genericinterface[.]pl/(?:WebserviceID/(\\d+)|Webservice/([^/?]+))", Pattern.DOTALL);

    private final OtoboSettings settings;
    private final Desk desk;
    private final ObjectMapper json;
    private final RequestJournal journal;
    private final FaultQueue faults;
    private final List<OperationFault> operationFaults = new ArrayList<>();
    private final Map<OperationType, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final SessionCreateOperation sessionCreate;
    private final TicketSearchOperation ticketSearch;
    private final TicketGetOperation ticketGet;
    private final TicketUpdateOperation ticketUpdate;

    OtoboHandler(OtoboSettings settings, Desk desk, Authenticator authenticator, ObjectMapper json,
                 RequestJournal journal, FaultQueue faults, Map<String, Integer> fieldWrites) {
        this.settings = settings;
        this.desk = desk;
        this.json = json;
        this.journal = journal;
        this.faults = faults;
        this.sessionCreate = new SessionCreateOperation(desk, authenticator);
        this.ticketSearch = new TicketSearchOperation(desk, authenticator, settings.searchLimit());
        this.ticketGet = new TicketGetOperation(desk, authenticator);
        this.ticketUpdate = new TicketUpdateOperation(desk, authenticator, fieldWrites);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            ReceivedRequest request = ReceivedRequest.read(exchange, desk.now());
            // REST.pm works on the request URI as sent, still percent-encoded.
            String rawUri = exchange.getRequestURI().getRawPath()
                    + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
            Reply reply = respond(request.method(), request.path(), rawUri,
                    request.body().getBytes(StandardCharsets.UTF_8));
            // Recorded before the answer leaves, so that a client holding its response always finds the request.
            journal.add(request.recorded(reply.status()));
            // The example web service has KeepAlive '': every answer closes the connection.
            request.answer(exchange, reply.status(), Map.of("Connection", "close"), reply.contentType(), reply.body());
        } finally {
            exchange.close();
        }
    }

    void addOperationFault(OperationFault fault) {
        synchronized (operationFaults) {
            operationFaults.add(fault);
        }
    }

    /** How many requests of this type ran and answered without an Error. */
    int answered(OperationType type) {
        return answered.computeIfAbsent(type, t -> new AtomicInteger()).get();
    }

    private Reply respond(String method, String path, String rawUri, byte[] body) {
        if (!path.startsWith("/" + settings.product() + "/nph-genericinterface.pl")) {
            // The web server has no such script.
            return Reply.text(404, "Not Found");
        }
        Matcher webservice = WEBSERVICE.matcher(rawUri);
        // Provider.pm answers an unknown or unnamed web service with an empty 500.
        if (!webservice.find()) {
            return Reply.empty(500);
        }
        boolean known = webservice.group(1) != null
                ? webservice.group(1).equals(String.valueOf(settings.webserviceId()))
                : RestRequest.unescape(webservice.group(2)).equals(settings.webserviceName());
        if (!known) {
            return Reply.empty(500);
        }
        String route = RestRequest.routePath(rawUri);
        var fault = faults.take(method, route);
        if (fault.isPresent()) {
            return transportFault(fault.get());
        }
        RestRequest.Parsed request;
        try {
            request = RestRequest.parse(method, rawUri, body, settings.routes(), json);
        } catch (RestRequest.TransportError error) {
            return Reply.text(error.status(), error.getMessage());
        }
        OperationType type = request.mapping().type();
        var scripted = takeOperationFault(type, request.data());
        if (scripted != null) {
            return operationError(scripted.errorCode(), scripted.errorMessage());
        }
        try {
            JsonNode result = desk.transaction(() -> {
                try {
                    return run(type, request.data());
                } catch (OperationError | OperationFailure e) {
                    throw new Refusal(e);
                }
            });
            answered.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
            return new Reply(200, "application/json; charset=UTF-8", json.writeValueAsBytes(result));
        } catch (Refusal refusal) {
            if (refusal.getCause() instanceof OperationError error) {
                return operationError(error.code(), error.getMessage());
            }
            return serverFault(refusal.getCause().getMessage());
        } catch (JsonProcessingException | RuntimeException bug) {
            LOG.error("OTOBO simulator failed on {} {}", method, route, bug);
            return serverFault("Simulator failure");
        }
    }

    /** Carries a checked refusal out of the desk transaction. */
    private static final class Refusal extends RuntimeException {
        Refusal(Exception cause) {
            super(cause);
        }
    }

    private JsonNode run(OperationType type, JsonNode data) throws OperationError, OperationFailure {
        return switch (type) {
            case SESSION_CREATE -> sessionCreate.run(data);
            case TICKET_SEARCH -> ticketSearch.run(data);
            case TICKET_GET -> ticketGet.run(data);
            case TICKET_UPDATE -> ticketUpdate.run(data);
        };
    }

    private OperationFault takeOperationFault(OperationType type, JsonNode data) {
        List<String> ids = new ArrayList<>();
        JsonNode ticketId = data.path("TicketID");
        if (ticketId.isArray()) {
            ticketId.forEach(id -> ids.add(PerlValues.scalar(id)));
        } else {
            ids.addAll(List.of(PerlValues.scalar(ticketId).split(",")));
        }
        synchronized (operationFaults) {
            for (int i = 0; i < operationFaults.size(); i++) {
                OperationFault fault = operationFaults.get(i);
                if (fault.type() == type && (fault.ticketId() == null || ids.contains(fault.ticketId()))) {
                    if (fault.count() == 1) {
                        operationFaults.remove(i);
                    } else {
                        operationFaults.set(i, new OperationFault(fault.type(), fault.ticketId(), fault.errorCode(),
                                fault.errorMessage(), fault.count() - 1));
                    }
                    return fault;
                }
            }
        }
        return null;
    }

    private Reply operationError(String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode error = body.putObject("Error");
        error.put("ErrorCode", code);
        error.put("ErrorMessage", message);
        try {
            return new Reply(200, "application/json; charset=UTF-8", json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An operation's Success => 0: HTTP 500, a SOAP-style fault as JSON, sent as text/plain. */
    private Reply serverFault(String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("faultcode", "Server");
        body.put("faultstring", message);
        return Reply.text(500, body.toString());
    }

    /** A 500 as an operation failing inside OTOBO answers it; other statuses as a proxy in front would. */
    private Reply transportFault(Fault fault) {
        if (fault.status() == 500) {
            return serverFault("Simulated fault");
        }
        return Reply.text(fault.status(), fault.status() == 413 ? "Payload Too Large" : "Simulated fault");
    }
}
