package io.tickettriage;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.zammad.SimulatedZammad;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The shared acceptance suite against the Zammad adapter and simulator. */
class ZammadAcceptanceTest extends HelpDeskAcceptanceSuite {

    @Override
    SimulatedHelpDesk startHelpDesk() {
        return SimulatedZammad.start(0, Clock.systemUTC());
    }

    @Override
    String hostileRecord(HostileRecord kind) {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String common = "\"group\":\"Users\",\"state\":\"new\",\"priority\":\"2 normal\",\"tags\":[],";
        return switch (kind) {
            case POISON -> "{\"id\":9001,\"title\":\"Deep\"," + common + "\"preferences\":" + nested(2_000)
                    + ",\"updated_at\":\"" + now + "\"}";
            case UNSAFE_ID -> "{\"id\":\"../../x\",\"title\":\"Path\"," + common + "\"updated_at\":\"" + now
                    + "\"}";
            case FAR_FUTURE -> "{\"id\":9003,\"title\":\"Future\"," + common
                    + "\"updated_at\":\"2099-01-01T00:00:00.000Z\"}";
        };
    }
}
