package io.tickettriage.kamelets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.TestTickets;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import org.junit.jupiter.api.Test;

/**
 * {@code freshdesk-update-ticket-action} alone, from the YAML routes below; without priorityMapping, low, medium,
 * high and urgent map to Freshdesk's four priorities.
 */
class FreshdeskUpdateKameletTest extends UpdateKameletContract {

    private static final String ROUTES = """
            - route:
                from:
                  uri: direct:fetch
                  steps:
                    - to:
                        uri: kamelet:freshdesk-fetch-tickets-action
                        parameters:
                          baseUrl: "{{freshdesk.base-url}}"
                          apiKey: "{{freshdesk.api-key}}"
                          lookBack: PT1H
            - route:
                from:
                  uri: direct:triage
                  steps:
                    - to:
                        uri: kamelet:ticket-classify-action
                    - to:
                        uri: kamelet:freshdesk-update-ticket-action
                        parameters:
                          baseUrl: "{{freshdesk.base-url}}"
                          apiKey: "{{freshdesk.api-key}}"
                          queueMapping: "RAW(%s)"
                          reviewGroup: Triage Review
                          note: "true"
                          stateDirectory: "{{app.state}}"
            """;

    @Override
    String desk() {
        return "freshdesk";
    }

    @Override
    String priorityMapping() {
        return "low=1,medium=2,high=3,urgent=4";
    }

    @Override
    String route() {
        return ROUTES.formatted(QUEUE_MAPPING);
    }

    @Test
    void aGroupNameTheAccountDoesNotHaveIsAnErrorThatNamesIt() throws Exception {
        BareCamel camel = start(ROUTES.formatted(QUEUE_MAPPING.replace("=Sales", "=Salez")));
        TestTickets.seed(helpDesk(), 1);
        Ticket ticket = camel.request("direct:fetch", null, TicketBatch.class).tickets().get(0);

        Exception failure = camel.send("direct:triage", ticket).getException();

        assertTrue(failure != null && failure.getMessage().contains("freshdesk-update-ticket-action: queueMapping for "
                + "'sales' names the group 'Salez', which this Freshdesk account does not have"), String.valueOf(failure));
        assertEquals(0, helpDesk().updatesByTicket().getOrDefault(ticket.id(), 0), "nothing written");
    }
}
