package io.tickettriage.adapter.freshdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.adapter.HelpDeskHistory;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HttpPolicy;
import io.tickettriage.adapter.RateLimitPacer;
import io.tickettriage.adapter.TriagedTickets;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.dataset.LabelledTicket;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.MutableClock;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.freshdesk.SimGroup;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import io.tickettriage.sim.freshdesk.TicketDraft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a Freshdesk's history over real HTTP against the simulator, in the simulator's time: the test's pause moves
 * the simulator's clock instead of sleeping, so a minute of rate limiting takes no time.
 */
class FreshdeskHistoryTest {

    private static final String API_KEY = "history-test-key";
    private static final SimGroup BILLING = new SimGroup(43_000_200_001L, "Billing", null);
    private static final SimGroup SUPPORT = new SimGroup(43_000_200_002L, "Support", null);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(2)));
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final CamelContext camel = new DefaultCamelContext();
    private FreshdeskSimulator simulator;

    @AfterEach
    void stopSimulator() {
        camel.stop();
        simulator.close();
    }

    private void startSimulator(UnaryOperator<SimulatorSettings> settings) {
        simulator = FreshdeskSimulator.start(settings.apply(
                SimulatorSettings.defaults(API_KEY, List.of(BILLING, SUPPORT)).withClock(clock)));
        camel.start();
    }

    /** Resolved tickets, alternately Billing/High and Support/Low, each changed one second after the one before. */
    private void seedResolved(int count) {
        for (int i = 0; i < count; i++) {
            boolean billing = i % 2 == 0;
            simulator.createTicket(new TicketDraft("Ticket " + i, "<p>Body of <b>ticket</b> " + i + "</p>", 4,
                    billing ? 3 : 1, billing ? BILLING.id() : SUPPORT.id(), List.of(), "customer@example.com"));
            clock.advance(Duration.ofSeconds(1));
        }
        clock.set(NOW);
    }

    private HelpDeskHttp client() {
        return client(1.0);
    }

    private HelpDeskHttp client(double share) {
        return new HelpDeskHttp(camel, FreshdeskHttp.desk(API_KEY), simulator.baseUrl(),
                new HttpPolicy(3, 3, Duration.ofMillis(10), Duration.ofMinutes(5), Duration.ofSeconds(30)),
                new RateLimitPacer(share, clock), wait -> {
                    waits.add(wait);
                    clock.advance(wait);
                });
    }

    private FreshdeskHistory history(HelpDeskHttp client, int perPage, int pageCap, boolean includeTriaged,
                                     String... config) throws Exception {
        Path file = Files.writeString(dir.resolve("application.properties"), String.join("\n", config));
        FreshdeskHistorySelection selection = FreshdeskHistorySelection.of(TriageProperties.load("file:" + file),
                new FreshdeskGroupDirectory(client).groups(), new TriagedTickets(includeTriaged, Set.of()), Optional.empty(),
                notices::add);
        return new FreshdeskHistory(client, perPage, pageCap, selection, new HelpDeskHistory.Progress() {
            @Override
            public void page(HelpDeskHistory.Tally sofar) {
                // the counts are checked on the result
            }

            @Override
            public void notice(String message) {
                notices.add(message);
            }
        });
    }

    private List<RecordedRequest> ticketPages() {
        return simulator.requests().stream().filter(r -> r.path().equals("/api/v2/tickets")).toList();
    }

    @Test
    void restartsWithALaterUpdatedSinceBeforeThePageCapAndKeepsEachTicketOnce() throws Exception {
        startSimulator(settings -> settings.withMaxPage(2));
        seedResolved(23);
        HelpDeskHistory.Result result = history(client(), 5, 2, false).read(NOW.minus(Duration.ofDays(3)));

        assertEquals(23, result.tally().kept());
        assertEquals(23, result.tally().listed());
        List<String> subjects = result.dataset().tickets().stream().map(LabelledTicket::subject).toList();
        assertEquals(23, subjects.stream().distinct().count(), subjects.toString());
        assertTrue(ticketPages().stream().allMatch(r -> r.status() == 200), "never asked beyond the cap");
        long starts = ticketPages().stream().map(r -> r.query().replaceAll(".*updated_since=([^&]*).*", "$1"))
                .distinct().count();
        assertTrue(starts >= 3, "updated_since moved forward " + (starts - 1) + " times");
        assertTrue(notices.stream().anyMatch(n -> n.contains("is beyond the page cap; restarting the listing")),
                notices.toString());
        assertEquals(Map.of("queue", "Billing", "priority", "high"), result.dataset().tickets().get(0).labels());
        assertEquals("Body of ticket 0", result.dataset().tickets().get(0).body(), "HTML turned into text");
    }

    @Test
    void pacesItsCallsToItsShareOfTheRateLimitAndMeetsNo429() throws Exception {
        // 30 credits a minute, of which half are ours; a page with include=description costs 3, the groups 1.
        startSimulator(settings -> settings.withRateLimitPerMinute(30));
        seedResolved(60);
        HelpDeskHistory.Result result = history(client(0.5), 5, FreshdeskTicketWalk.PAGE_CAP, false)
                .read(NOW.minus(Duration.ofDays(3)));

        assertEquals(60, result.tally().kept());
        assertEquals(0, simulator.requests().stream().filter(r -> r.status() == 429).count());
        // 15 credits a minute, with 2 % to spare: a 3-credit page every 12.24 s.
        Duration perPage = Duration.ofNanos((long) (Duration.ofMinutes(1).toNanos() * 3 / (15 * 0.98)));
        assertTrue(waits.size() >= 11, waits.toString());
        assertTrue(waits.stream().skip(1).allMatch(w -> Math.abs(w.toMillis() - perPage.toMillis()) < 50),
                waits.toString());
    }

    @Test
    void ticketsWithTheMarkerTagAreLeftOutUnlessAskedFor() throws Exception {
        startSimulator(UnaryOperator.identity());
        seedResolved(3);
        simulator.createTicket(new TicketDraft("Triaged", "<p>ours</p>", 5, 2, SUPPORT.id(), List.of("ours"),
                "customer@example.com"));
        Instant since = NOW.minus(Duration.ofDays(3));

        HelpDeskHistory.Result without = history(client(), 100, 300, false, "triage.marker-tag = ours").read(since);
        assertEquals(3, without.tally().kept());
        assertEquals(1, without.tally().excluded().get("labelled by ticket-triage (marker tag)"));

        HelpDeskHistory.Result with = history(client(), 100, 300, true, "triage.marker-tag = ours").read(since);
        assertEquals(4, with.tally().kept());
        assertEquals(Map.of("queue", "Support", "priority", "medium"), with.dataset().tickets().get(3).labels());
    }

    @Test
    void twoLabelsForOneGroupCannotBeLearned() throws Exception {
        startSimulator(UnaryOperator.identity());
        HelpDeskHttp client = client();
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> history(client, 5, 300, false,
                "freshdesk.queue-mapping = invoices=Billing, payments=" + BILLING.id()));
        assertEquals("freshdesk.queue-mapping for 'invoices' and freshdesk.queue-mapping for 'payments' both name "
                + "group " + BILLING.id()
                + ", so its tickets cannot be given one label to learn: keep one of the two", e.getMessage());
    }
}
