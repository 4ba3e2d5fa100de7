package io.tickettriage.bench;

import io.tickettriage.TriageRuntime;
import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.adapter.HelpDeskAdapters;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.FaultMix;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import io.tickettriage.sim.SimulatedTicket;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The fault soak of "nothing lost, nothing twice", against each help desk's simulator with notes on. Not a test:
 * it takes minutes and its speed depends on the machine.
 *
 * <pre>
 * java -cp target/ticket-triage.jar io.tickettriage.bench.FaultSoak faults  [desk|all] [tickets]
 * java -cp target/ticket-triage.jar io.tickettriage.bench.FaultSoak crashes [desk|all] [tickets] [kills]
 * </pre>
 * <ul>
 *   <li>{@code faults}: every request may meet a fault: 10 % 5xx, 5 % 429 ({@code Retry-After: 1}), 2 % resets,
 *       1 % garbled pages, 3 % writes that land and lose their answer. The real routes poll until every ticket
 *       is written (or half an hour passes); it reports the tickets per second sustained under faults.</li>
 *   <li>{@code crashes}: the packaged jar runs as a child process against the simulator and is killed with SIGKILL
 *       at random moments mid-batch {@code kills} times (default 15), each time started again on the same state
 *       directory, then left to finish.</li>
 * </ul>
 * Either way it then counts, over every ticket: lost (never written), written more than once, duplicate notes,
 * missing notes, and customer tags changed (each ticket is seeded with the tag {@code vip}).
 */
public final class FaultSoak {

    private static final String CUSTOMER_TAG = "vip";
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private FaultSoak() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "faults";
        String desk = args.length > 1 ? args[1] : "all";
        int tickets = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int kills = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        List<HelpDeskAdapter> adapters = desk.equals("all") ? HelpDeskAdapters.all()
                : List.of(HelpDeskAdapters.named(desk));
        System.out.printf("ticket-triage fault soak (%s): %d tickets per help desk, notes on, %d cores%n", mode,
                tickets, Runtime.getRuntime().availableProcessors());
        boolean clean = true;
        for (HelpDeskAdapter adapter : adapters) {
            Path state = Files.createTempDirectory("ticket-triage-soak-");
            try (SimulatedHelpDesk helpDesk = SimulatedHelpDesks.start(adapter.name(), 0, Clock.systemUTC())) {
                List<String> ids = seed(helpDesk, tickets);
                long start = System.nanoTime();
                if (mode.equals("crashes")) {
                    crashes(helpDesk, ids, state, kills);
                } else {
                    faults(helpDesk, ids, state);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                clean &= report(helpDesk, ids, seconds);
            }
        }
        System.exit(clean ? 0 : 1);
    }

