package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultMix;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.SimulatedHelpDesk.WritePart;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import io.tickettriage.sim.freshdesk.TicketDraft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's defects as they apply to Freshdesk, each against the production routes and the simulator over real
 * HTTP: the write protocol (note once, then the fields with the marker), the hardened read path, the customer's
 * tags, refusals and the pace. Each of these failed on the code before the write protocol.
 */
class FreshdeskWriteProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;
    private FreshdeskSimulator simulator;
    private final List<RunningTriage> running = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (RunningTriage triage : running) {
            triage.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private void startSimulator(SimulatorSettings settings) {
        simulator = FreshdeskSimulator.start(settings);
    }

    private void startSimulator() {
        startSimulator(SimulatorSettings.defaults(FreshdeskTriageRouteTest.API_KEY, SimulatedFreshdesk.demoGroups()));
    }

    private RunningTriage startTriage(String apiKey, Map<String, String> extra) throws Exception {
        RunningTriage triage = RunningTriage.start(RunningTriage.properties(simulator, apiKey, state, extra));
        running.add(triage);
        return triage;
    }

    private RunningTriage startTriage(Map<String, String> extra) throws Exception {
        return startTriage(FreshdeskTriageRouteTest.API_KEY, extra);
    }

    private void assertWrittenOnceEach(List<Long> ids) {
        for (long id : ids) {
            assertEquals(1, simulator.notes(id).size(), "exactly one note on " + id);
            assertTrue(tags(id).contains("triaged"), "marker on " + id);
        }
    }

    private List<String> tags(long id) {
        return FreshdeskTriageRouteTest.tags(simulator.ticket(id).orElseThrow());
    }

    private long count(String method, String pathRegex, int status) {
        return simulator.requests().stream().filter(r -> r.method().equals(method) && r.path().matches(pathRegex)
                && r.status() == status).count();
    }

    // -- the write path ------------------------------------------------------------------------------------------

    @Test
    void aNoteThatLandedButLostItsAnswerIsNotPostedTwice() throws Exception {
        startSimulator();
        List<Long> ids = TestTickets.seed(simulator, 4);
        simulator.injectFault(Fault.appliedThenFailed("POST", "/api/v2/tickets/" + ids.get(0) + "/notes", 500, 1));
        simulator.injectFault(Fault.appliedThenFailed("POST", "/api/v2/tickets/" + ids.get(1) + "/notes", 0, 1));
        startTriage(Map.of()).poll();

        assertWrittenOnceEach(ids);
        // The lost answers were looked for among the conversations instead of being posted again.
        assertEquals(1, simulator.requests().stream().filter(r -> r.path().equals("/api/v2/tickets/" + ids.get(0)
                + "/notes")).count());
        assertTrue(count("GET", "/api/v2/tickets/\\d+/conversations", 200) >= 2);
    }

    @Test
    void resetsAnd500sOnWritesLeaveOneNoteEach() throws Exception {
        startSimulator();
        List<Long> ids = TestTickets.seed(simulator, 4);
        desk().faultWrites(WritePart.NOTE, Fault.Kind.RESET, 0, 2);
        desk().faultWrites(WritePart.NOTE, Fault.Kind.STATUS, 500, 2);
        desk().faultWrites(WritePart.NOTE, Fault.Kind.APPLIED_THEN_FAILED, 0, 2);
        desk().faultWrites(WritePart.FIELDS, Fault.Kind.RESET, 0, 1);
        desk().faultWrites(WritePart.MARKER, Fault.Kind.APPLIED_THEN_FAILED, 500, 1);
        RunningTriage triage = startTriage(Map.of());
        // Six faults on notes may exhaust one note's retries: that ticket is finished by the next poll.
        triage.poll();
        triage.poll();

        assertWrittenOnceEach(ids);
    }

    @Test
    void aRefusalInTheMiddleOfTheWritesIsFinishedOnTheNextPollWithOneNoteEach() throws Exception {
        startSimulator();
        List<Long> ids = TestTickets.seed(simulator, 6);
        // The key is refused at the third ticket's PUT, after its note landed.
        simulator.injectFault(new Fault("PUT", "/api/v2/tickets/" + ids.get(2), 401, 0, 1));
        RunningTriage triage = startTriage(Map.of());
        try (LogCapture log = LogCapture.start()) {
            triage.poll();
            assertEquals(1, log.text().lines().filter(l -> l.contains("ERROR")).count(), log.text());
            assertEquals(1, log.text().lines().filter(l -> l.contains("ERROR") && l.contains("refused our credentials"))
                    .count(), log.text());
        }
        assertEquals(1, simulator.requests().stream().filter(r -> r.status() == 401).count(),
                "nothing more was sent with the refused key in that poll");
        assertEquals(1, simulator.notes(ids.get(2)).size());
        assertFalse(tags(ids.get(2)).contains("triaged"), "the marker waits for the next poll");

        triage.poll();

        assertWrittenOnceEach(ids);
    }

    @Test
    void exhaustedRetriesOnTheNoteOrTheMarkerAreFinishedLater() throws Exception {
        startSimulator();
        List<Long> ids = TestTickets.seed(simulator, 4);
        simulator.injectFault(new Fault("POST", "/api/v2/tickets/" + ids.get(0) + "/notes", 503, 0, 4));
        simulator.injectFault(new Fault("PUT", "/api/v2/tickets/" + ids.get(1), 500, 0, 4));
        RunningTriage triage = startTriage(Map.of("triage.retry.server-error-attempts", "3"));
        triage.poll();
        assertEquals(0, simulator.notes(ids.get(0)).size());
        assertFalse(tags(ids.get(1)).contains("triaged"));
        assertFalse(Files.exists(state.resolve("freshdesk.watermark")), "the watermark waits");

        triage.poll();

        assertWrittenOnceEach(ids);
        assertTrue(Files.exists(state.resolve("freshdesk.watermark")));
    }

    @Test
    void aStopBetweenTheNoteAndThePutIsFinishedAfterTheRestart() throws Exception {
        startSimulator();
        List<Long> ids = TestTickets.seed(simulator, 3);
        // Every PUT fails in the first life: the notes land, the markers do not.
        simulator.injectFault(new Fault("PUT", "/api/v2/tickets/\\d+", 500, 0, ids.size()));
        RunningTriage first = startTriage(Map.of("triage.retry.server-error-attempts", "0"));
        first.poll();
        first.close();
        running.remove(first);
        assertEquals(ids.size(), count("PUT", "/api/v2/tickets/\\d+", 500));
        simulator.clearRequests();

        RunningTriage second = startTriage(Map.of());
        second.poll();

        assertWrittenOnceEach(ids);
        assertEquals(0, simulator.requests().stream().filter(r -> r.method().equals("POST")).count(),
                "the notes of the first life were not posted again");
    }

    @Test
    void underMixedFaultsNothingIsLostDoubledOrChanged() throws Exception {
        startSimulator();
        List<Long> ids = TestTickets.seed(simulator, 40);
        for (long id : ids.subList(0, 10)) {
            desk().addCustomerTag(String.valueOf(id), "customer-" + id);
        }
        RunningTriage triage = startTriage(Map.of());
        // The soak mix: 10 % 5xx, 5 % 429, 2 % resets, 1 % garbled pages, 3 % applied-then-failed writes.
        desk().mixFaults(new FaultMix(9, 0.10, 0.05, 0.02, 0.01, 0.03, 0));
        for (int poll = 0; poll < 10 && !ids.stream().allMatch(id -> tags(id).contains("triaged")); poll++) {
            triage.poll();
        }
        desk().mixFaults(null);

        assertWrittenOnceEach(ids);
        for (long id : ids.subList(0, 10)) {
            assertEquals("customer-" + id, tags(id).get(0), "the customer's tag is kept, first, as it was");
        }
    }

    // -- the read path -------------------------------------------------------------------------------------------

    @Test
    void aGarbledPageIsFetchedAgainAndTriaged() throws Exception {
        startSimulator();
        List<Long> ids = TestTickets.seed(simulator, 5);
        desk().faultPages(Fault.Kind.GARBLED, 0, 2);
        startTriage(Map.of()).poll();

        assertWrittenOnceEach(ids);
        assertTrue(Files.exists(state.resolve("freshdesk.watermark")));
    }

    @Test
    void poisonRecordsUnsafeIdsAndFarFutureTimesAreDeadLettersAndTheRestIsTriaged() throws Exception {
        startSimulator();
        List<Long> ids = TestTickets.seed(simulator, 3);
        String now = Instant.now().toString();
        String deep = "[".repeat(2_000) + "]".repeat(2_000);
        desk().listRawRecord("{\"id\":900001,\"status\":2,\"group_id\":null,\"tags\":[],\"updated_at\":\"" + now
                + "\",\"custom_fields\":{\"cf_deep\":" + deep + "}}");
        desk().listRawRecord("{\"id\":\"../../x\",\"status\":2,\"group_id\":null,\"tags\":[],\"updated_at\":\""
                + now + "\"}");
        desk().listRawRecord("{\"id\":900002,\"status\":2,\"group_id\":null,\"tags\":[],\"updated_at\":"
                + "\"2099-01-01T00:00:00Z\"}");
        desk().listRawRecord("{\"id\":\"" + "7".repeat(300) + "\",\"status\":2,\"group_id\":null,\"tags\":[],"
                + "\"updated_at\":\"" + now + "\"}");
        desk().listRawRecord("{\"id\":\"a\\u0000b\",\"status\":2,\"group_id\":null,\"tags\":[],\"updated_at\":\""
                + now + "\"}");
        RunningTriage triage = startTriage(Map.of());
        triage.poll();

        assertWrittenOnceEach(ids);
        try (Stream<Path> letters = Files.list(state.resolve("dead-letter"))) {
            assertEquals(5, letters.count(), "each unreadable record is a dead letter");
        }
        Instant watermark = Instant.parse(Files.readString(state.resolve("freshdesk.watermark")).trim());
        assertTrue(watermark.isBefore(Instant.now().plus(Duration.ofMinutes(1))), "2099 moved no watermark: "
                + watermark);
        triage.poll();
        assertWrittenOnceEach(ids);
    }

    // -- the customer's data -------------------------------------------------------------------------------------

    @Test
    void tagsThatAreNotAListAreLeftOutOfThePutAndTheTicketCountsAsWritten() throws Exception {
        startSimulator();
        long id = TestTickets.seed(simulator, 1).get(0);
        simulator.listFieldAs(id, "tags", TextNode.valueOf("vip,urgent"));
        RunningTriage triage = startTriage(Map.of());
        try (LogCapture log = LogCapture.start()) {
            triage.poll();
            assertTrue(log.text().contains("the marker tag 'triaged' cannot be added"), log.text());
        }
        JsonNode put = puts().get(0);
        assertFalse(put.has("tags"), "the customer's tags are not rewritten: " + put);
        assertEquals(1, simulator.notes(id).size());
        triage.poll();
        assertEquals(1, puts().size(), "written once, though the marker could not be added");
        assertEquals(1, simulator.notes(id).size());
    }

    @Test
    void listedValuesThatAreNotStringsAreDroppedWithOneWarningAndTheStringsGoBackAsTheyCame() throws Exception {
        startSimulator();
        List<Long> ids = TestTickets.seed(simulator, 2);
        simulator.listFieldAs(ids.get(0), "tags", JSON.readTree("[1,null,{},\"ok\",[],true,1.10]"));
        desk().addCustomerTag(String.valueOf(ids.get(1)), "Kunde \"VIP\" ✓");
        try (LogCapture log = LogCapture.start()) {
            startTriage(Map.of()).poll();
            List<String> warnings = log.text().lines().filter(l -> l.startsWith("WARN") && l.contains("not strings"))
                    .toList();
            assertEquals(1, warnings.size(), log.text());
            assertTrue(warnings.get(0).contains("Freshdesk ticket " + ids.get(0) + " lists 6 tag value(s)"),
                    warnings.get(0));
        }

        // Freshdesk refuses a PUT that carries a tag that is not a string: only the strings go back, then ours.
        JsonNode first = JSON.readTree(simulator.requests().stream().filter(r -> r.method().equals("PUT")
                && r.path().equals("/api/v2/tickets/" + ids.get(0))).findFirst().orElseThrow().body());
        assertEquals("[\"ok\",\"triaged\"]", first.get("tags").toString().replace(",\"needs-review\"", ""));
        assertTrue(tags(ids.get(0)).containsAll(List.of("ok", "triaged")), tags(ids.get(0)).toString());
        assertTrue(tags(ids.get(1)).containsAll(List.of("Kunde \"VIP\" ✓", "triaged")), tags(ids.get(1)).toString());
    }

    @Test
    void aTagTheCustomerAddedWhileAWriteWasOpenIsKeptWhenItIsFinished() throws Exception {
        startSimulator();
        long id = TestTickets.seed(simulator, 1).get(0);
        simulator.injectFault(new Fault("PUT", "/api/v2/tickets/" + id, 500, 0, 4));
        RunningTriage triage = startTriage(Map.of("triage.retry.server-error-attempts", "3"));
        triage.poll();
        assertFalse(tags(id).contains("triaged"));
        desk().addCustomerTag(String.valueOf(id), "added-meanwhile");

        triage.poll();

        assertTrue(tags(id).containsAll(List.of("added-meanwhile", "triaged")), tags(id).toString());
        assertEquals(1, simulator.notes(id).size());
    }

    // -- refusals and secrets ------------------------------------------------------------------------------------

    @Test
    void refusedCredentialsAreOneRequestAndOneLinePerPoll() throws Exception {
        startSimulator();
        TestTickets.seed(simulator, 5);
        RunningTriage triage = startTriage(Map.of());
        simulator.revokeApiKey(true);
        simulator.clearRequests();
        for (int poll = 1; poll <= 2; poll++) {
            try (LogCapture log = LogCapture.start()) {
                triage.poll();
                assertEquals(1, log.text().lines().filter(l -> l.contains("ERROR")).count(), log.text());
                assertFalse(log.text().contains(FreshdeskTriageRouteTest.API_KEY));
            }
            assertEquals(poll, simulator.requests().size(), "one refused request per poll");
        }
        simulator.revokeApiKey(false);
        triage.poll();
        assertEquals(5, puts().size());
    }

    @Test
    void anApiKeyWithQuotesAndCommasArrivesIntact() throws Exception {
        String key = "k\"ey,with \"quote\",comma";
        startSimulator(SimulatorSettings.defaults(key, SimulatedFreshdesk.demoGroups()));
        List<Long> ids = TestTickets.seed(simulator, 2);
        startTriage(key, Map.of()).poll();
        assertWrittenOnceEach(ids);
    }

    // -- pace ----------------------------------------------------------------------------------------------------

    @Test
    void callsAreSpacedToTheShareOfTheRateLimitSoNo429IsProvoked() throws Exception {
        // 600 credits a minute, a quarter of them ours: a credit every 0.4 s, whatever the backlog.
        startSimulator(SimulatorSettings.defaults(FreshdeskTriageRouteTest.API_KEY, SimulatedFreshdesk.demoGroups())
                .withRateLimitPerMinute(600));
        List<Long> ids = TestTickets.seed(simulator, 3);
        startTriage(Map.of("freshdesk.rate-limit.share", "0.25")).poll();

        assertWrittenOnceEach(ids);
        List<RecordedRequest> calls = simulator.requests();
        assertEquals(0, calls.stream().filter(r -> r.status() == 429).count());
        for (int i = 2; i < calls.size(); i++) {
            Duration gap = Duration.between(calls.get(i - 1).receivedAt(), calls.get(i).receivedAt());
            assertTrue(gap.toMillis() >= 350, "calls spaced to 150 credits a minute: " + gap);
        }
    }

    private SimulatedFreshdesk desk() {
        return SimulatedFreshdesk.around(simulator, FreshdeskTriageRouteTest.API_KEY);
    }

    private List<JsonNode> puts() {
        return RecordedUpdates.of(simulator.requests(), "PUT", "/api/v2/tickets/\\d+").stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

}
