package io.tickettriage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.rtreal.RealRequestTracker;
import io.tickettriage.sim.rtreal.RtInstallation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The shared acceptance suite against the RT adapter and a real Request Tracker 5, fresh for each test, behind a
 * proxy that injects the faults. Skipped, saying what is missing, where RT's Debian packages are not installed
 * ({@code bash .ci/run} installs them).
 */
class RealRtAcceptanceTest extends HelpDeskAcceptanceSuite {

    /**
     * Each test, not the class, is skipped where RT is missing: Surefire reports a class skipped in its
     * {@code @BeforeAll} as no tests at all, without the reason.
     */
    @Override
    SimulatedHelpDesk startHelpDesk() {
        List<String> missing = RtInstallation.missing();
        assumeTrue(missing.isEmpty(), () -> RtInstallation.whyUnavailable(missing));
        return RealRequestTracker.start();
    }

    /** A search item as REST2 lists it with the fields the adapter asks for, spliced into RT's real answer. */
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
