package io.tickettriage.demo;

import io.tickettriage.adapter.freshdesk.FreshdeskAdapterSetup;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.FreshdeskSimulator;
import io.tickettriage.sim.SimGroup;
import io.tickettriage.sim.SimulatorSettings;
import io.tickettriage.sim.TicketDraft;
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
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The out-of-the-box experience: with no help desk configured, start a local Freshdesk simulator, seed it with a
 * backlog of demo tickets the bundled model never trained on, keep new tickets arriving, and point the real routes
 * at it. On shutdown it prints what happened.
 */
public final class DemoMode extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    /** Groups of the fictional Nordlicht Systems desk, with Freshdesk-sized ids. */
    static final List<String> GROUPS = List.of("Technical Support", "Account & Access", "Billing & Payments",
            "Orders & Shipping", "Returns & Refunds", "Sales", "Service Outages", "General Inquiries", "Triage Review");

    private final FreshdeskSimulator simulator;
    private final List<CorpusTicket> tickets;
    private final TriageStatistics statistics;
    private final Duration newTicketEvery;
    private final AtomicInteger next = new AtomicInteger();
    private ScheduledExecutorService arrivals;

    private DemoMode(FreshdeskSimulator simulator, List<CorpusTicket> tickets, TriageStatistics statistics,
                     Duration newTicketEvery) {
        this.simulator = simulator;
        this.tickets = tickets;
        this.statistics = statistics;
        this.newTicketEvery = newTicketEvery;
    }

    /** @param helpdesk the configured help desk; only a Freshdesk without domain or URL gets the demo */
    public static void startIfNoHelpDeskIsConfigured(CamelContext context, TriageProperties properties,
                                                     String helpdesk, TriageStatistics statistics, Clock clock) {
        if (!helpdesk.equals(FreshdeskAdapterSetup.NAME) || properties.optional("freshdesk.domain").isPresent()
                || properties.optional("freshdesk.base-url").isPresent()) {
            return;
        }
        // A throwaway key for this run only; written to a file, never logged.
        String apiKey = "demo-" + UUID.randomUUID();
        FreshdeskSimulator simulator = FreshdeskSimulator.start(SimulatorSettings.defaults(apiKey, simulatorGroups())
                .withPort(properties.integer("demo.simulator.port", 0)).withClock(clock));
        DemoMode demo = new DemoMode(simulator, interleaveQueues(DemoCorpus.load().heldOut()), statistics,
                properties.duration("demo.new-ticket-every", Duration.ofSeconds(3)));
        Path keyFile = writeKeyFile(Path.of(properties.text("triage.state.directory", "state")), apiKey);

        PropertiesComponent placeholders = context.getPropertiesComponent();
        placeholders.addOverrideProperty("freshdesk.base-url", simulator.baseUrl());
        placeholders.addOverrideProperty("freshdesk.api-key", apiKey);
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
                 DEMO: no help desk configured, so ticket-triage runs against a local Freshdesk simulator
                   {} with {} open tickets waiting, and a new one every {}s.
                 Watch the tickets get their group, priority and tags:
                   curl -s -u "$(cat {}):X" '{}/api/v2/tickets?include=description&order_by=updated_at'
                 Ctrl-C stops the demo and prints a summary. To triage a real Freshdesk instead, set
                   FRESHDESK_DOMAIN and FRESHDESK_API_KEY.
                ==================================================================================================""",
                simulator.baseUrl(), backlog, demo.newTicketEvery.toSeconds(), keyFile, simulator.baseUrl());
    }

    @Override
    protected void doStart() {
        arrivals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-ticket-arrivals");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, newTicketEvery.toMillis());
        arrivals.scheduleAtFixedRate(this::addNextTicket, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (arrivals != null) {
            arrivals.shutdownNow();
        }
        TriageStatistics.Snapshot summary = statistics.snapshot();
        StringBuilder perQueue = new StringBuilder();
        summary.updatedPerQueue().forEach((queue, count) ->
                perQueue.append(String.format("%n   %-20s %5d", queue, count)));
        LOG.info("""

                ==================================================================================================
                 DEMO SUMMARY: {}
                 Tickets updated per queue:{}
                ==================================================================================================""",
                summary.oneLine(), perQueue);
        simulator.close();
    }

    private void addNextTicket() {
        try {
            CorpusTicket ticket = tickets.get(next.getAndIncrement() % tickets.size());
            simulator.createTicket(TicketDraft.open(ticket.subject(), ticket.descriptionHtml()));
        } catch (RuntimeException e) {
            // A failed arrival must not kill the scheduler; the demo just gets one ticket fewer.
            LOG.warn("demo: could not add a ticket to the simulator: {}", e.getMessage());
        }
    }

    /** The demo desk's groups, named as config/application.properties maps the bundled model's queues. */
    public static List<SimGroup> simulatorGroups() {
        List<SimGroup> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS.size(); i++) {
            groups.add(new SimGroup(43_000_100_001L + i, GROUPS.get(i), "Nordlicht Systems demo group"));
        }
        return groups;
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

    private static Path writeKeyFile(Path stateDirectory, String apiKey) {
        try {
            Files.createDirectories(stateDirectory);
            Path file = stateDirectory.resolve("demo-api-key");
            Files.writeString(file, apiKey + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo API key file", e);
        }
    }
}
