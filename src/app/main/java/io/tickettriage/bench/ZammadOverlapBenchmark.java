package io.tickettriage.bench;

import io.tickettriage.TriageRuntime;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.zammad.SimulatedZammad;
import io.tickettriage.sim.zammad.ZammadSettings;
import io.tickettriage.sim.zammad.ZammadSimulator;
import io.tickettriage.sim.zammad.ZammadTicketDraft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.jsoup.nodes.Entities;

/**
 * {@code java -cp target/ticket-triage.jar io.tickettriage.bench.ZammadOverlapBenchmark [arrivals] [lag-seconds]}:
 * how many tickets each {@code zammad.search.overlap} loses when Zammad's search index catches up with ticket changes
 * late and out of order. For each overlap (PT0S, PT10S, PT30S, PT2M) the real routes run against the Zammad simulator
 * with an index lag of 0 to {@code lag-seconds} s per change (default 6), polling every 2 s while tickets arrive
 * about every 0.6 s (default 39 arrivals), then polling on until every change has been indexed; a ticket that never
 * got the marker tag was never triaged: lost. Also reports what the overlap costs, in search and article reads per
 * poll. Takes about 25 s per overlap. Not a test: the losses depend on timing; the arrivals and lags are seeded.
 */
public final class ZammadOverlapBenchmark {

    private static final String TOKEN = "overlap-bench-token";
    private static final List<String> OVERLAPS = List.of("PT0S", "PT10S", "PT30S", "PT2M");
    private static final Duration POLL_EVERY = Duration.ofSeconds(2);

    private ZammadOverlapBenchmark() {
    }

    /** One overlap's outcome. */
    private record Outcome(String overlap, int arrivals, int lost, int polls, double searchesPerPoll,
                           double articleReadsPerTicket) {
    }

    public static void main(String[] args) throws Exception {
        int arrivals = args.length > 0 ? Integer.parseInt(args[0]) : 39;
        Duration lag = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 6);
        List<CorpusTicket> corpus = DemoCorpus.load().heldOut();
        System.out.printf("Zammad search overlap against an index lag of 0-%d s per change: %d arrivals, a poll "
                + "every %d s%n", lag.toSeconds(), arrivals, POLL_EVERY.toSeconds());
        List<Outcome> outcomes = new ArrayList<>();
        for (String overlap : OVERLAPS) {
            outcomes.add(run(overlap, arrivals, lag, corpus));
        }
        System.out.printf("%n%-8s %8s %6s %6s %16s %22s%n", "overlap", "arrivals", "lost", "polls", "searches/poll",
                "article reads/ticket");
        for (Outcome o : outcomes) {
            System.out.printf("%-8s %8d %6d %6d %16.2f %22.2f%n", o.overlap(), o.arrivals(), o.lost(), o.polls(),
                    o.searchesPerPoll(), o.articleReadsPerTicket());
        }
    }

    private static Outcome run(String overlap, int arrivals, Duration lag, List<CorpusTicket> corpus)
            throws Exception {
        Path state = Files.createTempDirectory("zammad-overlap-bench");
        try (ZammadSimulator simulator = ZammadSimulator.start(ZammadSettings.defaults(TOKEN,
                SimulatedZammad.DEMO_GROUPS).withIndexLag(lag))) {
            Map<String, String> properties = new HashMap<>(Map.of(
                    "triage.helpdesk", "zammad",
                    "zammad.base-url", simulator.baseUrl(),
                    "zammad.api-token", TOKEN,
                    "zammad.search.overlap", overlap,
                    "triage.state.directory", state.toString(),
                    "triage.first-poll.look-back", "P1D",
                    "triage.retry.delay-ms", "50",
                    "camel.management.enabled", "false"));
            Main main = TriageRuntime.createPolledOnDemand(properties, Clock.systemUTC());
            main.start();
            List<Long> ids = new ArrayList<>();
            int polls = 0;
            try (ProducerTemplate producer = main.getCamelContext().createProducerTemplate()) {
                SplittableRandom random = new SplittableRandom(9);
                long start = System.nanoTime();
                long nextPoll = 0;
                int created = 0;
                long nextArrival = 0;
                while (created < arrivals) {
                    long now = (System.nanoTime() - start) / 1_000_000;
                    if (now >= nextArrival) {
                        CorpusTicket ticket = corpus.get(created % corpus.size());
                        ids.add(simulator.createTicket(ZammadTicketDraft.email(ticket.subject(),
                                "<div>" + Entities.escape(ticket.description()) + "</div>")));
                        created++;
                        nextArrival = now + 300 + random.nextLong(600);
                    }
                    if (now >= nextPoll) {
                        producer.sendBody(TriageRuntime.POLL_NOW, null);
                        polls++;
                        nextPoll = now + POLL_EVERY.toMillis();
                    }
                    Thread.sleep(20);
                }
                // Until every change, ours included, has reached the index, and two polls more.
                long drainUntil = System.nanoTime() + lag.toNanos() + 2 * POLL_EVERY.toNanos();
                while (System.nanoTime() < drainUntil) {
                    Thread.sleep(POLL_EVERY.toMillis());
                    producer.sendBody(TriageRuntime.POLL_NOW, null);
                    polls++;
                }
            } finally {
                main.stop();
            }
            int lost = (int) ids.stream().filter(id -> !simulator.tags(id).contains("triaged")).count();
            List<RecordedRequest> requests = simulator.requests();
            long searches = requests.stream().filter(r -> r.path().equals("/api/v1/tickets/search")
                    && r.queryParameters().containsKey("sort_by")).count();
            long articleReads = requests.stream().filter(r -> r.path().startsWith(
                    "/api/v1/ticket_articles/by_ticket/")).count();
            System.out.printf("  %s: %d of %d arrivals never triaged%n", overlap, lost, ids.size());
            return new Outcome(overlap, ids.size(), lost, polls, (double) searches / polls,
                    (double) articleReads / ids.size());
        } finally {
            try (var files = Files.walk(state)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
