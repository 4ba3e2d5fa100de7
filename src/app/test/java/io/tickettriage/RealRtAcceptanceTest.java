package io.tickettriage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.rtreal.RealRequestTracker;
import io.tickettriage.sim.rtreal.RtInstallation;
import java.util.List;

/**
 * The shared acceptance suite against the RT adapter and a real Request Tracker 5, fresh for each test, behind a
 * proxy that injects the faults; the hostile records are the simulator suite's, spliced into RT's real answer.
 * Skipped, saying what is missing, where RT's Debian packages are not installed ({@code bash .ci/run} installs them).
 */
class RealRtAcceptanceTest extends RtAcceptanceTest {

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

    @Override
    void disableQueue(String name) {
        ((RealRequestTracker) helpDesk).disableQueue(name);
    }
}
