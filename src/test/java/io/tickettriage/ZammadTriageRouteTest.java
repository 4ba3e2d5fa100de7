package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.classify.TicketClassifier;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.zammad.SimulatedZammad;
import io.tickettriage.sim.zammad.ZammadSettings;
import io.tickettriage.sim.zammad.ZammadSimulator;
import io.tickettriage.sim.zammad.ZammadTicketDraft;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriageDecision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.camel.CamelExecutionException;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production routes (routes/*.yaml and the Zammad Kamelets) against the Zammad simulator over real HTTP: what
 * is particular to Zammad. Names, not ids, for group and priority; the note an internal article of the same PUT;
 * tags through the tags API, which keeps the ticket's own; both shapes of the ticket search.
 */
class ZammadTriageRouteTest {

    static final String TOKEN = "zammad-route-test-token-51c2";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the update may send: attributes by name and the article; never tags, which Zammad ignores there. */
    private static final Set<String> UPDATE_FIELDS = Set.of("group", "priority", "article");
    private static final Map<String, String> QUEUES = Map.of("technical-support", "Technical Support",
            "account-access", "Account & Access", "billing", "Billing & Payments", "orders-shipping",
            "Orders & Shipping", "returns-refunds", "Returns & Refunds", "sales", "Sales", "service-outage",
            "Service Outages", "general-inquiry", "General Inquiries");
    private static final Map<String, String> PRIORITIES = Map.of("low", "1 low", "medium", "2 normal", "high",
            "3 high", "urgent", "3 high");

    @TempDir
    Path state;
    ZammadSimulator simulator;
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

    void startSimulator(UnaryOperator<ZammadSettings> settings) {
        simulator = ZammadSimulator.start(settings.apply(ZammadSettings.defaults(TOKEN, SimulatedZammad.DEMO_GROUPS)));
    }

    RunningTriage startTriage(Map<String, String> extra) throws Exception {
        Map<String, String> helpDesk = new HashMap<>(Map.of("triage.helpdesk", "zammad",
                "zammad.base-url", simulator.baseUrl(), "zammad.api-token", TOKEN));
        helpDesk.putAll(extra);
        RunningTriage triage = RunningTriage.start(RunningTriage.testProperties(state, helpDesk));
        running.add(triage);
        return triage;
    }

    @Test
    void onePollSetsGroupAndPriorityByNameWithAnInternalNoteAndKeepsTags() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 16);
        long tagged = simulator.createTicket(ZammadTicketDraft.email("VAT number on invoice", "<p>Please add our VAT "
                + "id to invoice 2024-118, the invoice is wrong.</p>").withTags(List.of("vip", "emea")));
        long open = simulator.createTicket(ZammadTicketDraft.web("Refund for order 4471", "Please refund order 4471.")
                .inState("open"));
        long routed = simulator.createTicket(ZammadTicketDraft.email("Printer", "<p>Which toner?</p>")
                .inGroup("Sales"));
        long closed = simulator.createTicket(ZammadTicketDraft.email("Old", "<p>Done</p>").inState("closed"));
        long marked = simulator.createTicket(ZammadTicketDraft.email("Done before", "<p>x</p>")
                .withTags(List.of("triaged")));
        List<Long> candidates = Stream.concat(ids.stream(), Stream.of(tagged, open)).toList();

        RunningTriage triage = startTriage(Map.of());
        triage.poll();

        Map<Long, List<JsonNode>> puts = putBodiesByTicket();
        assertEquals(Set.copyOf(candidates), puts.keySet(), "exactly the tickets that need triage are updated");
        TicketClassifier classifier = triage.bean("ticketClassifier", TicketClassifier.class);
        for (long id : candidates) {
            assertEquals(1, puts.get(id).size(), "ticket " + id + " is updated once");
            JsonNode body = puts.get(id).get(0);
            body.fieldNames().forEachRemaining(f -> assertTrue(UPDATE_FIELDS.contains(f), "unexpected field " + f));
            JsonNode ticket = simulator.ticket(id).orElseThrow();
            TriageDecision expected = classifier.decideAll(List.of(new Ticket("zammad", String.valueOf(id),
                    ticket.path("title").asText(), firstArticleText(id), List.of(), Instant.now()))).get(0);
            expected.queue().ifPresent(label -> {
                assertEquals(QUEUES.get(label), body.get("group").asText(), "queue " + label + " by its group name");
                assertEquals(QUEUES.get(label), ticket.get("group").asText());
            });
            expected.priority().ifPresent(label -> {
                assertEquals(PRIORITIES.get(label), body.get("priority").asText());
                assertEquals(PRIORITIES.get(label), ticket.get("priority").asText());
            });
            JsonNode article = body.get("article");
            assertTrue(article.get("internal").isBoolean() && article.get("internal").asBoolean(), "internal note");
            assertEquals("note", article.get("type").asText());
            List<JsonNode> articles = simulator.articles(id);
            assertEquals(2, articles.size(), "the customer's article and the note");
            assertTrue(articles.get(1).get("internal").asBoolean(), "Zammad stored the note as internal");
            assertTrue(Jsoup.parse(articles.get(1).get("body").asText()).text()
                    .contains("ticket-triage classified this ticket"));
            assertEquals("triaged", simulator.tags(id).get(simulator.tags(id).size() - 1), "marker tag last");
        }
        assertEquals(List.of("vip", "emea", "triaged"), simulator.tags(tagged), "the ticket's own tags stay");
        assertTrue(Stream.of(routed, closed, marked).noneMatch(puts::containsKey));
        assertEquals(1, simulator.articles(routed).size());
        assertTrue(simulator.requests().stream().filter(r -> !r.method().equals("GET"))
                .allMatch(r -> r.status() == 200 || r.status() == 201), "every write was accepted");
        assertTrue(candidates.stream().filter(id -> puts.get(id).get(0).has("priority")).count()
                > candidates.size() / 2, "most demo tickets get a confident priority");
    }

    @Test
    void aSecondPollWritesNothingAndStartsAfterTheWatermark() throws Exception {
        startSimulator(s -> s);
        TestTickets.seed(simulator, 10);
        RunningTriage triage = startTriage(Map.of());
        triage.poll();
        assertEquals(10, puts().size());
        simulator.clearRequests();

        triage.poll();

        assertEquals(0, puts().size());
        assertEquals(0, simulator.requests().stream().filter(r -> !r.method().equals("GET")).count());
        String query = searchQueries().get(0).get("query");
        String watermark = Files.readString(state.resolve("zammad.watermark")).trim();
        assertTrue(query.contains("updated_at:{" + Instant.parse(watermark).toString().replace("Z", "")),
                "the poll starts just after the watermark " + watermark + ": " + query);
        assertEquals("true", searchQueries().get(0).get("expand"));
        assertEquals("asc", searchQueries().get(0).get("order_by"));
    }

    @Test
    void theLegacySearchShapeWorksToo() throws Exception {
        startSimulator(s -> s.withLegacySearch(true));
        List<Long> ids = TestTickets.seed(simulator, 6);
        long routed = simulator.createTicket(ZammadTicketDraft.email("Printer", "<p>Which toner?</p>")
                .inGroup("Sales"));

        startTriage(Map.of("zammad.page-size", "4")).poll();

        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet());
        assertFalse(putBodiesByTicket().containsKey(routed));
        assertTrue(ids.stream().allMatch(id -> simulator.tags(id).contains("triaged")));
    }

    @Test
    void lowConfidenceGoesToTheReviewGroupWithTheReviewTagBeforeTheMarker() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seedVague(simulator);
        startTriage(Map.of("triage.queue.min-confidence", "0.99", "triage.priority.min-confidence", "0.99")).poll();

        for (long id : ids) {
            JsonNode body = putBodiesByTicket().get(id).get(0);
            assertEquals("Triage Review", body.get("group").asText());
            assertFalse(body.has("priority"), "an uncertain priority is left alone");
            assertEquals("2 normal", simulator.ticket(id).orElseThrow().get("priority").asText());
            assertEquals(List.of("needs-review", "triaged"), simulator.tags(id));
            assertTrue(Jsoup.parse(simulator.articles(id).get(1).get("body").asText()).text()
                    .contains("below the threshold"));
        }
        List<String> tagCalls = simulator.requests().stream().filter(r -> r.path().equals("/api/v1/tags/add"))
                .map(RecordedRequest::body).toList();
        assertEquals(2 * ids.size(), tagCalls.size());
    }

    @Test
    void withoutNotesAndWithTheQueueLeftAloneOnlyTagsAreWritten() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seedVague(simulator);
        startTriage(Map.of("triage.queue.min-confidence", "0.99", "triage.priority.min-confidence", "0.99",
                "triage.queue.fallback", "unchanged", "triage.note.enabled", "false")).poll();

        assertEquals(Map.of(), putBodiesByTicket(), "nothing to PUT");
        for (long id : ids) {
            assertEquals("Users", simulator.ticket(id).orElseThrow().get("group").asText());
            assertEquals(List.of("needs-review", "triaged"), simulator.tags(id));
            assertEquals(1, simulator.articles(id).size());
        }
    }

    @Test
    void aTicketZammadRefusesGoesToTheDeadLetterStoreOnceAndTheBatchGoesOn() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 3);
        simulator.injectFault(new Fault("PUT", "/api/v1/tickets/" + ids.get(2), 422, 0, 1));
        RunningTriage triage = startTriage(Map.of());

        triage.poll();

        assertEquals(Set.of(ids.get(0), ids.get(1)), putBodiesByTicket().keySet());
        List<Path> letters = deadLetters();
        assertEquals(1, letters.size());
        JsonNode letter = JSON.readTree(letters.get(0).toFile());
        assertEquals("zammad:" + ids.get(2), letter.path("ticket").asText());
        assertEquals(422, letter.path("httpStatus").asInt());
        assertTrue(letter.path("response").asText().contains("\"error_human\""), letter.toString());
        assertEquals(List.of(), simulator.tags(ids.get(2)), "a refused ticket gets no marker");
        assertEquals(1, simulator.articles(ids.get(2)).size(), "and no note");

        triage.poll();
        assertEquals(1, deadLetters().size(), "the refused ticket, the newest, is not tried on every poll");
    }

    @Test
    void aBadGroupNameIsRefusedByZammadAndDeadLettered() throws Exception {
        startSimulator(s -> s.withGroupsListable(false));
        List<Long> ids = TestTickets.seedVague(simulator);
        startTriage(Map.of("zammad.review-group", "Triage Reveiw", "triage.queue.min-confidence", "0.99")).poll();

        List<Path> letters = deadLetters();
        assertEquals(ids.size(), letters.size());
        JsonNode letter = JSON.readTree(letters.get(0).toFile());
        assertEquals(422, letter.path("httpStatus").asInt());
        assertTrue(letter.path("response").asText().contains("No lookup value found for 'group'"), letter.toString());
        assertTrue(ids.stream().allMatch(id -> simulator.articles(id).size() == 1), "no note without the change");
    }

    @Test
    void revokedCredentialsFailThePollWithAClearMessageAndLoseNothing() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 2);
        RunningTriage triage = startTriage(Map.of());
        simulator.revokeCredentials(true);

        try (LogCapture log = LogCapture.start()) {
            assertThrows(CamelExecutionException.class, triage::poll);
            assertTrue(log.text().contains("The help desk rejected our credentials (HTTP 401: "
                    + "{\"error\":\"Can't find User for Token\""), log.text());
            assertFalse(log.text().contains(TOKEN), "the token in the log");
        }
        assertFalse(Files.exists(state.resolve("zammad.watermark")));
        simulator.revokeCredentials(false);

        triage.poll();
        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet());
    }

    @Test
    void serverErrorsAreRetriedAndAPersistentOneFailsThePollWithoutLosingTickets() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 3);
        RunningTriage triage = startTriage(Map.of("triage.retry.server-error-attempts", "3"));
        simulator.injectFault(new Fault("GET", "/api/v1/tickets/search", 503, 0, 1));
        simulator.injectFault(new Fault("POST", "/api/v1/tags/add", 502, 0, 1));
        simulator.injectFault(new Fault("GET", "/api/v1/ticket_articles/by_ticket/" + ids.get(2), 500, 0, 4));

        assertThrows(CamelExecutionException.class, triage::poll);
        assertEquals(Map.of(), putBodiesByTicket(), "the fetch failed before any write");
        assertFalse(Files.exists(state.resolve("zammad.watermark")));

        triage.poll();
        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet());
        assertTrue(ids.stream().allMatch(id -> simulator.tags(id).equals(List.of("triaged"))));
        assertTrue(putBodiesByTicket().values().stream().allMatch(b -> b.size() == 1), "each written once");
    }

    @Test
    void aTicketDeletedBeforeItsArticlesAreReadCostsOnePollNotATicket() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 3);
        RunningTriage triage = startTriage(Map.of());
        simulator.injectFault(new Fault("GET", "/api/v1/ticket_articles/by_ticket/" + ids.get(1), 404, 0, 1));

        triage.poll();

        assertEquals(Map.of(), putBodiesByTicket(), "nothing was written in the poll that met the 404");
        assertFalse(Files.exists(state.resolve("zammad.watermark")), "and the watermark stayed");
        JsonNode letter = JSON.readTree(deadLetters().get(0).toFile());
        assertTrue(letter.path("ticket").isNull(), "the dead letter is the poll's: " + letter);
        assertEquals(404, letter.path("httpStatus").asInt());

        triage.poll();
        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet());
    }

    @Test
    void aTicketIndexedLateIsMissedWithoutOverlapAndFoundWithIt() throws Exception {
        assertFalse(indexedLateTicketIsTriaged("PT0S"), "without overlap the search starts at the watermark");
        stopEverything();
        running.clear();
        Files.deleteIfExists(state.resolve("zammad.watermark"));
        Files.deleteIfExists(state.resolve("triaged-tickets.txt"));
        assertTrue(indexedLateTicketIsTriaged("PT1H"), "the overlap reaches back to it");
    }

    /** A ticket that reaches the search index only after a poll has seen newer ones, as under indexing lag. */
    private boolean indexedLateTicketIsTriaged(String overlap) throws Exception {
        startSimulator(s -> s);
        TestTickets.seed(simulator, 2);
        RunningTriage triage = startTriage(Map.of("zammad.search.overlap", overlap));
        triage.poll();
        long late = simulator.createTicket(ZammadTicketDraft.email("Invoice twice", "<p>I was charged twice</p>")
                .at(Instant.now().minusSeconds(600)));
        triage.poll();
        return putBodiesByTicket().containsKey(late);
    }

    @Test
    void manyTicketsOfOneMillisecondArePagedByKeyAcrossPolls() throws Exception {
        startSimulator(s -> s);
        Instant same = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(simulator.createTicket(ZammadTicketDraft.web("Invoice " + i, "My invoice is wrong").at(same)));
        }
        ids.addAll(TestTickets.seed(simulator, 5));
        RunningTriage triage = startTriage(Map.of("zammad.page-size", "3", "zammad.max-pages-per-poll", "2"));

        for (int poll = 0; poll < 6; poll++) {
            triage.poll();
        }

        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet());
        assertTrue(putBodiesByTicket().values().stream().allMatch(b -> b.size() == 1), "each written once");
        assertTrue(searchQueries().stream().allMatch(q -> Integer.parseInt(q.get("page")) <= 3),
                "keys, not deep page numbers: " + searchQueries());
        assertTrue(searchQueries().stream().anyMatch(q -> q.get("page").equals("2")),
                "a page full of one millisecond moves on by page number");
    }

    @Test
    void basicAuthenticationWhenThereIsNoToken() throws Exception {
        startSimulator(s -> s.withBasicLogin("triage@example.com", "pass:word 1"));
        List<Long> ids = TestTickets.seed(simulator, 2);
        String encoded = Base64.getEncoder().encodeToString("triage@example.com:pass:word 1"
                .getBytes(StandardCharsets.UTF_8));
        Path passwordFile = Files.writeString(state.resolve("password"), "pass:word 1\n");
        try (LogCapture log = LogCapture.start()) {
            startTriage(Map.of("zammad.api-token", "", "zammad.username", "triage@example.com",
                    "zammad.password-file", passwordFile.toString())).poll();
            assertFalse(log.text().contains(encoded));
        }
        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet());
        assertTrue(simulator.requests().stream().allMatch(r -> ("Basic " + encoded).equals(r.header("Authorization"))));
    }

    @Test
    void theTokenNeverAppearsInLogsOrDeadLetters() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 3);
        try (LogCapture log = LogCapture.start()) {
            RunningTriage triage = startTriage(Map.of());
            simulator.injectFault(new Fault("GET", "/api/v1/tickets/search", 401, 0, 1));
            simulator.injectFault(new Fault("PUT", "/api/v1/tickets/" + ids.get(0), 404, 0, 1));
            assertThrows(CamelExecutionException.class, triage::poll);
            triage.poll();
            assertTrue(log.text().contains("rejected our credentials"), "the log was captured");
            assertTrue(log.text().contains("failed for good"), "the dead letter was logged");
            assertFalse(log.text().contains(TOKEN), "the token in the log");
        }
        for (Path letter : deadLetters()) {
            assertFalse(Files.readString(letter).contains(TOKEN));
        }
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        startSimulator(s -> s);
        TestTickets.seed(simulator, 3);
        try (LogCapture log = LogCapture.start()) {
            startTriage(Map.of("triage.dry-run", "true")).poll();
            assertEquals(3, log.text().lines().filter(l -> l.contains("DRY RUN: would PUT /api/v1/tickets/")
                    && l.contains("internal=true") && l.contains("POST /api/v1/tags/add")).count(), log.text());
        }
        assertTrue(simulator.requests().stream().allMatch(r -> r.method().equals("GET")));
    }

    // ---------------------------------------------------------------------------------------------------------

    private String firstArticleText(long id) {
        JsonNode first = simulator.articles(id).get(0);
        return first.get("content_type").asText().equals("text/html")
                ? Jsoup.parse(first.get("body").asText()).text() : first.get("body").asText();
    }

    List<RecordedRequest> puts() {
        return RecordedUpdates.of(simulator.requests(), "PUT", "/api/v1/tickets/\\d+");
    }

    Map<Long, List<JsonNode>> putBodiesByTicket() {
        return RecordedUpdates.bodiesByTicket(simulator.requests(), "PUT", "/api/v1/tickets/\\d+");
    }

    private List<Path> deadLetters() throws java.io.IOException {
        if (!Files.exists(state.resolve("dead-letter"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(state.resolve("dead-letter"))) {
            return files.toList();
        }
    }

    /** The fetch's searches, not the startup check's. */
    List<Map<String, String>> searchQueries() {
        return simulator.requests().stream().filter(r -> r.path().equals("/api/v1/tickets/search"))
                .map(RecordedRequest::queryParameters).filter(q -> q.containsKey("sort_by")).toList();
    }
}
