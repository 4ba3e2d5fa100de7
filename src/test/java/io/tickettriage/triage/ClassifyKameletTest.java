package io.tickettriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.TicketModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code ticket-classify-action} in a bare Camel application that has nothing of ticket-triage but the jar: no bean
 * bound, no configuration read; tickets in any of the shapes the Kamelet takes.
 */
class ClassifyKameletTest extends CamelTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:classify").to("kamelet:ticket-classify-action").to("mock:decisions");
                from("direct:strict").to("kamelet:ticket-classify-action?queueMinConfidence=0.999"
                        + "&priorityMinConfidence=0.999&queueFallback=unchanged").to("mock:strict");
            }
        };
    }

    @Test
    void aMapAJsonTextAndATicketAreClassifiedAlike() {
        String subject = "I was charged twice for my subscription";
        String body = "My credit card shows two payments for the same invoice this month. Please refund one of them.";
        TriageDecision fromMap = template.requestBody("direct:classify", Map.of("subject", subject, "body", body,
                "id", "mail-4711"), TriageDecision.class);
        TriageDecision fromJson = template.requestBody("direct:classify", "{\"subject\":\"" + subject + "\",\"body\":\""
                + body + "\"}", TriageDecision.class);
        TriageDecision fromTicket = template.requestBody("direct:classify", new Ticket("freshdesk", "12", subject, body,
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

        TriageDecision strict = template.requestBody("direct:strict", ticket, TriageDecision.class);
        template.requestBody("direct:classify", ticket, TriageDecision.class);

        assertTrue(strict.queue().isEmpty() && !strict.toReviewQueue(), "unsure and unchanged: " + strict.summary());
        assertTrue(strict.needsReview());
        assertSame(context.getRegistry().lookupByNameAndType("ticket-triage-model:bundled", TicketModel.class),
                context.getRegistry().findByType(TicketModel.class).iterator().next(), "one model in the registry");
        assertEquals(1, context.getRegistry().findByType(TicketModel.class).size());
    }

    @Test
    void aBodyThatIsNoTicketIsRejectedWithWhatItWas() {
        Exchange failed = template.request("direct:classify", e -> e.getMessage().setBody("not json at all"));
        assertTrue(failed.getException() instanceof TicketRejectedException, String.valueOf(failed.getException()));
        assertTrue(failed.getException().getMessage().contains("not JSON"), failed.getException().getMessage());

        Exchange wrong = template.request("direct:classify", e -> e.getMessage().setBody(42));
        assertTrue(wrong.getException().getMessage().contains("java.lang.Integer"), wrong.getException().getMessage());
    }
}
