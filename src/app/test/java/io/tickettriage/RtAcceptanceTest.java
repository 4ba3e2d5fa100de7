package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.sim.DemoDesk;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.rt.SimulatedRequestTracker;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared acceptance suite against the Request Tracker adapter and simulator. */
class RtAcceptanceTest extends HelpDeskAcceptanceSuite {

    @Override
    SimulatedHelpDesk startHelpDesk() {
        return SimulatedRequestTracker.start(0, Clock.systemUTC());
    }

    /**
     * RT refuses a move to a disabled queue in a 200 ("Queue General is disabled", naming the ticket's present queue)
     * and makes the update's other changes (priority, confidence), which stamp the ticket's LastUpdated, as the real
     * RT 5.0.3 does. The ticket is one dead letter, not a second one when the next poll lists it again for our own
     * change, and the letter says which queue is disabled; an agent's change later is tried again.
     */
    @Test
    void anUpdateRtRefusesInPartIsKeptAsOneDeadLetter() throws Exception {
        String id = TestTickets.seed(helpDesk, 1).get(0);
        RunningTriage triage = startTriage(Map.of());
        DemoDesk.QUEUES.forEach(this::disableQueue);
        // RT stamps changes to the second: our change must fall in a later one than the ticket's creation.
        Thread.sleep(1_100);

        triage.poll();
        triage.poll();
        triage.poll();

        List<JsonNode> letters = deadLetters();
        assertEquals(1, letters.size(), "one dead letter, not one more for our own partial change: " + letters);
        String error = letters.get(0).path("error").asText();
        assertTrue(error.contains("Queue General is disabled (the queue it was to move to, ")
                && error.contains("the rest of the update was applied"), error);
        assertEquals(Map.of(id, 1), helpDesk.updatesByTicket(), "the update was sent once");

        Thread.sleep(1_100);
        helpDesk.returnToIncoming(id);
        triage.poll();
        assertEquals(2, deadLetters().size(), "an agent's change is a new version, tried again");
    }

    /** An administrator disables the queue {@code name}. */
    void disableQueue(String name) {
        ((SimulatedRequestTracker) helpDesk).simulator().disableQueue(name);
    }

    /** A search item as REST2 lists it with the fields the adapter asks for. */
    @Override
    String hostileRecord(HostileRecord kind) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String common = "\"Status\":\"new\",\"Priority\":\"0\",\"Queue\":{\"id\":\"1\",\"type\":\"queue\","
                + "\"Name\":\"General\"},";
        return switch (kind) {
            case POISON -> "{\"id\":\"9001\",\"type\":\"ticket\",\"Subject\":\"Deep\"," + common
                    + "\"CustomFields\":[{\"name\":\"Deep\",\"values\":[" + nested(2_000) + "]}],\"LastUpdated\":\""
                    + now + "\"}";
            case UNSAFE_ID -> "{\"id\":\"../../x\",\"type\":\"ticket\",\"Subject\":\"Path\"," + common
                    + "\"CustomFields\":[],\"LastUpdated\":\"" + now + "\"}";
            case FAR_FUTURE -> "{\"id\":\"9003\",\"type\":\"ticket\",\"Subject\":\"Future\"," + common
                    + "\"CustomFields\":[],\"LastUpdated\":\"2099-01-01T00:00:00Z\"}";
        };
    }
}
