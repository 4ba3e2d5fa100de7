package io.tickettriage.sim.freshdesk;

import io.tickettriage.sim.Fault;
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
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

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

    /** How an answer leaves: whole, cut short, or not at all (the connection is closed). */
    private enum Delivery { WHOLE, GARBLED, RESET }

    private record Outcome(Reply reply, Delivery delivery) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            ApiRequest request = ApiRequest.read(exchange, clock.instant());
            Outcome outcome = respond(request);
            Duration wait = delay.get();
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // Recorded before the answer leaves, so that a client holding its response always finds the request.
            // A reset is recorded with status 0: nothing was answered.
            journal.add(request.recorded(outcome.delivery() == Delivery.RESET ? 0 : outcome.reply().status()));
            if (outcome.delivery() != Delivery.RESET) {
                send(exchange, request, outcome.reply(), outcome.delivery() == Delivery.GARBLED);
            }
        } finally {
            // Without an answer sent, this closes the connection: the client sees it reset.
            exchange.close();
        }
    }

    /** From now on every answer waits {@code wait} before it leaves. */
    void slowDown(Duration wait) {
        delay.set(wait);
    }

    private Outcome respond(ApiRequest request) {
        Optional<Route.Match> match = Route.match(request.path());
        if (match.isEmpty()) {
            return new Outcome(ApiErrors.notFound().withRateLimit(rateLimiter.chargeUnchecked()), Delivery.WHOLE);
        }
        if (!authenticated(request)) {
            return new Outcome(ApiErrors.invalidCredentials().withRateLimit(rateLimiter.chargeUnchecked()),
                    Delivery.WHOLE);
        }
        RateLimiter.Admission admission = rateLimiter.admit();
        if (!admission.admitted()) {
            return new Outcome(ApiErrors.rateLimited(admission.retryAfterSeconds()), Delivery.WHOLE);
        }
        Route route = match.get().route();
        Optional<Fault> fault = faults.take(request.method(), request.path());
        Delivery delivery = Delivery.WHOLE;
        Reply reply;
        if (fault.isEmpty()) {
            reply = dispatch(request, match.get());
        } else {
            switch (fault.get().kind()) {
                case STATUS -> reply = ApiErrors.forFault(fault.get(), request, route);
                case RESET -> {
                    // Closed before anything was handled: nothing changes.
                    reply = Reply.empty(0);
                    delivery = Delivery.RESET;
                }
                case GARBLED -> {
                    reply = dispatch(request, match.get());
                    delivery = Delivery.GARBLED;
                }
                default -> {
                    // APPLIED_THEN_FAILED: the change lands, then its answer is lost.
                    Reply handled = dispatch(request, match.get());
                    if (fault.get().status() == 0) {
                        reply = handled;
                        delivery = Delivery.RESET;
                    } else {
                        reply = ApiErrors.forFault(fault.get(), request, route).withExtraCredits(handled.extraCredits());
                    }
                }
            }
        }
        // "Rate Limit headers are not set when status is 429", scripted or not.
        return new Outcome(reply.status() == 429 ? reply : reply.withRateLimit(rateLimiter.settle(reply.extraCredits())),
                delivery);
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

    private void send(HttpExchange exchange, ApiRequest request, Reply reply, boolean garbled) throws IOException {
        byte[] body = reply.body() == null ? new byte[0] : mapper.writeValueAsBytes(reply.body());
        if (!reply.rawItems().isEmpty() && reply.body() != null && reply.body().isArray()) {
            String array = new String(body, StandardCharsets.UTF_8);
            String items = String.join(",", reply.rawItems());
            array = array.equals("[]") ? "[" + items + "]"
                    : array.substring(0, array.length() - 1) + "," + items + "]";
            body = array.getBytes(StandardCharsets.UTF_8);
        }
        if (garbled) {
            body = Fault.garble(body);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", UUID.randomUUID().toString());
        headers.put("X-Freshdesk-API-Version", "latest=v2; requested=v2");
        headers.putAll(reply.headers());
        request.received().answer(exchange, reply.status(), headers, "application/json; charset=utf-8", body);
    }
}
