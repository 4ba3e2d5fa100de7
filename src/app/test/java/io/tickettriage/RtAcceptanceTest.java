package io.tickettriage;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.rt.SimulatedRequestTracker;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The shared acceptance suite against the Request Tracker adapter and simulator. */
class RtAcceptanceTest extends HelpDeskAcceptanceSuite {

    @Override
    SimulatedHelpDesk startHelpDesk() {
        return SimulatedRequestTracker.start(0, Clock.systemUTC());
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
