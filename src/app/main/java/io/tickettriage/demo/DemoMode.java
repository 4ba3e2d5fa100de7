package io.tickettriage.demo;

import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.config.Desk;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.triage.TriagePolicy;
import io.tickettriage.triage.TriageStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The out-of-the-box experience: with no help desk configured, start a local simulator of the chosen help desk
 * ({@code triage.helpdesk}), seed it with a backlog of demo tickets the bundled model never trained on, keep new
 * tickets arriving, and point the real routes at it. A few seconds in, an outage brings a storm of tickets at once
 * ({@link #INCIDENT}): the next poll logs it as a burst, and names a ticket sent twice as a possible duplicate. On
 * shutdown it prints what happened.
 */
public final class DemoMode extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    /**
     * The checkout of the fictional shop goes down: six customers report it in their own words, and the first one
     * sends their ticket again. Team-written, in the demo corpus's form.
     */
    static final List<CorpusTicket> INCIDENT = List.of(
            outage("Checkout down: error 503", "The checkout page shows error 503 Service Unavailable, I cannot pay "
                    + "for my order."),
            outage("Error 503 at checkout", "Since this morning your checkout gives me error 503 Service Unavailable "
                    + "and I cannot pay."),
            outage("Cannot pay, checkout error 503", "I cannot pay: the checkout page says 503 Service Unavailable. "
                    + "Is the shop down?"),
            outage("Shop checkout not working", "The checkout is not working, error 503 Service Unavailable every "
                    + "time I try to pay."),
            outage("503 Service Unavailable on checkout", "Your checkout page has been down for 20 minutes with "
                    + "error 503 Service Unavailable, I cannot pay."),
            outage("Re: Checkout down: error 503", "Any news on this? I wrote before.\n\nThe checkout page shows "
                    + "error 503 Service Unavailable, I cannot pay for my order."));

    private final String desk;
    private final SimulatedHelpDesk simulator;
    private final List<CorpusTicket> tickets;
    private final TriageStatistics statistics;
    private final Duration newTicketEvery;
    private final DemoAgents agents;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean incidentSent = new AtomicBoolean();
    private ScheduledExecutorService arrivals;

    private DemoMode(String desk, SimulatedHelpDesk simulator, List<CorpusTicket> tickets, TriageStatistics statistics,
                     Duration newTicketEvery, DemoAgents agents) {
        this.desk = desk;
        this.simulator = simulator;
        this.tickets = tickets;
        this.statistics = statistics;
        this.newTicketEvery = newTicketEvery;
        this.agents = agents;
    }

    /** Runs the demo for a desk whose configuration names no real help desk of its kind. */
    public static void startIfNoHelpDeskIsConfigured(CamelContext context, Desk desk, HelpDeskAdapter adapter,
                                                     TriageStatistics statistics, Clock clock) {
        TriageProperties properties = desk.properties();
        if (adapter.isConfigured(properties)) {
            return;
        }
        SimulatedHelpDesk simulator = SimulatedHelpDesks.start(adapter.name(),
                properties.integer("demo.simulator.port", 0), clock);
        DemoMode demo = new DemoMode(desk.name(), simulator, interleaveQueues(DemoCorpus.load().heldOut()), statistics,
                properties.duration("demo.new-ticket-every", Duration.ofSeconds(3)),
                DemoAgents.of(simulator, properties, adapter.name()));
        // The simulator's throwaway secret goes to a file for the curl hint, never into the log.
        Path secretFile = writeSecretFile(Path.of(properties.text("triage.state.directory", "state")), desk.name(),
                simulator.secrets().get(0));

        simulator.adapterProperties().forEach(desk::publish);
        int backlog = properties.integer("demo.backlog", 40);
        for (int i = 0; i < backlog; i++) {
            demo.addNextTicket();
        }
        try {
            context.addService(demo, true, true);
        } catch (Exception e) {
            simulator.close();
            throw new IllegalStateException("cannot start the demo", e);
        }
        LOG.info("""

                ==================================================================================================
                 DEMO: no help desk configured for the desk {}, so ticket-triage runs against a local {} simulator
                   {} with {} new tickets waiting, and another one every {}s.
                 Watch the tickets get their queue, priority and tags:
                   {}
                 Ctrl-C stops the demo and prints a summary. To triage your real help desk instead, see
                 "Connect your help desk" in the README.
                ==================================================================================================""",
                desk.name(), adapter.name(), simulator.baseUrl(), backlog, demo.newTicketEvery.toSeconds(),
                simulator.howToLook(secretFile));
    }

    @Override
    protected void doStart() {
        arrivals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-ticket-arrivals");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, newTicketEvery.toMillis());
        arrivals.scheduleAtFixedRate(this::arrive, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (arrivals != null) {
            arrivals.shutdownNow();
        }
        agents.stop();
        TriageStatistics.Snapshot summary = statistics.snapshot();
        StringBuilder perQueue = new StringBuilder();
        summary.updatedPerQueue().forEach((queue, count) ->
                perQueue.append(String.format("%n   %-20s %5d", queue, count)));
        LOG.info("""

                ==================================================================================================
                 DEMO SUMMARY of the desk {}: {}
                 Tickets updated per queue:{}
                 {}
                ==================================================================================================""",
                desk, summary.oneLine(), perQueue, agreement());
        simulator.close();
    }

    /** What the simulated agents made of the predictions, as the agreement report would put it. */
    private String agreement() {
        StringBuilder line = new StringBuilder("Agents' final choices vs the model:");
        // Only the heads the model has: a head it lacks was left as the desk had it, and has nothing to agree with.
        for (String head : statistics.predictedHeads()) {
            long agreed = statistics.outcomes(head, true);
            long all = agreed + statistics.outcomes(head, false);
            line.append(String.format(" %s agreed %d of %d%s,", head, agreed, all,
                    all == 0 ? "" : String.format(" (%.0f%%)", 100.0 * agreed / all)));
        }
        return line.append(" corrections ").append(statistics.corrections(TriagePolicy.QUEUE)
                + statistics.corrections(TriagePolicy.PRIORITY)).toString();
    }

    /** The next arrival: the incident's tickets all at once the first time, then one of the corpus each time. */
    private void arrive() {
        if (incidentSent.compareAndSet(false, true)) {
            INCIDENT.forEach(this::add);
        } else {
            addNextTicket();
        }
    }

    private void addNextTicket() {
        add(tickets.get(next.getAndIncrement() % tickets.size()));
    }

    private void add(CorpusTicket ticket) {
        try {
            agents.willRoute(simulator.createTicket(ticket.subject(), ticket.description()), ticket);
        } catch (RuntimeException e) {
            // A failed arrival must not kill the scheduler; the demo just gets one ticket fewer.
            LOG.warn("demo: could not add a ticket to the simulator: {}", e.getMessage());
        }
    }

    private static CorpusTicket outage(String subject, String description) {
        return new CorpusTicket(subject, description, "en", "service-outage", "urgent");
    }

    /** One ticket of each queue in turn, so the demo shows every queue from the first poll on. */
    static List<CorpusTicket> interleaveQueues(List<CorpusTicket> tickets) {
        Map<String, List<CorpusTicket>> byQueue = new TreeMap<>();
        tickets.forEach(t -> byQueue.computeIfAbsent(t.queue(), q -> new ArrayList<>()).add(t));
        List<CorpusTicket> interleaved = new ArrayList<>(tickets.size());
        for (int round = 0; interleaved.size() < tickets.size(); round++) {
            for (List<CorpusTicket> queue : byQueue.values()) {
                if (round < queue.size()) {
                    interleaved.add(queue.get(round));
                }
            }
        }
        return interleaved;
    }

    private static Path writeSecretFile(Path stateDirectory, String desk, String secret) {
        try {
            Files.createDirectories(stateDirectory);
            Path file = stateDirectory.resolve("demo-secret-" + desk);
            Files.writeString(file, secret + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo secret file", e);
        }
    }
}
