package io.tickettriage.kamelets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.TestTickets;
import io.tickettriage.adapter.LabelMapping;
import io.tickettriage.sim.DemoDesk;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import io.tickettriage.sim.SimulatedTicket;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.TriageDecision;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@code <desk>-update-ticket-action} does in a bare Camel application, started from a YAML route of that
 * application ({@link #route()}) against the help desk's simulator: the decision of {@code ticket-classify-action}
 * is written with the mappings given as Kamelet properties (names resolved by the Kamelet itself), with one internal
 * note and the marker, once; the marked ticket is not fetched again; and the decision comes back unchanged.
 */
abstract class UpdateKameletContract {

    /** The demo desks' groups and queues, as the application maps the bundled model's labels to them. */
    static final String QUEUE_MAPPING = "technical-support=Technical Support,account-access=Account & Access,"
            + "billing=Billing & Payments,orders-shipping=Orders & Shipping,returns-refunds=Returns & Refunds,"
            + "sales=Sales,service-outage=Service Outages,general-inquiry=General Inquiries";

    @TempDir
    Path state;
    private SimulatedHelpDesk helpDesk;
    private BareCamel camel;

    abstract String desk();

    /** The label=value pairs of the route's priorityMapping. */
    abstract String priorityMapping();

    /**
     * The application's YAML routes: {@code direct:fetch} (the desk's fetch Kamelet) and {@code direct:triage}
     * ({@code ticket-classify-action}, then the update Kamelet with {@link #QUEUE_MAPPING}, {@link #priorityMapping()},
     * the review group or queue {@code Triage Review}, notes on, its ledger in {@code {{app.state}}}).
     */
    abstract String route();

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (helpDesk != null) {
            helpDesk.close();
        }
    }

    /** The simulator and the application with its {@code routes}. */
    BareCamel start(String routes) throws Exception {
        helpDesk = SimulatedHelpDesks.start(desk(), 0, Clock.systemUTC());
        Map<String, String> properties = new HashMap<>(helpDesk.adapterProperties());
        properties.put("app.state", state.toString());
        camel = BareCamel.start(routes, properties);
        return camel;
    }

    SimulatedHelpDesk helpDesk() {
        return helpDesk;
    }

    @Test
    void eachDecisionIsWrittenOnceWithTheMappedValuesANoteAndTheMarker() throws Exception {
        start(route());
        List<String> ids = TestTickets.seed(helpDesk, 4);
        Map<String, String> queues = LabelMapping.parse(QUEUE_MAPPING, "queueMapping");
        Map<String, String> priorities = LabelMapping.parse(priorityMapping(), "priorityMapping");

        for (Ticket ticket : camel.request("direct:fetch", null, TicketBatch.class).tickets()) {
            TriageDecision decision = camel.request("direct:triage", ticket, TriageDecision.class);

            assertEquals(ticket.key(), decision.ticket().key(), "the decision comes back");
            SimulatedTicket written = helpDesk.ticket(ticket.id());
            assertEquals(decision.queue().map(queues::get).or(() -> Optional.of(DemoDesk.REVIEW_QUEUE)),
                    written.queue(), "queue of " + decision.summary());
            decision.priority().ifPresent(label -> assertEquals(priorities.get(label), written.priority(),
                    "priority of " + decision.summary()));
            assertTrue(written.tags().contains("triaged"), "the marker on " + ticket.key());
            assertEquals(1, written.notes().size(), "one note on " + ticket.key());
            assertTrue(written.notes().get(0).internal(), "the note is internal");
            assertTrue(written.notes().get(0).text().contains(decision.classification().head("queue").label()),
                    "the note names the prediction: " + written.notes().get(0).text());
        }

        Map<String, Integer> once = new HashMap<>();
        ids.forEach(id -> once.put(id, 1));
        assertEquals(once, helpDesk.updatesByTicket(), "every ticket written once");
        assertEquals(List.of(), camel.request("direct:fetch", null, TicketBatch.class).tickets(),
                "a written ticket carries the marker and is not fetched again");
    }
}
