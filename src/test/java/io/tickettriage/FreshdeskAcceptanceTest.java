package io.tickettriage;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import java.time.Clock;

/** The shared acceptance suite against the Freshdesk adapter and simulator. */
class FreshdeskAcceptanceTest extends HelpDeskAcceptanceSuite {

    @Override
    SimulatedHelpDesk startHelpDesk() {
        return SimulatedFreshdesk.start(0, Clock.systemUTC());
    }
}
