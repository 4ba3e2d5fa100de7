package io.tickettriage.sim.freshdesk;

import io.tickettriage.sim.FaultQueue;
import io.tickettriage.sim.RequestJournal;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The request pipeline: route, authenticate, throttle, inject faults, handle; then record and answer. Unknown routes
 * are answered before authentication, everything else after it.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String BASIC_PREFIX = "basic ";

    private final String apiKey;
    private final AtomicBoolean keyRevoked;
    private final RateLimiter rateLimiter;
    private final FaultQueue faults;
    private final RequestJournal journal;
    private final FreshdeskApi api;
    private final ObjectMapper mapper;
    private final Clock clock;

    ApiHandler(String apiKey, AtomicBoolean keyRevoked, RateLimiter rateLimiter, FaultQueue faults,
               RequestJournal journal, FreshdeskApi api, ObjectMapper mapper, Clock clock) {
        this.apiKey = apiKey;
        this.keyRevoked = keyRevoked;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.journal = journal;
        this.api = api;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            ApiRequest request = ApiRequest.read(exchange, clock.instant());
            Reply reply = respond(request);
            // Recorded before the answer leaves, so that a client holding its response always finds the request.
            journal.add(request.recorded(reply.status()));
            send(exchange, request, reply);
        } finally {
            exchange.close();
        }
    }

    private Reply respond(ApiRequest request) {
        Optional<Route.Match> match = Route.match(request.path());
        if (match.isEmpty()) {
            return ApiErrors.notFound().withRateLimit(rateLimiter.chargeUnchecked());
        }
        if (!authenticated(request)) {
            return ApiErrors.invalidCredentials().withRateLimit(rateLimiter.chargeUnchecked());
        }
        RateLimiter.Admission admission = rateLimiter.admit();
        if (!admission.admitted()) {
            return ApiErrors.rateLimited(admission.retryAfterSeconds());
        }
        Route route = match.get().route();
        Reply reply = faults.take(request.method(), request.path())
                .map(fault -> ApiErrors.forFault(fault, request, route))
                .orElseGet(() -> dispatch(request, match.get()));
        // "Rate Limit headers are not set when status is 429", scripted or not.
        return reply.status() == 429 ? reply : reply.withRateLimit(rateLimiter.settle(reply.extraCredits()));
    }

    private Reply dispatch(ApiRequest request, Route.Match match) {
        if (!match.route().allows(request.method())) {
            return ApiErrors.methodNotAllowed(request.method(), match.route());
        }
        try {
            return api.handle(request, match);
        } catch (ApiException answer) {
            return answer.reply();
        } catch (RuntimeException bug) {
            LOG.error("Simulator failed on {} {}", request.method(), request.path(), bug);
            return ApiErrors.internalError();
        }
    }

    /** HTTP Basic with the API key as user name; Freshdesk ignores the password that goes with a key. */
    private boolean authenticated(ApiRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC_PREFIX, 0, BASIC_PREFIX.length())) {
            return false;
        }
        try {
            String credentials = new String(
                    Base64.getDecoder().decode(authorization.substring(BASIC_PREFIX.length()).trim()),
                    StandardCharsets.UTF_8);
            return !keyRevoked.get() && credentials.split(":", 2)[0].equals(apiKey);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private void send(HttpExchange exchange, ApiRequest request, Reply reply) throws IOException {
        byte[] body = reply.body() == null ? new byte[0] : mapper.writeValueAsBytes(reply.body());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", UUID.randomUUID().toString());
        headers.put("X-Freshdesk-API-Version", "latest=v2; requested=v2");
        headers.putAll(reply.headers());
        request.received().answer(exchange, reply.status(), headers, "application/json; charset=utf-8", body);
    }
}
