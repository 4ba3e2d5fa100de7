package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first poll runs when the service starts, not at the schedule's next time. */
class FirstPollAtStartupTest {

    @TempDir
    Path state;

    @Test
    void theBacklogIsTriagedAtStartupThoughTheScheduleWouldNotFireForYears() throws Exception {
        try (SimulatedHelpDesk helpDesk = SimulatedHelpDesks.start("freshdesk", 0, Clock.systemUTC())) {
            List<String> ids = TestTickets.seed(helpDesk, 3);
            Map<String, String> properties = new HashMap<>(helpDesk.adapterProperties());
            properties.put("triage.poll.cron", "0 0 0 1 1 ? 2099");
            Main main = TriageRuntime.create(RunningTriage.testProperties(state, properties), Clock.systemUTC());
            main.start();
            try {
                long deadline = System.currentTimeMillis() + 30_000;
                while (helpDesk.updatesByTicket().size() < ids.size() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
            } finally {
                main.stop();
            }
            assertEquals(ids.size(), helpDesk.updatesByTicket().size(), "the startup poll triaged the backlog");
        }
    }
}
