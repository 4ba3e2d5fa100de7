package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.model.BundledModel;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import io.tickettriage.triage.QueueFallback;
import io.tickettriage.triage.TicketClassifier;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriagePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An existing Camel application that only adds the jar: the Kamelets come from the classpath ({@code kamelets/}),
 * the classifier is an ordinary Processor bean of the host's, and the host's own Java route wires them together.
 * The route is the one src/site/markdown/embedding.md shows, as it stands.
 */
class EmbeddedInAnotherCamelAppTest extends CamelTestSupport {

    private static final String KEY = "host-app-key-91f2";
    private static final FreshdeskSimulator SIMULATOR = FreshdeskSimulator.start(
            SimulatorSettings.defaults(KEY, SimulatedFreshdesk.demoGroups()));
    private LinearTicketModel model;
    private Path state;

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) throws Exception {
        model = BundledModel.open();
        registry.bind("classifier", new TicketClassifier(model,
                new TriagePolicy(0.45, 0.45, QueueFallback.UNCHANGED)));
    }

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        state = Files.createTempDirectory("host-app-state");
        String freshdesk = "baseUrl=" + SIMULATOR.baseUrl() + "&apiKey=RAW(" + KEY + ")";
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:host-poll")
                        .to("kamelet:freshdesk-fetch-tickets-action?" + freshdesk)
                        .split(simple("${body.tickets}"))
                            .process("classifier")
                            .to("kamelet:freshdesk-update-ticket-action?" + freshdesk
                                    + "&queueMapping=RAW(technical-support=Technical Support,account-access="
                                    + "Account & Access,billing=Billing & Payments,orders-shipping=Orders & Shipping,"
                                    + "returns-refunds=Returns & Refunds,sales=Sales,service-outage=Service Outages,"
                                    + "general-inquiry=General Inquiries)&stateDirectory=" + state)
                            .to("mock:decisions");
            }
        };
    }

    @Test
    void theHostRouteUsesTheShippedKameletsAndProcessor() throws Exception {
        List<Long> ids = TestTickets.seed(SIMULATOR, 5);
        MockEndpoint decisions = getMockEndpoint("mock:decisions");
        decisions.expectedMessageCount(5);

        // The fetch takes an ISO-8601 instant as text as well as an Instant (or nothing, for its look-back).
        template.sendBody("direct:host-poll", Instant.now().minus(1, ChronoUnit.HOURS).toString());

        decisions.assertIsSatisfied();
        List<String> keys = decisions.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody(TriageDecision.class).ticket().key()).toList();
        assertEquals(ids.stream().map(id -> "freshdesk:" + id).toList(), keys);
        for (long id : ids) {
            assertEquals(1, SIMULATOR.notes(id).size(), "one note on ticket " + id);
            assertTrue(FreshdeskTriageRouteTest.tags(SIMULATOR.ticket(id).orElseThrow()).contains("triaged"));
        }
    }

    @AfterEach
    void closeModel() {
        model.close();
    }
}
