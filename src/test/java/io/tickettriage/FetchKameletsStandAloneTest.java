package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.TriageDecision;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each help desk's fetch Kamelet, then {@code ticket-classify-action}, in a bare Camel application that has only the
 * jar: no bean bound, no configuration file read, only Kamelet properties set; an empty body fetches the look-back.
 */
class FetchKameletsStandAloneTest {

    /** The fetch Kamelet's URI for the simulator, with its credentials as Kamelet properties. */
    private static String fetchUri(SimulatedHelpDesk helpDesk) {
        Map<String, String> settings = helpDesk.adapterProperties();
        String desk = helpDesk.helpdesk();
        String kamelet = "kamelet:" + desk + "-fetch-tickets-action?lookBack=PT1H&baseUrl=RAW("
                + settings.get(desk + ".base-url") + ")";
        return switch (desk) {
            case "freshdesk" -> kamelet + "&apiKey=RAW(" + settings.get("freshdesk.api-key") + ")";
            case "zammad" -> kamelet + "&apiToken=RAW(" + settings.get("zammad.api-token") + ")";
            case "otobo" -> kamelet + "&userLogin=" + settings.get("otobo.user-login") + "&password=RAW("
                    + settings.get("otobo.password") + ")";
            default -> throw new IllegalArgumentException(desk);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"freshdesk", "zammad", "otobo"})
    void aForeignRouteFetchesAndClassifiesWithTheKameletsAlone(String desk) throws Exception {
        try (SimulatedHelpDesk helpDesk = SimulatedHelpDesks.start(desk, 0, Clock.systemUTC());
             CamelContext camel = new DefaultCamelContext()) {
            List<String> ids = TestTickets.seed(helpDesk, 4);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:fetch").to(fetchUri(helpDesk));
                    from("direct:classify").to("kamelet:ticket-classify-action");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();

            TicketBatch batch = template.requestBody("direct:fetch", null, TicketBatch.class);

            assertEquals(ids.stream().map(id -> desk + ":" + id).toList(),
                    batch.tickets().stream().map(ticket -> ticket.key()).toList());
            for (var ticket : batch.tickets()) {
                TriageDecision decision = template.requestBody("direct:classify", ticket, TriageDecision.class);
                assertEquals(ticket.key(), decision.ticket().key());
                assertEquals(2, decision.classification().heads().size());
            }
        }
    }
}
