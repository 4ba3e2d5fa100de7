package io.tickettriage.demo;

import io.tickettriage.adapter.LabelMappings;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.sim.SimulatedHelpDesk;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo desk's agents: {@code demo.agent-delay} after a ticket arrives, an agent routes it to the queue and
 * priority its author gave it (the demo corpus's own labels), through the help desk's own interface, not its API,
 * and as long again later closes it. In shadow mode the routing is the outcome each prediction is held against; in
 * live mode it corrects the tickets the model got wrong, and the close settles the ones it got right.
 */
final class DemoAgents {

    private static final Logger LOG = LoggerFactory.getLogger(DemoAgents.class);

    private final SimulatedHelpDesk simulator;
    private final Map<String, String> queues;
    private final Map<String, String> priorities;
    private final Duration delay;
    /** Running from the first ticket on: the backlog arrives before the demo starts. */
    private final ScheduledExecutorService agents = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-agents");
        thread.setDaemon(true);
        return thread;
    });

    private DemoAgents(SimulatedHelpDesk simulator, Map<String, String> queues, Map<String, String> priorities,
                       Duration delay) {
        this.simulator = simulator;
        this.queues = queues;
        this.priorities = priorities;
        this.delay = delay;
    }

    /** The agents route to the help desk values the configuration maps the corpus's labels to. */
    static DemoAgents of(SimulatedHelpDesk simulator, TriageProperties properties, String helpdesk) {
        return new DemoAgents(simulator, LabelMappings.read(properties, helpdesk + ".queue-mapping"),
                LabelMappings.read(properties, helpdesk + ".priority-mapping"),
                properties.duration("demo.agent-delay", Duration.ofSeconds(20)));
    }

    /** Schedules the agent's routing of a ticket that just arrived. */
    void willRoute(String id, CorpusTicket ticket) {
        String queue = queues.get(ticket.queue());
        String priority = priorities.get(ticket.priority());
        if (queue == null || priority == null) {
            return;
        }
        agents.schedule(() -> act(id, "route", () -> simulator.agentRoutes(id, queue, priority)), delay.toMillis(),
                TimeUnit.MILLISECONDS);
        // Solved and closed later: a ticket the model got right is only known to be right once it is done.
        agents.schedule(() -> act(id, "close", () -> simulator.agentCloses(id)), 2 * delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static void act(String id, String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // An agent who cannot reach a ticket must not stop the other agents.
            LOG.warn("demo: the agent could not {} ticket {}: {}", what, id, e.getMessage());
        }
    }

    void stop() {
        agents.shutdownNow();
    }
}
