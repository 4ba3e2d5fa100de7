package io.tickettriage.kamelets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.TicketModel;
import io.tickettriage.model.BundledModel;
import io.tickettriage.triage.DecisionSettings;
import io.tickettriage.triage.HeldOutPrecision;
import io.tickettriage.triage.QueueFallback;
import io.tickettriage.triage.TicketClassifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketRejectedException;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriagePolicy;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ticket-classify-action} alone, from the YAML routes below, in a bare Camel application that has nothing of
 * ticket-triage but the jar: no bean bound, no configuration read; tickets in any of the shapes the Kamelet takes.
 */
class ClassifyKameletTest {

    private static final String ROUTES = """
            - route:
                from:
                  uri: direct:classify
                  steps:
                    - to:
                        uri: kamelet:ticket-classify-action
            - route:
                from:
                  uri: direct:strict
                  steps:
                    - to:
                        uri: kamelet:ticket-classify-action
                        parameters:
                          queueMinConfidence: 0.999
                          priorityMinConfidence: 0.999
                          queueFallback: unchanged
            - route:
                from:
                  uri: direct:desk
                  steps:
                    - to:
                        uri: kamelet:ticket-classify-action
                        parameters:
                          desk: acme
            - route:
                from:
                  uri: direct:desk-and-threshold
                  steps:
                    - to:
                        uri: kamelet:ticket-classify-action
                        parameters:
                          desk: acme
                          queueMinConfidence: 0.9
            - route:
                from:
                  uri: direct:wrong
                  steps:
                    - to:
                        uri: kamelet:ticket-classify-action
                        parameters:
                          priorityMinConfidence: 1.5
            """;

    private BareCamel camel;

    @BeforeEach
    void start() throws Exception {
        camel = BareCamel.start(ROUTES, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void aMapAJsonTextAndATicketAreClassifiedAlike() {
        String subject = "I was charged twice for my subscription";
        String body = "My credit card shows two payments for the same invoice this month. Please refund one of them.";
        TriageDecision fromMap = camel.request("direct:classify", Map.of("subject", subject, "body", body,
                "id", "mail-4711"), TriageDecision.class);
        TriageDecision fromJson = camel.request("direct:classify", "{\"subject\":\"" + subject + "\",\"body\":\""
                + body + "\"}", TriageDecision.class);
        TriageDecision fromTicket = camel.request("direct:classify", new Ticket("freshdesk", "12", subject, body,
                List.of(), Instant.now()), TriageDecision.class);

        assertEquals("classify:mail-4711", fromMap.ticket().key());
        assertEquals("freshdesk:12", fromTicket.ticket().key());
        assertEquals(fromTicket.classification().head(TriagePolicy.QUEUE).label(),
                fromMap.classification().head(TriagePolicy.QUEUE).label());
        assertEquals(fromMap.classification().head(TriagePolicy.QUEUE).confidence(),
                fromJson.classification().head(TriagePolicy.QUEUE).confidence(), 1e-9);
        assertEquals(Optional.of("billing"), fromMap.queue(), "the bundled model knows a double charge: " + fromMap
                .summary());
    }

    @Test
    void thePropertiesSetThePolicyAndTheRoutesShareOneModelSession() {
        Map<String, String> ticket = Map.of("subject", "Hello", "body", "Could you get back to me please?");

        TriageDecision strict = camel.request("direct:strict", ticket, TriageDecision.class);
        camel.request("direct:classify", ticket, TriageDecision.class);

        assertTrue(strict.queue().isEmpty() && !strict.toReviewQueue(), "unsure and unchanged: " + strict.summary());
        assertTrue(strict.needsReview());
        assertSame(camel.context().getRegistry().lookupByNameAndType("ticket-triage-model:bundled", TicketModel.class),
                camel.context().getRegistry().findByType(TicketModel.class).iterator().next(), "one model in the registry");
        assertEquals(1, camel.context().getRegistry().findByType(TicketModel.class).size());
    }

    @Test
    void aSettingOutOfRangeIsNamedAsTheKameletNamesIt() {
        Exchange wrong = camel.send("direct:wrong", Map.of("subject", "Hello", "body", "Hi"));
        assertEquals("ticket-classify-action: priorityMinConfidence must be a number between 0 and 1, was '1.5'",
                wrong.getException().getMessage());
    }

    @Test
    void aDeskClassifiesWithTheDesksOwnClassifierAndNothingElse() {
        Map<String, String> ticket = Map.of("subject", "Hello", "body", "Could you get back to me please?");
        Exchange noDesk = camel.send("direct:desk", ticket);
        assertEquals("ticket-classify-action: desk acme is no desk of the ticket-triage service in this application "
                + "(triage.desks)", noDesk.getException().getMessage());

        TicketModel model = BundledModel.open();
        TicketClassifier desks = new TicketClassifier(model, new DecisionSettings(0.999, 0.999, QueueFallback.UNCHANGED,
                Optional.empty()).policyFor(model, new HeldOutPrecision(model)));
        camel.context().getRegistry().bind(TicketClassifier.beanName("acme"), desks);
        try {
            TriageDecision byDesk = camel.request("direct:desk", ticket, TriageDecision.class);
            assertTrue(byDesk.queue().isEmpty() && !byDesk.toReviewQueue(), "the desk's policy: " + byDesk.summary());
            assertEquals(model.id(), byDesk.model());

            Exchange both = camel.send("direct:desk-and-threshold", ticket);
            assertTrue(both.getException().getMessage().startsWith("ticket-classify-action: desk acme classifies with "
                    + "the model and settings of the desk's configuration"), both.getException().getMessage());
        } finally {
            model.close();
        }
    }

    @Test
    void aBodyThatIsNoTicketIsRejectedWithWhatItWas() {
        Exchange failed = camel.send("direct:classify", "not json at all");
        assertTrue(failed.getException() instanceof TicketRejectedException, String.valueOf(failed.getException()));
        assertTrue(failed.getException().getMessage().contains("not JSON"), failed.getException().getMessage());

        Exchange wrong = camel.send("direct:classify", 42);
        assertTrue(wrong.getException().getMessage().contains("java.lang.Integer"), wrong.getException().getMessage());
    }
}
