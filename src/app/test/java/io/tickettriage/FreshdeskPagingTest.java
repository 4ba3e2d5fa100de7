package io.tickettriage;

import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing large backlogs: Link-header paging and Freshdesk's page cap. */
class FreshdeskPagingTest {

    private static final String API_KEY = FreshdeskTriageRouteTest.API_KEY;

    @TempDir
    Path state;

    @Test
    void pagesThroughMoreThan300TicketsFollowingLinkHeaders() throws Exception {
        try (FreshdeskSimulator simulator = FreshdeskSimulator.start(
                SimulatorSettings.defaults(API_KEY, SimulatedFreshdesk.demoGroups()))) {
            List<Long> ids = TestTickets.seed(simulator, 350);
            try (RunningTriage triage = RunningTriage.start(properties(simulator, Map.of()))) {
                triage.poll();
            }
            List<RecordedRequest> lists = listRequests(simulator);
            assertEquals(4, lists.size(), "350 tickets at 100 per page");
            for (int page = 1; page < lists.size(); page++) {
                Map<String, String> query = lists.get(page).queryParameters();
                assertEquals(String.valueOf(page + 1), query.get("page"), "followed the Link header");
                assertEquals("100", query.get("per_page"));
            }
            assertEquals(Set.copyOf(ids), updatedIds(simulator));
        }
    }

    @Test
    void restartsTheListingWithALaterUpdatedSinceBeforeThePageCap() throws Exception {
        // Each ticket created one second after the last, so updated_at can move the listing forward.
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now().minusSeconds(600));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (FreshdeskSimulator simulator = FreshdeskSimulator.start(
                SimulatorSettings.defaults(API_KEY, SimulatedFreshdesk.demoGroups()).withMaxPage(2).withClock(clock))) {
            int count = 35;
            for (int i = 0; i < count; i++) {
                TestTickets.seed(simulator, 1);
                now.set(now.get().plusSeconds(1));
            }
            now.set(Instant.now());
            Map<String, String> small = Map.of("freshdesk.page-size", "10",
                    "freshdesk.page-cap", "2");
            try (RunningTriage triage = RunningTriage.start(properties(simulator, small))) {
                triage.poll();
            }
            List<RecordedRequest> lists = listRequests(simulator);
            assertTrue(lists.stream().allMatch(r -> r.status() == 200), "never asked beyond the cap");
            long restarts = lists.stream().map(r -> r.queryParameters().get("updated_since"))
                    .distinct().count();
            assertTrue(restarts >= 2, "updated_since moved forward " + (restarts - 1) + " times");
            assertEquals(count, updatedIds(simulator).size(), "every ticket triaged across the restarts");
        }
    }

    private Map<String, String> properties(FreshdeskSimulator simulator, Map<String, String> extra) {
        Map<String, String> withoutNotes = new HashMap<>(extra);
        withoutNotes.put("triage.note.enabled", "false");
        return RunningTriage.properties(simulator, API_KEY, state, withoutNotes);
    }

    private static List<RecordedRequest> listRequests(FreshdeskSimulator simulator) {
        return simulator.requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/api/v2/tickets")).toList();
    }

    private static Set<Long> updatedIds(FreshdeskSimulator simulator) {
        return Set.copyOf(simulator.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.status() == 200)
                .map(r -> Long.parseLong(r.path().substring(r.path().lastIndexOf('/') + 1))).toList());
    }
}
