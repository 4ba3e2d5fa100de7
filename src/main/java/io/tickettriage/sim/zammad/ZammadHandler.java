package io.tickettriage.sim.zammad;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tickettriage.sim.FaultQueue;
import io.tickettriage.sim.ReceivedRequest;
import io.tickettriage.sim.RequestJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline: route (Rails answers unknown routes before anything else), authenticate, inject faults,
 * read the parameters, handle; then record and answer.
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

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            ReceivedRequest request = ReceivedRequest.read(exchange, clock.instant());
            Reply reply = respond(request);
            // Recorded before the answer leaves, so that a client holding its response always finds the request.
            journal.add(request.recorded(reply.status()));
            send(exchange, request, reply);
        } finally {
            exchange.close();
        }
    }

    private Reply respond(ReceivedRequest request) {
        Optional<ZammadRoute.Match> match = ZammadRoute.match(request.method(), request.path());
        if (match.isEmpty()) {
            return ZammadErrors.noRoute(request.method(), request.path());
        }
        Optional<Reply> refusal = authenticate(request);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        return faults.take(request.method(), request.path())
                .map(fault -> ZammadErrors.forFault(fault, request.method(), request.path()))
                .orElseGet(() -> dispatch(request, match.get()));
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
            case "token" -> token(credentials) ? Optional.empty()
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

    private void send(HttpExchange exchange, ReceivedRequest request, Reply reply) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", UUID.randomUUID().toString());
        headers.putAll(reply.headers());
        if (reply.json() != null) {
            request.answer(exchange, reply.status(), headers, "application/json; charset=utf-8",
                    mapper.writeValueAsBytes(reply.json()));
        } else {
            byte[] page = reply.html() == null ? new byte[0] : reply.html().getBytes(StandardCharsets.UTF_8);
            request.answer(exchange, reply.status(), headers, "text/html", page);
        }
    }
}
