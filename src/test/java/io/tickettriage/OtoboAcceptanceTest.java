package io.tickettriage;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.otobo.SimulatedOtobo;
import java.time.Clock;

/** The shared acceptance suite against the OTOBO adapter and simulator. */
class OtoboAcceptanceTest extends HelpDeskAcceptanceSuite {

    @Override
    SimulatedHelpDesk startHelpDesk() {
        return SimulatedOtobo.start(0, Clock.systemUTC());
    }
}
