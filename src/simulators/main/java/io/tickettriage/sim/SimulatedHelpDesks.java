package io.tickettriage.sim;

import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import io.tickettriage.sim.otobo.SimulatedOtobo;
import io.tickettriage.sim.rt.SimulatedRequestTracker;
import io.tickettriage.sim.zammad.SimulatedZammad;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The simulators by the {@code triage.helpdesk} name of the help desk they imitate, for the demo, the tests and the
 * benchmarks. The product itself never uses them: an adapter knows nothing of its simulator.
 */
public final class SimulatedHelpDesks {

    private static final Map<String, BiFunction<Integer, Clock, SimulatedHelpDesk>> ALL = Map.of(
            "freshdesk", SimulatedFreshdesk::start,
            "zammad", SimulatedZammad::start,
            "otobo", SimulatedOtobo::start,
            "rt", SimulatedRequestTracker::start);

    private SimulatedHelpDesks() {
    }

    /** The help desks there is a simulator of, in a stable order. */
    public static List<String> names() {
        return List.of("freshdesk", "zammad", "otobo", "rt");
    }

    /**
     * Starts a simulator set up as the demo desk whose queues and priorities the shipped configuration maps.
     *
     * @param port 0 for any free port
     */
    public static SimulatedHelpDesk start(String helpdesk, int port, Clock clock) {
        BiFunction<Integer, Clock, SimulatedHelpDesk> start = ALL.get(helpdesk);
        if (start == null) {
            throw new IllegalArgumentException("there is no simulator of a help desk named '" + helpdesk + "'; "
                    + "there are " + names());
        }
        return start.apply(port, clock);
    }
}