    private static List<String> seed(SimulatedHelpDesk helpDesk, int count) {
        List<CorpusTicket> corpus = DemoCorpus.load().heldOut();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CorpusTicket ticket = corpus.get(i % corpus.size());
            String id = helpDesk.createTicket(ticket.subject(), ticket.description());
            helpDesk.addCustomerTag(id, CUSTOMER_TAG);
            ids.add(id);
        }
        return ids;
    }

    private static Map<String, String> properties(SimulatedHelpDesk helpDesk, Path state) {
        Map<String, String> properties = new HashMap<>(helpDesk.adapterProperties());
        properties.put("triage.helpdesk", helpDesk.helpdesk());
        properties.put("triage.state.directory", state.toString());
        properties.put("triage.first-poll.look-back", "P1D");
        properties.put("triage.retry.delay-ms", "100");
        properties.put("camel.management.enabled", "false");
        return properties;
    }

    private static void faults(SimulatedHelpDesk helpDesk, List<String> ids, Path state) throws Exception {
        helpDesk.mixFaults(new FaultMix(2026, 0.10, 0.05, 0.02, 0.01, 0.03, 1));
        Main main = TriageRuntime.createPolledOnDemand(properties(helpDesk, state), Clock.systemUTC());
        main.start();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        int polls = 0;
        try (ProducerTemplate poller = main.getCamelContext().createProducerTemplate()) {
            while (!allMarked(helpDesk, ids) && System.nanoTime() < deadline) {
                poller.sendBody(TriageRuntime.POLL_NOW, null);
                polls++;
                System.out.printf("  %s: poll %d, %d of %d written%n", helpDesk.helpdesk(), polls,
                        marked(helpDesk, ids), ids.size());
            }
        } finally {
            main.stop();
            helpDesk.mixFaults(null);
        }
    }

    private static void crashes(SimulatedHelpDesk helpDesk, List<String> ids, Path state, int kills)
            throws Exception {
        SplittableRandom random = new SplittableRandom(2026);
        Map<String, String> environment = new HashMap<>();
        properties(helpDesk, state).forEach((key, value) -> environment.put(TriageProperties.environmentName(key),
                value));
        environment.put("TRIAGE_POLL_CRON", "0/1 * * * * ?");
        // Slow enough that a kill lands mid-batch, between the calls of one ticket.
        helpDesk.slowDown(Duration.ofMillis(3));
        Path log = state.resolve("soak.log");
        for (int kill = 1; kill <= kills; kill++) {
            Process process = start(environment, log);
            // Killed once it has written a random few more tickets: in the middle of a batch, between two calls of
            // a ticket as often as not.
            int before = marked(helpDesk, ids);
            int target = Math.min(ids.size() - 1, before + 5 + random.nextInt(60));
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (marked(helpDesk, ids) < target && System.nanoTime() < until && process.isAlive()) {
                Thread.sleep(random.nextInt(1, 40));
            }
            process.destroyForcibly().waitFor();
            System.out.printf("  %s: kill %d, %d of %d written%n", helpDesk.helpdesk(), kill, marked(helpDesk, ids),
                    ids.size());
        }
        Process last = start(environment, log);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!allMarked(helpDesk, ids) && System.nanoTime() < deadline && last.isAlive()) {
            Thread.sleep(200);
        }
        // One more poll's time, so that a write finished late but not yet recorded shows.
        Thread.sleep(2_000);
        last.destroy();
        last.waitFor();
    }

    /** Tickets that carry the marker: their write is complete, the marker being its last call. */
    private static int marked(SimulatedHelpDesk helpDesk, List<String> ids) {
        return (int) ids.stream().filter(id -> helpDesk.ticket(id).tags().contains("triaged")).count();
    }

    private static boolean allMarked(SimulatedHelpDesk helpDesk, List<String> ids) {
        return marked(helpDesk, ids) == ids.size();
    }

    private static Process start(Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "ticket-triage.jar").toAbsolutePath().toString())
                .directory(new File(".").getAbsoluteFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static boolean report(SimulatedHelpDesk helpDesk, List<String> ids, double seconds) {
        Map<String, Integer> updates = helpDesk.updatesByTicket();
        int lost = 0;
        int twice = 0;
        int duplicateNotes = 0;
        int missingNotes = 0;
        int tagsChanged = 0;
        Set<String> ours = Set.of("triaged", "needs-review", CUSTOMER_TAG);
        for (String id : ids) {
            SimulatedTicket ticket = helpDesk.ticket(id);
            int writes = updates.getOrDefault(id, 0);
            if (writes == 0 || !ticket.tags().contains("triaged")) {
                lost++;
            }
            if (writes > 1) {
                twice++;
            }
            if (ticket.notes().size() > 1) {
                duplicateNotes++;
            }
            if (ticket.notes().isEmpty()) {
                missingNotes++;
            }
            if (!ticket.tags().contains(CUSTOMER_TAG) || !ours.containsAll(ticket.tags())) {
                tagsChanged++;
            }
        }
        System.out.printf("%-10s %d tickets in %.1f s (%.1f tickets/s): lost %d, written twice %d, duplicate notes %d, "
                        + "missing notes %d, customer tags changed %d; %d requests%n", helpDesk.helpdesk(), ids.size(),
                seconds, ids.size() / seconds, lost, twice, duplicateNotes, missingNotes, tagsChanged,
                helpDesk.requests().size());
        return lost + twice + duplicateNotes + missingNotes + tagsChanged == 0;
    }
}
