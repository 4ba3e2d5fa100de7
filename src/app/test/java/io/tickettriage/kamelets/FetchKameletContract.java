package io.tickettriage.kamelets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.TestTickets;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@code <desk>-fetch-tickets-action} does in a bare Camel application, started from a YAML route of that
 * application ({@link #route()}) against the help desk's simulator: an empty body fetches the look-back, an
 * {@code Instant} or an ISO-8601 text fetches what changed since, and the answer is a {@link TicketBatch} of the
 * tickets that need triage, oldest first, with subject and plain-text body.
 */
abstract class FetchKameletContract {

    private SimulatedHelpDesk helpDesk;
    private BareCamel camel;

    /** The help desk, as {@code triage.helpdesk} names it. */
    abstract String desk();

    /**
     * The application's YAML route {@code direct:fetch} that calls the Kamelet, with the simulator's
     * {@link SimulatedHelpDesk#adapterProperties()} as the application's own property names.
     */
    abstract String route();

    @BeforeEach
    void start() throws Exception {
        helpDesk = SimulatedHelpDesks.start(desk(), 0, Clock.systemUTC());
        camel = BareCamel.start(route(), helpDesk.adapterProperties());
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        helpDesk.close();
    }

    @Test
    void anEmptyBodyFetchesEveryTicketThatNeedsTriageWithinTheLookBack() {
        List<String> ids = TestTickets.seed(helpDesk, 3);

        TicketBatch batch = camel.request("direct:fetch", null, TicketBatch.class);

        assertEquals(ids.stream().map(id -> desk() + ":" + id).toList(),
                batch.tickets().stream().map(Ticket::key).toList());
        for (Ticket ticket : batch.tickets()) {
            assertTrue(!ticket.subject().isBlank() && !ticket.body().isBlank() && !ticket.body().contains("<"),
                    "subject and plain-text body: " + ticket);
        }
        assertTrue(batch.unreadable().isEmpty(), "nothing unreadable: " + batch.unreadable());
    }

    @Test
    void anInstantOrAnIsoTextFetchesWhatChangedSince() {
        List<String> ids = TestTickets.seed(helpDesk, 2);
        Instant later = Instant.now().plusSeconds(3600);

        assertEquals(List.of(), camel.request("direct:fetch", later, TicketBatch.class).tickets(),
                "nothing changed after " + later);
        assertEquals(ids.size(), camel.request("direct:fetch", Instant.now().minusSeconds(3600).toString(),
                TicketBatch.class).tickets().size(), "all changed within the last hour");
    }

    @Test
    void aBodyThatIsNoTimeIsAnErrorThatSaysSo() {
        Exception failure = camel.send("direct:fetch", "yesterday").getException();
        assertTrue(failure != null && String.valueOf(failure.getMessage()).contains("yesterday"),
                "names what it was given: " + failure);
    }
}
