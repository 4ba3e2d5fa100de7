package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

    /**
     * An answer before it is written; {@code contentType} null for an empty body; {@code reset} closes the connection
     * instead of answering; {@code headers} are added to the answer.
     */
    private record Reply(int status, String contentType, byte[] body, boolean reset, Map<String, String> headers) {

        Reply(int status, String contentType, byte[] body) {
            this(status, contentType, body, false, Map.of());
        }

        static Reply text(int status, String text) {
            return new Reply(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
        }

        static Reply empty(int status) {
            return new Reply(status, null, new byte[0]);
        }

        static Reply connectionReset() {
            return new Reply(0, null, new byte[0], true, Map.of());
        }
    }

    /** The first id the simulator gives records listed with {@link #listRaw}; OTOBO's own ids stay far below. */
    static final int FIRST_RAW_ID = 990_001;

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
    /** Raw records listed as tickets, by the id the search lists them under. */
    private final Map<String, String> rawRecords = new java.util.concurrent.ConcurrentSkipListMap<>();
    private volatile java.time.Duration delay = java.time.Duration.ZERO;
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
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (reply.reset()) {
                // Closing the exchange before any answer closes the connection: the client sees it reset.
                return;
            }
            // The example web service has KeepAlive '': every answer closes the connection.
            Map<String, String> headers = new java.util.LinkedHashMap<>(reply.headers());
            headers.put("Connection", "close");
            request.answer(exchange, reply.status(), headers, reply.contentType(), reply.body());
        } finally {
            exchange.close();
        }
    }

    void addOperationFault(OperationFault fault) {
        synchronized (operationFaults) {
            operationFaults.add(fault);
        }
    }

    /** See {@link TicketUpdateOperation#failDynamicFields}. */
    void failDynamicFields(String ticketId, int count) {
        ticketUpdate.failDynamicFields(ticketId, count);
    }

    /** From now on every answer waits {@code delay} before it is sent. */
    void slowDown(java.time.Duration newDelay) {
        delay = newDelay;
    }

    /**
     * Lists {@code json} as one more ticket: every TicketSearch answer lists it first, under an id of its own, and a
     * TicketGet of that id returns the text as it is in that ticket's place.
     *
     * @return the id it is listed under
     */
    String listRaw(String json) {
        synchronized (rawRecords) {
            String id = String.valueOf(FIRST_RAW_ID + rawRecords.size());
            rawRecords.put(id, json);
            return id;
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
        if (fault.isPresent() && !fault.get().handlesRequest()) {
            return fault.get().kind() == Fault.Kind.RESET ? Reply.connectionReset() : transportFault(fault.get());
        }
        Reply reply = handled(method, route, rawUri, body);
        if (fault.isEmpty()) {
            return reply;
        }
        if (fault.get().kind() == Fault.Kind.GARBLED) {
            return new Reply(reply.status(), reply.contentType(), Fault.garble(reply.body()));
        }
        // Applied, then the answer is lost: a 5xx instead, or the connection closed.
        return fault.get().status() == 0 ? Reply.connectionReset() : transportFault(fault.get());
    }

    private Reply handled(String method, String route, String rawUri, byte[] body) {
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
        List<String> rawAsked = type == OperationType.TICKET_GET ? rawIdsAsked(request.data()) : List.of();
        JsonNode data = rawAsked.isEmpty() ? request.data() : withoutRawIds(request.data());
        try {
            JsonNode result = desk.transaction(() -> {
                try {
                    if (rawAsked.isEmpty() || !data.path("TicketID").asText("").isEmpty()) {
                        return run(type, data);
                    }
                    // Only raw records asked for.
                    ObjectNode none = JsonNodeFactory.instance.objectNode();
                    none.putArray("Ticket");
                    return none;
                } catch (OperationError | OperationFailure e) {
                    throw new Refusal(e);
                }
            });
            answered.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
            if (type == OperationType.TICKET_SEARCH && !rawRecords.isEmpty()) {
                return new Reply(200, "application/json; charset=UTF-8", json.writeValueAsBytes(
                        withRawIds(result, request.data())));
            }
            if (!rawAsked.isEmpty()) {
                return new Reply(200, "application/json; charset=UTF-8", withRawRecords(result, request.data())
                        .getBytes(StandardCharsets.UTF_8));
            }
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

    /** The raw records' ids among a TicketGet's ids. */
    private List<String> rawIdsAsked(JsonNode data) {
        return ids(data).stream().filter(rawRecords::containsKey).toList();
    }

    private static List<String> ids(JsonNode data) {
        List<String> ids = new ArrayList<>();
        JsonNode ticketId = data.path("TicketID");
        if (ticketId.isArray()) {
            ticketId.forEach(id -> ids.add(PerlValues.scalar(id)));
        } else {
            ids.addAll(List.of(PerlValues.scalar(ticketId).split(",")));
        }
        return ids;
    }

    private JsonNode withoutRawIds(JsonNode data) {
        ObjectNode copy = ((ObjectNode) data).deepCopy();
        copy.put("TicketID", String.join(",", ids(data).stream().filter(id -> !rawRecords.containsKey(id)).toList()));
        return copy;
    }

    /** A search's answer with the raw records' ids first, no more ids than its Limit. */
    private JsonNode withRawIds(JsonNode result, JsonNode data) {
        if (result.has("Error")) {
            return result;
        }
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        rawRecords.keySet().forEach(ids::add);
        result.path("TicketID").forEach(ids::add);
        int limit = PerlValues.isTrue(data.path("Limit")) ? Integer.parseInt(PerlValues.trimmed(data.path("Limit")))
                : settings.searchLimit();
        while (ids.size() > limit) {
            ids.remove(ids.size() - 1);
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("TicketID", ids);
        return answer;
    }

    /** A TicketGet's answer with each raw record's text, as it is, in the place of its id. */
    private String withRawRecords(JsonNode result, JsonNode data) throws JsonProcessingException {
        List<String> parts = new ArrayList<>();
        java.util.Iterator<JsonNode> real = result.path("Ticket").iterator();
        for (String id : ids(data)) {
            String raw = rawRecords.get(id);
            if (raw != null) {
                parts.add(raw);
            } else if (real.hasNext()) {
                parts.add(json.writeValueAsString(real.next()));
            }
        }
        return "{\"Ticket\":[" + String.join(",", parts) + "]}";
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

    /**
     * A 500 as an operation failing inside OTOBO answers it; other statuses as a proxy in front would (GenericInterface
     * has no rate limit of its own: a 429 comes from a proxy, with Retry-After).
     */
    private Reply transportFault(Fault fault) {
        if (fault.status() == 500) {
            return serverFault("Simulated fault");
        }
        Reply reply = Reply.text(fault.status(), fault.status() == 413 ? "Payload Too Large" : "Simulated fault");
        if (fault.status() == 429) {
            return new Reply(reply.status(), reply.contentType(), reply.body(), false,
                    Map.of("Retry-After", String.valueOf(fault.retryAfterSeconds())));
        }
        return reply;
    }
}
