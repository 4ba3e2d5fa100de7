package io.tickettriage.bench;

import io.tickettriage.TriageRuntime;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * {@code java -cp target/ticket-triage.jar io.tickettriage.bench.PacingBenchmark [tickets] [share]}: proactive
 * pacing against the Freshdesk simulator at the Growth plan's limits (200 API calls a minute, account-wide). The
 * simulator holds a backlog of {@code tickets} waiting tickets (default 500); the real routes are polled until every
 * one of them is triaged (notes on), with {@code freshdesk.rate-limit.share} = {@code share} (default the shipped
 * 0.5). Prints the calls per minute achieved against the allowed share (share × 200), the 429s met and the tickets
 * per second. Acceptance (issue 9): at least 95 % of the allowed share, and no 429.
 *
 * <p>Freshdesk counts "API calls" in credits: a ticket page with {@code include=description} costs 3, every other
 * call 1; the rate is measured in those credits, as the limit is, and also given in HTTP requests.
 */
public final class PacingBenchmark {

    private static final Duration GIVE_UP = Duration.ofMinutes(60);
    private static final int LISTING_WITH_DESCRIPTION = 3;

    private PacingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        double share = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
        int limit = SimulatorSettings.GROWTH_PLAN_PER_MINUTE;
        double allowed = share * limit;
        System.out.printf(Locale.ROOT, "ticket-triage pacing benchmark: Freshdesk simulator at Growth limits (%d calls "
                + "a minute, account-wide), %d waiting tickets, freshdesk.rate-limit.share = %s: %.0f calls a minute "
                + "allowed%n", limit, tickets, share, allowed);
        String apiKey = "bench-" + UUID.randomUUID();
        Path state = Files.createTempDirectory("triage-pacing");
        try (FreshdeskSimulator simulator = FreshdeskSimulator.start(SimulatorSettings.defaults(apiKey,
                SimulatedFreshdesk.demoGroups()).withGrowthPlanLimits())) {
            SimulatedFreshdesk desk = SimulatedFreshdesk.around(simulator, apiKey);
            List<CorpusTicket> corpus = DemoCorpus.load().heldOut();
            for (int i = 0; i < tickets; i++) {
                CorpusTicket c = corpus.get(i % corpus.size());
                desk.createTicket(c.subject(), c.description());
            }
            Map<String, String> properties = new HashMap<>(desk.adapterProperties());
            properties.putAll(Map.of("triage.helpdesk", "freshdesk", "triage.state.directory", state.toString(),
                    "triage.note.enabled", "true", "triage.first-poll.look-back", "P1D",
                    "camel.management.enabled", "false", "freshdesk.rate-limit.share", String.valueOf(share)));
            long start = System.nanoTime();
            Main main = TriageRuntime.createPolledOnDemand(properties, Clock.systemUTC());
            main.start();
            int polls = 0;
            long triaged = 0;
            try (ProducerTemplate producer = main.getCamelContext().createProducerTemplate()) {
                while (triaged < tickets && System.nanoTime() - start < GIVE_UP.toNanos()) {
                    producer.sendBody(TriageRuntime.POLL_NOW, null);
                    polls++;
                    triaged = triaged(simulator);
                    System.out.printf(Locale.ROOT, "   poll %d: %d of %d triaged after %.0f s%n", polls, triaged,
                            tickets, (System.nanoTime() - start) / 1e9);
                }
            } finally {
                main.stop();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report(simulator.requests(), tickets, triaged, seconds, allowed);
        }
    }

    private static long triaged(FreshdeskSimulator simulator) {
        return simulator.tickets().stream().filter(ticket -> {
            for (var tag : ticket.path("tags")) {
                if (tag.asText().equals("triaged")) {
                    return true;
                }
            }
            return false;
        }).count();
    }

    private static void report(List<RecordedRequest> requests, int tickets, long triaged, double seconds,
                               double allowed) {
        long rateLimited = requests.stream().filter(r -> r.status() == 429).count();
        List<RecordedRequest> charged = requests.stream().filter(r -> r.status() != 429).toList();
        long credits = charged.stream().mapToLong(PacingBenchmark::credits).sum();
        // The rate between the first call and the last: the last call's credits fall after the span.
        double minutes = Duration.between(requests.get(0).receivedAt(), requests.get(requests.size() - 1)
                .receivedAt()).toNanos() / 60e9;
        double creditsPerMinute = (credits - credits(charged.get(charged.size() - 1))) / minutes;
        double requestsPerMinute = (requests.size() - 1) / minutes;
        double ofAllowed = creditsPerMinute / allowed;
        System.out.printf(Locale.ROOT, "   %d of %d tickets triaged in %.1f s: %.2f tickets/s%n", triaged, tickets,
                seconds, triaged / seconds);
        System.out.printf(Locale.ROOT, "   API calls (credits, as Freshdesk counts them): %d in %.2f min = %.1f a "
                + "minute, %.1f %% of the allowed %.0f%n", credits, minutes, creditsPerMinute, ofAllowed * 100,
                allowed);
        System.out.printf(Locale.ROOT, "   HTTP requests: %d = %.1f a minute; %.2f per ticket%n", requests.size(),
                requestsPerMinute, (double) requests.size() / Math.max(1, triaged));
        System.out.printf("   429 answers: %d%n", rateLimited);
        boolean pass = triaged == tickets && ofAllowed >= 0.95 && rateLimited == 0;
        System.out.printf("   acceptance (all triaged, >= 95 %% of the allowed share, zero 429s): %s%n",
                pass ? "PASS" : "FAIL");
    }

    private static long credits(RecordedRequest request) {
        boolean listing = request.method().equals("GET") && request.path().equals("/api/v2/tickets")
                && request.query().contains("include=description");
        return listing ? LISTING_WITH_DESCRIPTION : 1;
    }
}
