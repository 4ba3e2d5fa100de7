package io.tickettriage;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.otobo.SimulatedOtobo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The shared acceptance suite against the OTOBO adapter and simulator. */
class OtoboAcceptanceTest extends HelpDeskAcceptanceSuite {

    @Override
    SimulatedHelpDesk startHelpDesk() {
        return SimulatedOtobo.start(0, Clock.systemUTC());
    }

    @Override
    String hostileRecord(HostileRecord kind) {
        String now = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.now());
        String common = "\"Queue\":\"Raw\",\"State\":\"new\",\"Priority\":\"3 normal\",";
        return switch (kind) {
            case POISON -> "{\"TicketID\":\"9001\",\"Title\":\"Deep\"," + common + "\"DynamicField\":[{\"Name\":"
                    + "\"Deep\",\"Value\":" + nested(2_000) + "}],\"Changed\":\"" + now + "\"}";
            case UNSAFE_ID -> "{\"TicketID\":\"../../x\",\"Title\":\"Path\"," + common + "\"Changed\":\"" + now
                    + "\"}";
            case FAR_FUTURE -> "{\"TicketID\":\"9003\",\"Title\":\"Future\"," + common
                    + "\"Changed\":\"2099-01-01 00:00:00\"}";
        };
    }
}
