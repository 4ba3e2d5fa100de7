package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.sim.SimulatedTicket;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import io.tickettriage.triage.TicketClassifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reasons cost about three times what featurizing and the graph cost together, so they are computed only for a
 * ticket whose note shows them: through the shipped routes against the Freshdesk simulator, the model counts the
 * tickets it computed reasons for.
 */
class NoteReasonsTest {

    private static final int TICKETS = 12;

    @TempDir
    Path state;
    private SimulatedFreshdesk helpDesk;

    @BeforeEach
    void startHelpDesk() {
        helpDesk = SimulatedFreshdesk.start(0, Clock.systemUTC());
    }

    @AfterEach
    void stopHelpDesk() {
        helpDesk.close();
    }

    /** Triages {@link #TICKETS} demo tickets in one poll; returns how many tickets' reasons the model computed. */
    private long triage(List<String> ids, Map<String, String> settings) throws Exception {
        try (RunningTriage triage = RunningTriage.start(RunningTriage.properties(helpDesk, state, settings))) {
            triage.poll();
            LinearTicketModel model = (LinearTicketModel) triage.bean("ticketClassifier", TicketClassifier.class)
                    .model();
            return model.explainedTickets();
        }
    }

    @Test
    void everyNoteStillNamesItsReasonsAndOnlyTicketsWithANoteCostThem() throws Exception {
        List<String> ids = TestTickets.seed(helpDesk, TICKETS);

        long explained = triage(ids, Map.of("triage.note.enabled", "true"));

        for (String id : ids) {
            SimulatedTicket ticket = helpDesk.ticket(id);
            assertEquals(1, ticket.notes().size(), ticket.toString());
            assertTrue(ticket.notes().get(0).text().contains(" because of: "), ticket.notes().get(0).text());
        }
        assertEquals(TICKETS, explained, "each note's ticket, once");
    }

    @Test
    void withoutNotesNoReasonIsComputed() throws Exception {
        List<String> ids = TestTickets.seed(helpDesk, TICKETS);

        long explained = triage(ids, Map.of("triage.note.enabled", "false"));

        assertEquals(ids.size(), helpDesk.updatesByTicket().size(), "every ticket written: " + helpDesk
                .updatesByTicket());
        ids.forEach(id -> assertEquals(List.of(), helpDesk.ticket(id).notes(), id));
        assertEquals(0, explained, "nothing showed a reason");
    }

    @Test
    void inShadowModeNoReasonIsComputed() throws Exception {
        List<String> ids = TestTickets.seed(helpDesk, TICKETS);

        long explained = triage(ids, Map.of("triage.mode", "shadow"));

        assertEquals(Map.of(), helpDesk.updatesByTicket(), "shadow mode writes nothing");
        assertEquals(0, explained, "nothing showed a reason");
    }
}
