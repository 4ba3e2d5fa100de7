package io.tickettriage;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.zammad.SimulatedZammad;
import java.time.Clock;

/** The shared acceptance suite against the Zammad adapter and simulator. */
class ZammadAcceptanceTest extends HelpDeskAcceptanceSuite {

    @Override
    SimulatedHelpDesk startHelpDesk() {
        return SimulatedZammad.start(0, Clock.systemUTC());
    }
}
