package io.tickettriage.sim.rtreal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultMix;
import io.tickettriage.sim.FaultQueue;
import io.tickettriage.sim.ReceivedRequest;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.RequestJournal;
import io.tickettriage.sim.SimulatedHelpDesk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording, fault-injecting HTTP proxy between ticket-triage and a real RT. Every request is passed to RT as it
 * came, and RT's answer back as it came, unless a test asked for something else:
 * <ul>
 *   <li>a scripted or random {@link Fault} (for a method and path, or for the calls that carry a part of a ticket's
 *       write, whichever they are): answered here (5xx, 429 with Retry-After, the connection reset) without
 *       reaching RT, or passed to RT and then the answer lost (a 5xx, or the connection reset) or cut short;</li>
 *   <li>revoked credentials: every request answered as RT answers a token it does not know;</li>
 *   <li>the next update of a ticket refused as RT refuses one of a ticket the user may no longer see;</li>
 *   <li>search answers edited as a broken proxy would send them: a ticket's LastUpdated that is no time, or a record
 *       of a test's making listed first.</li>
 * </ul>
 * Every request is recorded with the status the client got; the updates RT applied are counted by ticket.
 */
final class RtProxy implements HttpHandler {

    static final String REST = "/REST/2.0";
    static final String SEARCH = REST + "/tickets";
    static final String WRITE = "WRITE";
    private static final Pattern COMMENT = Pattern.compile(Pattern.quote(REST) + "/ticket/\\d+/comment");
    private static final Pattern TICKET = Pattern.compile(Pattern.quote(REST) + "/ticket/(\\d+)");
    /** The page a search asks for (REST2's first page is 1, and is the one given when none is asked for). */
    private static final Pattern PAGE = Pattern.compile("(?:^|&)page=(\\d{1,9})(?:&|$)");
    private static final Logger LOG = LoggerFactory.getLogger(RtProxy.class);
    /** Request headers RT reads; the rest (Host, Connection, Content-Length) belong to each hop. */
    private static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept",
            "If-Match", "If-None-Match", "If-Modified-Since", "User-Agent");
    private static final List<String> ANSWER_HEADERS = List.of("ETag", "Last-Modified", "Location",
            "WWW-Authenticate", "Retry-After");
    /** RT 5's answer to a token it does not know, and to no credentials at all (probed 2026-12-07). */
    private static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";
    /** The content type of RT 5's error answers (its other answers quote the charset). */
    private static final String RT_ERROR_JSON = "application/json; charset=utf-8";

    /** An answer before it is written; {@code reset} closes the connection instead. */
    private record Reply(int status, String contentType, byte[] body, Map<String, String> headers, boolean reset) {

        static Reply of(int status, String contentType, String body) {
            return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), false);
        }

        static Reply connectionReset() {
            return new Reply(0, null, new byte[0], Map.of(), true);
        }

        Reply withBody(byte[] newBody) {
            return new Reply(status, contentType, newBody, headers, reset);
        }
    }

    private final URI rt;
    private final ObjectMapper json;
    private final String markerField;
    private final String confidenceField;
    private final HttpClient http;
    private final RequestJournal journal = new RequestJournal();
    private final FaultQueue faults = new FaultQueue();
    /**
     * Faults for the calls that carry a part of a ticket's write, whichever call that is: a part's queue is consulted
     * for the requests that carry the part, so its faults are all for the pseudo-method {@value #WRITE} and path "".
     */
    private final Map<SimulatedHelpDesk.WritePart, FaultQueue> partFaults = new EnumMap<>(Map.of(
            SimulatedHelpDesk.WritePart.NOTE, new FaultQueue(), SimulatedHelpDesk.WritePart.MARKER, new FaultQueue(),
            SimulatedHelpDesk.WritePart.FIELDS, new FaultQueue()));
    private final Map<String, Integer> fieldWrites = new ConcurrentHashMap<>();
    private final Set<String> garbled = ConcurrentHashMap.newKeySet();
    private final List<String> rawRecords = new CopyOnWriteArrayList<>();
    private final Set<String> refuseNextUpdate = ConcurrentHashMap.newKeySet();
    private volatile boolean revoked;
    private volatile Duration delay = Duration.ZERO;

    /** @param rt RT's own root, {@code http://127.0.0.1:<port>} */
    RtProxy(URI rt, ObjectMapper json, String markerField, String confidenceField) {
        this.rt = rt;
        this.json = json;
        this.markerField = markerField;
        this.confidenceField = confidenceField;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            ReceivedRequest request = ReceivedRequest.read(exchange, Instant.now());
            Reply reply = respond(request, exchange.getRequestURI().getRawPath());
            // Recorded before the answer leaves, so that a client holding its response always finds the request.
            journal.add(request.recorded(reply.status()));
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            if (reply.reset()) {
                // Closing the exchange before any answer closes the connection: the client sees it reset.
                return;
            }
            request.answer(exchange, reply.status(), reply.headers(), reply.contentType(), reply.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    List<RecordedRequest> requests() {
        return journal.snapshot();
    }

    void inject(Fault fault) {
        faults.add(fault);
    }

    /** A fault for the next {@code count} calls that carry {@code part}, as {@link Fault} takes its values. */
    void injectForPart(SimulatedHelpDesk.WritePart part, Fault.Kind kind, int status, int retryAfterSeconds,
                       int count) {
        partFaults.get(part).add(new Fault(WRITE, "", kind, status, retryAfterSeconds, count));
    }

    void mix(FaultMix mix) {
        faults.mix(mix);
    }

    /** By ticket id: the updates carrying a queue or a priority that RT applied (whatever became of its answer). */
    Map<String, Integer> fieldWrites() {
        return Map.copyOf(fieldWrites);
    }

    /** Search answers answered 200, cut short ones included. */
    int pagesServed() {
        return (int) journal.snapshot().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals(SEARCH) && r.status() == 200).count();
    }

    void garble(String ticketId) {
        garbled.add(ticketId);
    }

    void listRaw(String record) {
        rawRecords.add(record);
    }

    void refuseNextUpdate(String ticketId) {
        refuseNextUpdate.add(ticketId);
    }

    void revoke(boolean revoke) {
        revoked = revoke;
    }

    void slowDown(Duration newDelay) {
        delay = newDelay;
    }

    private Reply respond(ReceivedRequest request, String rawPath) {
        if (revoked) {
            return Reply.of(401, RT_ERROR_JSON, UNAUTHORIZED);
        }
        Optional<Fault> fault = partFault(request).or(() -> faults.take(request.method(), request.path()));
        if (fault.isPresent() && !fault.get().handlesRequest()) {
            return fault.get().kind() == Fault.Kind.RESET ? Reply.connectionReset() : failed(fault.get());
        }
        Matcher ticket = TICKET.matcher(request.path());
        boolean update = request.method().equals("PUT") && ticket.matches();
        if (update && refuseNextUpdate.remove(ticket.group(1))) {
            return refusal();
        }
        Reply reply;
        try {
            reply = forward(request, rawPath);
        } catch (IOException e) {
            LOG.warn("The proxy could not reach RT for {} {}: {}", request.method(), request.path(), e.toString());
            return Reply.of(502, "text/plain; charset=utf-8", "Bad Gateway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.connectionReset();
        }
        if (update && reply.status() == 200) {
            countWrite(ticket.group(1), request.body(), reply.body());
        }
        if (request.method().equals("GET") && request.path().equals(SEARCH) && reply.status() == 200
                && (!garbled.isEmpty() || !rawRecords.isEmpty())) {
            reply = edited(reply, request);
        }
        if (fault.isEmpty()) {
            return reply;
        }
        if (fault.get().kind() == Fault.Kind.GARBLED) {
            return reply.withBody(Fault.garble(reply.body()));
        }
        // Applied, then the answer is lost: a 5xx instead, or the connection closed.
        return fault.get().status() == 0 ? Reply.connectionReset() : failed(fault.get());
    }

    /** The first fault waiting for a part of a ticket's write this request carries: the note, the marker, fields. */
    private Optional<Fault> partFault(ReceivedRequest request) {
        boolean comment = request.method().equals("POST") && COMMENT.matcher(request.path()).matches();
        boolean update = request.method().equals("PUT") && TICKET.matcher(request.path()).matches();
        if (!comment && !update) {
            return Optional.empty();
        }
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException notJson) {
            return Optional.empty();
        }
        JsonNode customFields = body == null ? json.missingNode() : body.path("CustomFields");
        List<SimulatedHelpDesk.WritePart> carried = new ArrayList<>();
        if (comment) {
            carried.add(SimulatedHelpDesk.WritePart.NOTE);
        }
        if (customFields.has(markerField)) {
            carried.add(SimulatedHelpDesk.WritePart.MARKER);
        }
        if (update && (body.has("Queue") || body.has("Priority") || customFields.has(confidenceField))) {
            carried.add(SimulatedHelpDesk.WritePart.FIELDS);
        }
        for (SimulatedHelpDesk.WritePart part : carried) {
            Optional<Fault> fault = partFaults.get(part).take(WRITE, "");
            if (fault.isPresent()) {
                return fault;
            }
        }
        return Optional.empty();
    }

    private Reply forward(ReceivedRequest request, String rawPath) throws IOException, InterruptedException {
        String query = request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(rt + rawPath + query))
                .timeout(Duration.ofMinutes(5))
                .method(request.method(), request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        for (String name : REQUEST_HEADERS) {
            String value = request.header(name);
            if (value != null) {
                builder.header(name, value);
            }
        }
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : ANSWER_HEADERS) {
            response.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
        }
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type")
                .orElse("application/octet-stream"), response.body(), headers, false);
    }

    /**
     * Counts an update that carried the queue or the priority and that RT took: RT answers an update with 200 and one
     * message per change, and says in a message when it refused one.
     */
    private void countWrite(String ticketId, String requestBody, byte[] answer) {
        try {
            JsonNode sent = json.readTree(requestBody);
            if (!sent.has("Queue") && !sent.has("Priority")) {
                return;
            }
            for (JsonNode message : json.readTree(answer)) {
                if (RtRest.REFUSED.matcher(message.asText()).find()) {
                    return;
                }
            }
            fieldWrites.merge(ticketId, 1, Integer::sum);
        } catch (IOException notJson) {
            // RT answered 200 to a body that is no JSON object only if it ignored it: nothing was written.
        }
    }

    /**
     * How RT 5 refuses an update of a ticket the user may no longer see (the ticket moved to a queue the API user
     * lacks ShowTicket in): 403 and nothing applied, probed 2026-12-07. RT refuses other updates with 200 and a
     * message per refused change (a queue that does not exist, ModifyTicket missing), and applies the rest.
     */
    private static Reply refusal() {
        return Reply.of(403, RT_ERROR_JSON, "{\"message\":\"Forbidden\"}");
    }

    /**
     * A search answer as a broken proxy would send it: the garbled tickets' LastUpdated is "yesterday", and on the
     * first page the test's raw records come first, as they are (they may be JSON no reader accepts).
     */
    private Reply edited(Reply reply, ReceivedRequest request) {
        try {
            ObjectNode answer = (ObjectNode) json.readTree(reply.body());
            answer.path("items").forEach(item -> {
                if (garbled.contains(item.path("id").asText())) {
                    ((ObjectNode) item).put("LastUpdated", "yesterday");
                }
            });
            String text = json.writeValueAsString(answer);
            Matcher page = PAGE.matcher(request.rawQuery());
            if (!rawRecords.isEmpty() && (!page.find() || Integer.parseInt(page.group(1)) <= 1)) {
                String items = "\"items\":[";
                int at = text.indexOf(items) + items.length();
                List<String> listed = new ArrayList<>(rawRecords);
                boolean empty = text.startsWith("]", at);
                text = text.substring(0, at) + String.join(",", listed) + (empty ? "" : ",") + text.substring(at);
            }
            return reply.withBody(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("RT's search answer is no JSON object: " + e.getMessage(), e);
        }
    }

    /** A fault answered here, as RT or a proxy in front of it answers. */
    private static Reply failed(Fault fault) {
        if (fault.status() == 401) {
            return Reply.of(401, RT_ERROR_JSON, UNAUTHORIZED);
        }
        Map<String, String> headers = fault.status() == 429
                ? Map.of("Retry-After", String.valueOf(fault.retryAfterSeconds())) : Map.of();
        String reason = switch (fault.status()) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error " + fault.status();
        };
        return new Reply(fault.status(), "text/plain; charset=utf-8", reason.getBytes(StandardCharsets.UTF_8),
                headers, false);
    }
}
