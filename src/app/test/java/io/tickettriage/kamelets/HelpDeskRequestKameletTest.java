package io.tickettriage.kamelets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.sim.Fault;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code help-desk-request-action} alone, from a YAML route of a bare application: one call, whatever its answer,
 * with nothing of HttpClient's own retrying (a GET answered 429 comes back at once, not resent after its Retry-After).
 */
class HelpDeskRequestKameletTest {

    private static final String KEY = "request-kamelet-key";

    private FreshdeskSimulator simulator;
    private BareCamel camel;

    @BeforeEach
    void start() throws Exception {
        simulator = FreshdeskSimulator.start(SimulatorSettings.defaults(KEY, SimulatedFreshdesk.demoGroups()));
        camel = BareCamel.start("""
                - route:
                    from:
                      uri: direct:call
                      steps:
                        - to:
                            uri: kamelet:help-desk-request-action
                            parameters:
                              baseUrl: "{{desk.url}}"
                """, Map.of("desk.url", simulator.baseUrl()));
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        simulator.close();
    }

    private Exchange get(String path) {
        String credentials = Base64.getEncoder().encodeToString((KEY + ":X").getBytes(StandardCharsets.UTF_8));
        return camel.context().createProducerTemplate().request("direct:call", exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            exchange.getMessage().setHeader(Exchange.HTTP_URI, simulator.baseUrl() + path);
            exchange.getMessage().setHeader("Authorization", "Basic " + credentials);
        });
    }

    @Test
    void oneCallComesBackWithItsStatusHeadersAndBody() {
        Exchange answer = get("/api/v2/groups");

        assertNull(answer.getException());
        assertEquals(200, answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
        assertTrue(answer.getMessage().getBody(String.class).contains("\"name\""), "the groups, as JSON");
        assertEquals(1, simulator.requests().size());
    }

    @Test
    void aRateLimitedGetIsNotResentByHttpClient() {
        simulator.injectFault(new Fault("GET", "/api/v2/groups", 429, 2, 1));

        long started = System.nanoTime();
        Exchange answer = get("/api/v2/groups");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(429, answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
        assertEquals("2", answer.getMessage().getHeader("Retry-After", String.class));
        assertEquals(1, simulator.requests().size(), "sent once: the retry is the caller's to decide");
        assertTrue(millis < 2000, "not held back for the Retry-After: " + millis + " ms");
    }
}
