package io.tickettriage.sim.zammad;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultQueue;
import io.tickettriage.sim.ReceivedRequest;
import io.tickettriage.sim.RequestJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline: route (Rails answers unknown routes before anything else), authenticate, inject faults
 * ({@link Fault.Kind}), read the parameters, handle; then record and answer. A request whose connection was reset
 * is recorded with status 0.
 */
final class ZammadHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ZammadHandler.class);

    private final ZammadSettings settings;
    private final AtomicBoolean credentialsRevoked;
    private final FaultQueue faults;
    private final RequestJournal journal;
    private final ZammadApi api;
    private final ObjectMapper mapper;
    private final Clock clock;

    ZammadHandler(ZammadSettings settings, AtomicBoolean credentialsRevoked, FaultQueue faults,
                  RequestJournal journal, ZammadApi api, ObjectMapper mapper) {
        this.settings = settings;
        this.credentialsRevoked = credentialsRevoked;
        this.faults = faults;
        this.journal = journal;
        this.api = api;
        this.mapper = mapper;
        this.clock = settings.clock();
    }

    /** Faults for the tags calls that add one particular tag (the marker), by tag in lower case. */
    private final Map<String, FaultQueue> tagFaults = new ConcurrentHashMap<>();
    private final List<String> rawRecords = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean tokenAccessDisabled;

    /** As Zammad's setting api_token_access switched off: every token is refused with 403. */
    void disableTokenAccess(boolean disabled) {
        tokenAccessDisabled = disabled;
    }

    void faultTag(String tag, Fault fault) {
        tagFaults.computeIfAbsent(tag.strip().toLowerCase(Locale.ROOT), key -> new FaultQueue()).add(fault);
    }

    void listRawRecord(String json) {
        rawRecords.add(json);
    }

    void slowDown(Duration wait) {
        delay = wait;
    }

    /**
     * Route, authenticate, then a scripted or random fault, if any, decides what happens: a status instead of the
     * answer, a reset before anything is handled, the answer cut short, or the change made and the answer lost.
     */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            pause();
            ReceivedRequest request = ReceivedRequest.read(exchange, clock.instant());
            Optional<ZammadRoute.Match> match = ZammadRoute.match(request.method(), request.path());
            if (match.isEmpty()) {
                answer(exchange, request, ZammadErrors.noRoute(request.method(), request.path()), false);
                return;
            }
            Optional<Reply> refusal = authenticate(request);
            if (refusal.isPresent()) {
                answer(exchange, request, refusal.get(), false);
                return;
            }
            Optional<Fault> fault = tagFault(request).or(() -> faults.take(request.method(), request.path()));
            if (fault.isEmpty()) {
                answer(exchange, request, withRawRecords(match.get(), request, dispatch(request, match.get())), false);
                return;
            }
            switch (fault.get().kind()) {
                case STATUS -> answer(exchange, request, ZammadErrors.forFault(fault.get(), request.method(),
                        request.path()), false);
                // Recorded before the connection closes, so that a client that saw the reset finds the request.
                case RESET -> journal.add(request.recorded(0));
                case GARBLED -> answer(exchange, request, withRawRecords(match.get(), request,
                        dispatch(request, match.get())), true);
                case APPLIED_THEN_FAILED -> {
                    dispatch(request, match.get());
                    if (fault.get().status() == 0) {
                        journal.add(request.recorded(0));
                    } else {
                        answer(exchange, request, ZammadErrors.forFault(new Fault(request.method(), ".*",
                                fault.get().status(), 0, 1), request.method(), request.path()), false);
                    }
                }
                default -> throw new IllegalStateException("unknown fault " + fault.get());
            }
        } finally {
            // Without an answer sent, this closes the connection: the client sees a reset.
            exchange.close();
        }
    }

    private void pause() {
        Duration wait = delay;
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Recorded before the answer leaves, so that a client holding its response always finds the request. */
    private void answer(HttpExchange exchange, ReceivedRequest request, Reply reply, boolean garbled)
            throws IOException {
        journal.add(request.recorded(reply.status()));
        send(exchange, request, reply, garbled);
    }

    private Optional<Fault> tagFault(ReceivedRequest request) {
        if (tagFaults.isEmpty() || !request.method().equals("POST") || !request.path().equals("/api/v1/tags/add")) {
            return Optional.empty();
        }
        String item = "";
        try {
            JsonNode body = mapper.readTree(request.body());
            item = body == null ? "" : body.path("item").asText("");
        } catch (JsonProcessingException notJson) {
            // no tag to match
        }
        FaultQueue queue = tagFaults.get(item.strip().toLowerCase(Locale.ROOT));
        return queue == null ? Optional.empty() : queue.take(request.method(), request.path());
    }

    /** The raw records {@link #listRawRecord} added, spliced into the first page of a search answered as a list. */
    private Reply withRawRecords(ZammadRoute.Match match, ReceivedRequest request, Reply reply) {
        if (rawRecords.isEmpty() || match.route() != ZammadRoute.SEARCH_TICKETS || reply.json() == null
                || !reply.json().isArray() || RailsParams.of(request.rawQuery(), mapper.createObjectNode())
                .integer("page", 1) != 1) {
            return reply;
        }
        try {
            String records = mapper.writeValueAsString(reply.json());
            String spliced = "[" + String.join(",", rawRecords) + (records.equals("[]") ? "]"
                    : "," + records.substring(1));
            return reply.withRawJson(spliced);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the simulator's own JSON failed to serialize", e);
        }
    }

    private Reply dispatch(ReceivedRequest request, ZammadRoute.Match match) {
        try {
            return api.handle(match, params(request));
        } catch (ZammadException answer) {
            return answer.reply();
        } catch (RuntimeException bug) {
            LOG.error("Simulator failed on {} {}", request.method(), request.path(), bug);
            return ZammadErrors.masked(500);
        }
    }

    /**
     * Zammad's authentication order: HTTP Basic, then the API token ({@code Token token=…}; Rails also takes it
     * as {@code Bearer}), then OAuth2 bearer tokens. No credentials at all is a 403, wrong ones a 401.
     */
    private Optional<Reply> authenticate(ReceivedRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return Optional.of(ZammadErrors.forbidden(ZammadErrors.AUTHENTICATION_REQUIRED));
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        String scheme = parts[0].toLowerCase(Locale.ROOT);
        String credentials = parts.length > 1 ? parts[1].strip() : "";
        return switch (scheme) {
            case "basic" -> basic(credentials) ? Optional.empty()
                    : Optional.of(ZammadErrors.unauthorized(ZammadErrors.INVALID_BASIC));
            case "token" -> tokenAccessDisabled
                    ? Optional.of(ZammadErrors.forbidden(ZammadErrors.TOKEN_ACCESS_DISABLED))
                    : token(credentials) ? Optional.empty()
                    : Optional.of(ZammadErrors.unauthorized(ZammadErrors.INVALID_TOKEN));
            // An API token sent as a bearer token passes the token check; anything else fails as an OAuth2 token.
            case "bearer" -> token(credentials) ? Optional.empty()
                    : Optional.of(ZammadErrors.unauthorized(ZammadErrors.INVALID_BEARER));
            default -> Optional.of(ZammadErrors.forbidden(ZammadErrors.AUTHENTICATION_REQUIRED));
        };
    }

    private boolean basic(String encoded) {
        if (settings.basicLogin().isEmpty() || credentialsRevoked.get()) {
            return false;
        }
        try {
            String[] loginAndPassword = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)
                    .split(":", 2);
            ZammadSettings.BasicLogin expected = settings.basicLogin().get();
            return loginAndPassword.length == 2 && loginAndPassword[0].equals(expected.login())
                    && loginAndPassword[1].equals(expected.password());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Rails' token parameters: {@code token="…"}, {@code token=…} or the bare token. */
    private boolean token(String parameters) {
        String token = parameters.split("\\s*[,;\\t]\\s*", 2)[0];
        if (token.startsWith("token=")) {
            token = token.substring("token=".length());
        }
        if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
            token = token.substring(1, token.length() - 1);
        }
        return !credentialsRevoked.get() && token.equals(settings.apiToken());
    }

    /**
     * The query merged with the body, which Rails reads when it is JSON or a form; [GUESS] a JSON body that does not
     * parse is refused with 400, which Rails' parameter parser raises before any controller runs.
     */
    private RailsParams params(ReceivedRequest request) {
        if (request.mediaType().equals("application/x-www-form-urlencoded")) {
            return RailsParams.of(request.rawQuery() + "&" + request.body(), mapper.createObjectNode());
        }
        if (!request.mediaType().equals("application/json") || request.body().isBlank()) {
            return RailsParams.of(request.rawQuery(), mapper.createObjectNode());
        }
        try {
            if (mapper.readTree(request.body()) instanceof ObjectNode object) {
                return RailsParams.of(request.rawQuery(), object);
            }
        } catch (JsonProcessingException malformed) {
            // answered below, like any other body that is not an object
        }
        throw new ZammadException(ZammadErrors.humanized(400, "The request body is not valid JSON"));
    }

    private void send(HttpExchange exchange, ReceivedRequest request, Reply reply, boolean garbled)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", UUID.randomUUID().toString());
        headers.putAll(reply.headers());
        byte[] body;
        String contentType;
        if (reply.rawJson() != null) {
            body = reply.rawJson().getBytes(StandardCharsets.UTF_8);
            contentType = "application/json; charset=utf-8";
        } else if (reply.json() != null) {
            body = mapper.writeValueAsBytes(reply.json());
            contentType = "application/json; charset=utf-8";
        } else {
            body = reply.html() == null ? new byte[0] : reply.html().getBytes(StandardCharsets.UTF_8);
            contentType = "text/html";
        }
        request.answer(exchange, reply.status(), headers, contentType, garbled ? Fault.garble(body) : body);
    }
}
