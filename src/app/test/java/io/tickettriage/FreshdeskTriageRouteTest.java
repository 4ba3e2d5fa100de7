package io.tickettriage;

import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.cli.ToolRun;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.triage.TicketClassifier;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.freshdesk.SimGroup;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import io.tickettriage.sim.freshdesk.TicketDraft;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriageDecision;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import io.tickettriage.classify.transformer.TinyTransformer;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freshdesk specifics of the production routes (routes/*.yaml and routes/kamelets) against the Freshdesk simulator
 * over real HTTP: the fields of each PUT, 429 and 5xx handling, dry run, metrics. The scenarios every help desk
 * shares are in {@link HelpDeskAcceptanceSuite}, run for Freshdesk by {@link FreshdeskAcceptanceTest}.
 */
class FreshdeskTriageRouteTest {

    static final String API_KEY = "sim-key-4c1f9e27b8d34a6f";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields the Freshdesk contract accepts on PUT /api/v2/tickets/{id} (reference notes §1.8). */
    private static final Set<String> UPDATE_FIELDS = Set.of("description", "due_by", "email_config_id", "fr_due_by",
            "group_id", "internal_group_id", "priority", "email", "phone", "twitter_id", "facebook_id", "requester_id",
            "name", "responder_id", "internal_agent_id", "source", "status", "subject", "type", "product_id",
            "company_id", "skill_id", "skip_close_notification", "unique_external_id", "tracker_id", "tags",
            "attachments", "custom_fields");

    @TempDir
    Path state;
    FreshdeskSimulator simulator;
    private final List<RunningTriage> running = new ArrayList<>();

    @BeforeEach
    void startSimulator() {
        simulator = FreshdeskSimulator.start(SimulatorSettings.defaults(API_KEY, SimulatedFreshdesk.demoGroups()));
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (RunningTriage triage : running) {
            triage.close();
        }
        simulator.close();
    }

    RunningTriage startTriage(Map<String, String> extra) throws Exception {
        RunningTriage triage = RunningTriage.start(RunningTriage.properties(simulator, API_KEY, state, extra));
        running.add(triage);
        return triage;
    }

    @Test
    void onePollUpdatesEveryTicketThatNeedsTriageExactlyOnceWithMappedValues() throws Exception {
        List<Long> ids = TestTickets.seed(simulator, 16);
        long alreadyRouted = simulator.createTicket(new TicketDraft("Printer question", "<p>Which toner?</p>", 2, 1,
                group("Sales"), List.of(), "a@example.com"));
        long pending = simulator.createTicket(new TicketDraft("Waiting on customer", "<p>We wait</p>", 3, 1, null,
                List.of(), "b@example.com"));
        long marked = simulator.createTicket(new TicketDraft("Old one", "<p>Done before</p>", 2, 1, null,
                List.of("triaged"), "c@example.com"));
        long tagged = simulator.createTicket(new TicketDraft("VAT number on invoice", "<p>Please add our VAT id to "
                + "invoice 2024-118, the invoice is wrong.</p>", 2, 1, null, List.of("vip", "emea"), "d@example.com"));
        List<Long> candidates = Stream.concat(ids.stream(), Stream.of(tagged)).toList();

        RunningTriage triage = startTriage(Map.of());
        triage.poll();

        Map<Long, List<JsonNode>> puts = putBodiesByTicket();
        assertEquals(Set.copyOf(candidates), puts.keySet(), "exactly the tickets that need triage are updated");
        Set<Long> groupIds = SimulatedFreshdesk.demoGroups().stream().map(SimGroup::id).collect(Collectors.toSet());
        TicketClassifier classifier = triage.bean("ticketClassifier", TicketClassifier.class);
        for (long id : candidates) {
            assertEquals(1, puts.get(id).size(), "ticket " + id + " is updated once");
            JsonNode body = puts.get(id).get(0);
            body.fieldNames().forEachRemaining(f -> assertTrue(UPDATE_FIELDS.contains(f), "Freshdesk accepts " + f));
            JsonNode ticket = simulator.ticket(id).orElseThrow();
            TriageDecision expected = classifier.decideAll(List.of(new Ticket("freshdesk", String.valueOf(id),
                    ticket.path("subject").asText(), ticket.path("description_text").asText(), List.of(),
                    Instant.now()))).get(0);
            if (body.has("group_id")) {
                assertTrue(body.get("group_id").isIntegralNumber() && groupIds.contains(body.get("group_id").asLong()));
                assertEquals(ticket.path("group_id").asLong(), body.get("group_id").asLong());
            }
            expected.queue().ifPresent(label -> assertEquals(group(triage.mapped("freshdesk.queue-mapping", label)),
                    body.get("group_id").asLong(),
                    "queue " + label + " is mapped to its configured group"));
            expected.priority().ifPresent(label -> assertEquals(triage.mapped("freshdesk.priority-mapping", label),
                    body.get("priority").asText()));
            assertTrue(body.get("tags").isArray());
            assertTrue(tags(ticket).contains("triaged"), "marker tag on " + id);
            assertEquals(1, simulator.notes(id).size(), "one private note on " + id);
            assertTrue(simulator.notes(id).get(0).path("private").asBoolean());
        }
        assertTrue(tags(simulator.ticket(tagged).orElseThrow()).containsAll(List.of("vip", "emea", "triaged")),
                "existing tags are kept");
        assertEquals(0, Stream.of(alreadyRouted, pending, marked).filter(puts::containsKey).count());
        assertTrue(simulator.requests().stream().filter(r -> r.method().equals("PUT"))
                .allMatch(r -> r.status() == 200), "every PUT was accepted");
        long confidentQueues = candidates.stream().filter(id -> puts.get(id).get(0).has("priority")).count();
        assertTrue(confidentQueues > 0, "some demo tickets get a confident priority (the demo model guarantees 70 % for few priorities)");
    }

    @Test
    void restartWithTheSameStateDirectoryRepeatsNoUpdate() throws Exception {
        List<Long> ids = TestTickets.seed(simulator, 8);
        RunningTriage first = startTriage(Map.of());
        first.poll();
        first.close();
        running.remove(first);
        assertEquals(8, puts().size());
        // An agent strips group and tags from one ticket: it matches the selection again, and only the state
        // directory's record of triaged tickets can keep it from being written twice.
        long reopened = ids.get(0);
        put(reopened, "{\"tags\":[],\"group_id\":null}");
        simulator.clearRequests();

        RunningTriage second = startTriage(Map.of());
        second.poll();

        assertEquals(0, puts().size(), "nothing is written again after a restart");
        String since = listQueries().get(0).get("updated_since");
        assertTrue(Instant.parse(since).isAfter(Instant.now().minus(Duration.ofMinutes(5))),
                "the restart resumed from the stored watermark, not from the look-back window: " + since);
    }

    @Test
    void goLiveHoldsBackClassesWithTooLittleEvidenceAndTheStartupLogSaysWhich() throws Exception {
        List<Long> ids = TestTickets.seed(simulator, 6);
        RunningTriage triage;
        try (LogCapture log = LogCapture.start()) {
            // The bundled model's held-out part has 109 tickets: 99 % at 90 % confidence takes 229 right of 229.
            triage = startTriage(Map.of("triage.go-live.target-precision", "0.99", "triage.go-live.confidence", "0.9",
                    "triage.queue.min-confidence", "0", "triage.priority.min-confidence", "0"));
            assertTrue(log.text().contains("Go-live at 99% precision guaranteed at 90% confidence, queue: live none; "
                    + "held back for review account-access ("), log.text());
            assertTrue(log.text().contains("Thresholds: queue per-class for 70% precision, at least 0.00 ("), log.text());
        }
        triage.poll();

        long review = group("Triage Review");
        for (long id : ids) {
            JsonNode body = putBodiesByTicket().get(id).get(0);
            assertEquals(review, body.get("group_id").asLong(), "a held-back class goes to the review group");
            assertFalse(body.has("priority"), "a held-back priority is left unchanged");
            assertTrue(tags(simulator.ticket(id).orElseThrow()).containsAll(List.of("triaged", "needs-review")));
        }
    }

    @Test
    void lowConfidenceGetsTheFallbackNotAGuess() throws Exception {
        List<Long> ids = TestTickets.seedVague(simulator);
        startTriage(Map.of("triage.queue.min-confidence", "0.99", "triage.priority.min-confidence", "0.99"))
                .poll();

        long review = group("Triage Review");
        for (long id : ids) {
            JsonNode body = putBodiesByTicket().get(id).get(0);
            assertEquals(review, body.get("group_id").asLong(), "uncertain ticket goes to the review group");
            assertFalse(body.has("priority"), "uncertain priority is left unchanged");
            assertTrue(tags(simulator.ticket(id).orElseThrow()).containsAll(List.of("triaged", "needs-review")));
            assertTrue(simulator.notes(id).get(0).path("body").asText().contains("below the threshold"));
        }
    }

    @Test
    void aTransformerFromConfigurationServesTheQueueHeadTheDefaultModelThePriority() throws Exception {
        List<String> queues = List.of("account-access", "billing", "general-inquiry", "orders-shipping",
                "returns-refunds", "sales", "service-outage", "technical-support");
        Path folder = TinyTransformer.write(state.resolve("queue-transformer"), queues,
                Map.of("invoice", "billing", "password", "account-access"));
        long invoice = simulator.createTicket(TicketDraft.open("invoice", "my invoice please"));
        long password = simulator.createTicket(TicketDraft.open("password", "my password please"));
        startTriage(Map.of("triage.model.head.queue", folder.toString())).poll();

        assertEquals(group("Billing & Payments"), putBodiesByTicket().get(invoice).get(0).get("group_id").asLong());
        assertEquals(group("Account & Access"), putBodiesByTicket().get(password).get(0).get("group_id").asLong());
        assertTrue(putBodiesByTicket().get(invoice).get(0).has("priority") || tags(simulator.ticket(invoice)
                .orElseThrow()).contains("needs-review"), "the priority head still answers, from the default model");
    }

    @Test
    void aModelTrainedOnPriorityLabelsOnlyWritesThePriorityAndLeavesTheGroupAsTheDeskHasIt() throws Exception {
        // An export with priorities and no queues, trained as the README says.
        Path csv = state.resolveSibling(state.getFileName() + "-priorities.csv");
        try (CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(csv), CSVFormat.RFC4180)) {
            printer.printRecord("subject", "body", "priority");
            for (CorpusTicket ticket : DemoCorpus.load().training()) {
                printer.printRecord(ticket.subject(), ticket.description(), ticket.priority());
            }
        }
        Path bundle = state.resolveSibling(state.getFileName() + "-priority-only");
        // At 60 %: the demo corpus's priorities are too few to prove 90 %.
        ToolRun train = ToolRun.of("", "train", "--data", csv.toString(), "--label", "priority=priority", "--out",
                bundle.toString(), "--target-accuracy", "0.6");
        assertEquals(0, train.exitCode(), train.err());
        List<Long> ids = TestTickets.seed(simulator, 8);

        // The review group is for unsure queues: a model that decides no queue does without one.
        startTriage(Map.of("triage.model.path", bundle.toString(), "freshdesk.review-group", "")).poll();

        Map<Long, List<JsonNode>> puts = putBodiesByTicket();
        assertEquals(Set.copyOf(ids), puts.keySet());
        for (long id : ids) {
            assertEquals(1, puts.get(id).size(), "ticket " + id + " is updated once");
            JsonNode body = puts.get(id).get(0);
            assertFalse(body.has("group_id"), "the group is left as the desk has it: " + body);
            assertTrue(simulator.ticket(id).orElseThrow().path("group_id").isNull());
            assertEquals(1, simulator.notes(id).size(), "one note on " + id);
            assertTrue(simulator.notes(id).get(0).path("body").asText().contains(
                    "queue: left as the desk has it: the model has no queue head"), simulator.notes(id).toString());
            // Only an unsure priority asks for review: the queue the model lacks does not.
            assertEquals(!body.has("priority"), tags(simulator.ticket(id).orElseThrow()).contains("needs-review"),
                    body.toString());
        }
        assertTrue(ids.stream().anyMatch(id -> puts.get(id).get(0).has("priority")), "a priority is written");
    }

    @Test
    void theDemoRunsAQueueOnlyModelAndItsSummaryScoresTheQueueOnly() throws Exception {
        Path bundle = Files.createDirectories(state.resolveSibling(state.getFileName() + "-queue-only"));
        Files.write(bundle.resolve("model.onnx"), TestModels.withOnly("queue"));
        try (LogCapture log = LogCapture.start()) {
            // The demo: no help desk configured, only the model changed.
            RunningTriage demo = RunningTriage.start(RunningTriage.testProperties(state, Map.of(
                    "triage.model.path", bundle.toString(), "demo.backlog", "4", "demo.new-ticket-every", "PT1H")));
            running.add(demo);
            demo.poll();
            assertEquals(4, demo.bean("triageStatistics", io.tickettriage.triage.TriageStatistics.class).snapshot()
                    .updated());
            // Stopping the demo prints its summary.
            running.remove(demo);
            demo.close();
            assertTrue(log.text().contains("priority: left as the desk has it: the model has no priority head"),
                    log.text());
            assertTrue(log.text().contains("Agents' final choices vs the model: queue agreed "), log.text());
            assertFalse(log.text().contains("priority agreed"), log.text());
        }
    }

    @Test
    void queueFallbackUnchangedLeavesTheGroupAlone() throws Exception {
        List<Long> ids = TestTickets.seedVague(simulator);
        startTriage(Map.of("triage.queue.min-confidence", "0.99", "triage.queue.fallback", "unchanged")).poll();

        for (long id : ids) {
            JsonNode body = putBodiesByTicket().get(id).get(0);
            assertFalse(body.has("group_id"));
            assertTrue(simulator.ticket(id).orElseThrow().path("group_id").isNull());
            assertTrue(tags(simulator.ticket(id).orElseThrow()).contains("needs-review"));
        }
    }

    @Test
    void rateLimitIsHonouredThroughRetryAfterByTheOneClient() throws Exception {
        List<Long> ids = TestTickets.seed(simulator, 3);
        simulator.injectFault(new Fault("GET", "/api/v2/tickets", 429, 1, 1));
        simulator.injectFault(new Fault("PUT", "/api/v2/tickets/" + ids.get(1), 429, 2, 1));

        try (LogCapture log = LogCapture.start()) {
            startTriage(Map.of()).poll();
            // The shared client saw both 429s and waited as asked; nothing else retried them.
            assertEquals(2, log.text().lines().filter(l -> l.contains("Freshdesk rate limit reached while")).count(),
                    log.text());
        }

        List<RecordedRequest> requests = simulator.requests();
        assertRetriedAfter(requests, "GET", "/api/v2/tickets", Duration.ofSeconds(1));
        assertRetriedAfter(requests, "PUT", "/api/v2/tickets/" + ids.get(1), Duration.ofSeconds(2));
        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet(), "no ticket lost");
        assertTrue(putBodiesByTicket().values().stream().allMatch(b -> b.size() == 1), "each written once");
    }

    @Test
    void a429DoesNotUseUpTheServerErrorRetries() throws Exception {
        List<Long> ids = TestTickets.seed(simulator, 1);
        String path = "/api/v2/tickets/" + ids.get(0) + "/notes";
        // Alternating 429s and 500s: four failures of each kind with three server-error retries would have failed
        // when a 429 counted as a server error; 429s have their own budget.
        simulator.injectFault(new Fault("POST", path, 429, 0, 1));
        simulator.injectFault(new Fault("POST", path, 500, 0, 1));
        simulator.injectFault(new Fault("POST", path, 429, 0, 1));
        simulator.injectFault(new Fault("POST", path, 500, 0, 1));
        simulator.injectFault(new Fault("POST", path, 429, 0, 1));
        simulator.injectFault(new Fault("POST", path, 500, 0, 1));
        startTriage(Map.of("triage.retry.server-error-attempts", "3")).poll();

        assertEquals(1, simulator.notes(ids.get(0)).size());
        assertTrue(tags(simulator.ticket(ids.get(0)).orElseThrow()).contains("triaged"));
        assertEquals(7, simulator.requests().stream().filter(r -> r.path().equals(path)).count());
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        List<Long> ids = TestTickets.seed(simulator, 3);
        simulator.injectFault(new Fault("PUT", "/api/v2/tickets/" + ids.get(0), 500, 0, 2));
        simulator.injectFault(new Fault("GET", "/api/v2/tickets", 503, 0, 1));

        startTriage(Map.of()).poll();

        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet());
        assertEquals(3, simulator.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().equals("/api/v2/tickets/" + ids.get(0))).count(),
                "two 500s, then success");
    }

    @Test
    void persistentServerErrorFailsThePollWithoutLosingTickets() throws Exception {
        List<Long> ids = TestTickets.seed(simulator, 4);
        simulator.injectFault(new Fault("PUT", "/api/v2/tickets/" + ids.get(2), 500, 0, 4));
        RunningTriage triage = startTriage(Map.of("triage.retry.server-error-attempts", "3"));

        try (LogCapture log = LogCapture.start()) {
            triage.poll();
            // Handled in the route: one line for the ticket, one for the poll; the poll does not fail.
            assertTrue(log.text().contains("answered HTTP 500 4 times in a row while updating group, priority and "
                    + "tags of Freshdesk ticket " + ids.get(2)), log.text());
        }
        assertFalse(Files.exists(state.resolve("freshdesk.watermark")), "the watermark did not move");
        assertTrue(putBodiesByTicket().containsKey(ids.get(3)), "the other tickets of the batch were written");

        triage.poll();

        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet(), "the next poll finished the batch");
        assertTrue(putBodiesByTicket().values().stream().allMatch(b -> b.size() == 1),
                "tickets written in the failed poll were not written again");
        assertTrue(Files.exists(state.resolve("freshdesk.watermark")));
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        TestTickets.seed(simulator, 3);
        try (LogCapture log = LogCapture.start()) {
            startTriage(Map.of("triage.dry-run", "true")).poll();
            assertEquals(3, log.text().lines().filter(l -> l.contains("DRY RUN: would write")).count());
        }
        assertTrue(simulator.requests().stream().noneMatch(r -> r.method().equals("PUT") || r.method().equals("POST")));
    }

    @Test
    void healthAndTriageCountersAreServedForMonitoring() throws Exception {
        TestTickets.seed(simulator, 5);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        startTriage(Map.of("camel.management.enabled", "true", "camel.management.port", String.valueOf(port)))
                .poll();

        HttpClient http = HttpClient.newHttpClient();
        String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(health.contains("\"UP\""), health);
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("triage_tickets_updated_total{desk=\"freshdesk\"} 5.0"), metrics);
        assertTrue(metrics.contains("triage_polls_total{desk=\"freshdesk\"} 1.0"), metrics);
        assertFalse(metrics.contains(API_KEY));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void assertRetriedAfter(List<RecordedRequest> requests, String method, String path, Duration wait) {
        List<RecordedRequest> matching = requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
        assertTrue(matching.size() >= 2, method + " " + path + " was retried");
        assertEquals(429, matching.get(0).status());
        assertEquals(200, matching.get(1).status());
        Duration waited = Duration.between(matching.get(0).receivedAt(), matching.get(1).receivedAt());
        assertTrue(waited.compareTo(wait.minusMillis(100)) >= 0, method + " retried after " + waited + ", not " + wait);
    }

    List<RecordedRequest> puts() {
        return RecordedUpdates.of(simulator.requests(), "PUT", "/api/v2/tickets/\\d+");
    }

    Map<Long, List<JsonNode>> putBodiesByTicket() {
        return RecordedUpdates.bodiesByTicket(simulator.requests(), "PUT", "/api/v2/tickets/\\d+");
    }

    List<Map<String, String>> listQueries() {
        return simulator.requests().stream().filter(r -> r.path().equals("/api/v2/tickets"))
                .map(RecordedRequest::queryParameters).toList();
    }

    static List<String> tags(JsonNode ticket) {
        List<String> tags = new ArrayList<>();
        ticket.path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    static long group(String name) {
        return SimulatedFreshdesk.demoGroups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow().id();
    }

    private void put(long id, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/api/v2/tickets/" + id))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((API_KEY + ":X").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
