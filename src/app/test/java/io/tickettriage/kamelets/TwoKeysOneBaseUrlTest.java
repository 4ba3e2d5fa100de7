package io.tickettriage.kamelets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.TestTickets;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.triage.TicketBatch;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Kamelets of one application with one base URL and two API keys: each call carries its own Kamelet's key, and
 * one key's refusal closes only its own client. (The clients were once kept per base URL, so the second Kamelet
 * silently called with the first one's key.)
 */
class TwoKeysOneBaseUrlTest {

    private static final String GOOD_KEY = "first-agent-key-81f2";
    private static final String OTHER_KEY = "second-agent-key-3c9d";

    private FreshdeskSimulator simulator;
    private BareCamel camel;

    @BeforeEach
    void start() throws Exception {
        simulator = FreshdeskSimulator.start(SimulatorSettings.defaults(GOOD_KEY, SimulatedFreshdesk.demoGroups()));
        camel = BareCamel.start("""
                - route:
                    from:
                      uri: direct:first
                      steps:
                        - to:
                            uri: kamelet:freshdesk-fetch-tickets-action
                            parameters:
                              baseUrl: "{{desk.url}}"
                              apiKey: "{{first.key}}"
                              lookBack: PT1H
                - route:
                    from:
                      uri: direct:second
                      steps:
                        - to:
                            uri: kamelet:freshdesk-fetch-tickets-action
                            parameters:
                              baseUrl: "{{desk.url}}"
                              apiKey: "{{second.key}}"
                              lookBack: PT1H
                """, Map.of("desk.url", simulator.baseUrl(), "first.key", GOOD_KEY, "second.key", OTHER_KEY));
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        simulator.close();
    }

    @Test
    void eachKameletCallsWithItsOwnKey() {
        List<Long> tickets = TestTickets.seed(simulator, 2);

        assertEquals(tickets.size(), camel.request("direct:first", null, TicketBatch.class).tickets().size());
        Set<String> firstKeys = keysSent();
        simulator.clearRequests();
        Exchange second = camel.send("direct:second", null);
        Set<String> secondKeys = keysSent();
        simulator.clearRequests();
        assertEquals(tickets.size(), camel.request("direct:first", null, TicketBatch.class).tickets().size());

        assertEquals(Set.of(GOOD_KEY), firstKeys, "the first Kamelet's calls");
        assertEquals(Set.of(OTHER_KEY), secondKeys, "the second Kamelet's calls, with its own key");
        HelpDeskApiException refused = assertInstanceOf(HelpDeskApiException.class, second.getException());
        assertTrue(refused.isRefusedCredentials(), "Freshdesk refused the second key: " + refused.getMessage());
        assertEquals(Set.of(GOOD_KEY), keysSent(), "the refusal closed the second Kamelet's client only");
    }

    /** The API keys of the calls the simulator received, from their Basic credentials. */
    private Set<String> keysSent() {
        return simulator.requests().stream().map((RecordedRequest request) -> request.header("Authorization"))
                .map(header -> new String(Base64.getDecoder().decode(header.substring("Basic ".length())),
                        StandardCharsets.UTF_8))
                .map(credentials -> credentials.substring(0, credentials.indexOf(':')))
                .collect(Collectors.toSet());
    }
}
