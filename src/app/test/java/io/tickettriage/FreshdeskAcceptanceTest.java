package io.tickettriage;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The shared acceptance suite against the Freshdesk adapter and simulator. */
class FreshdeskAcceptanceTest extends HelpDeskAcceptanceSuite {

    @Override
    SimulatedHelpDesk startHelpDesk() {
        return SimulatedFreshdesk.start(0, Clock.systemUTC());
    }

    @Override
    String hostileRecord(HostileRecord kind) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return switch (kind) {
            case POISON -> "{\"id\":9001,\"subject\":\"Deep\",\"description_text\":\"x\",\"status\":2,"
                    + "\"group_id\":null,\"tags\":[],\"custom_fields\":" + nested(2_000) + ",\"updated_at\":\""
                    + now + "\"}";
            case UNSAFE_ID -> "{\"id\":\"../../x\",\"subject\":\"Path\",\"status\":2,\"group_id\":null,"
                    + "\"tags\":[],\"updated_at\":\"" + now + "\"}";
            case FAR_FUTURE -> "{\"id\":9003,\"subject\":\"Future\",\"description_text\":\"x\",\"status\":2,"
                    + "\"group_id\":null,\"tags\":[],\"updated_at\":\"2099-01-01T00:00:00Z\"}";
        };
    }
}
