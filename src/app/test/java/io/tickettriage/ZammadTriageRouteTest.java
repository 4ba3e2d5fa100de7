package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.triage.TicketClassifier;
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
            assertTrue(article.get("body").asText().contains("ticket-triage ref "), "the note carries its token");
            assertTrue(article.get("internal").isBoolean() && article.get("internal").asBoolean(), "internal note");
            assertEquals("note", article.get("type").asText());
            List<JsonNode> articles = simulator.articles(id);
            assertEquals(2, articles.size(), "the customer's article and the note");
            assertTrue(articles.get(1).get("internal").asBoolean(), "Zammad stored the note as internal");
            assertTrue(Jsoup.parse(articles.get(1).get("body").asText()).text()
                    .contains("ticket-triage classified this ticket"));
            assertEquals("triaged", simulator.tags(id).get(simulator.tags(id).size() - 1), "marker tag last");
        }
        // The review tag joins them when the demo model has no guarantee for the ticket's class.
        assertTrue(simulator.tags(tagged).containsAll(List.of("vip", "emea", "triaged")), "the ticket's own tags stay");
        assertTrue(Stream.of(routed, closed, marked).noneMatch(puts::containsKey));
        assertEquals(1, simulator.articles(routed).size());
        assertTrue(simulator.requests().stream().filter(r -> !r.method().equals("GET"))
                .allMatch(r -> r.status() == 200 || r.status() == 201), "every write was accepted");
        assertTrue(candidates.stream().filter(id -> puts.get(id).get(0).has("priority")).count()
                > 0, "some demo tickets get a confident priority (the demo model guarantees 70 % for few priorities)");
    }

    @Test
    void whatTheAgentsChoseIsReadFromASecondSearchWalkedByKeyOverTheSameWindow() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 5);
        RunningTriage triage = startTriage(Map.of("triage.mode", "shadow", "zammad.page-size", "2"));
        triage.poll();
        ids.forEach(id -> simulator.setAsAgent(id, "Sales", "3 high", java.util.Optional.empty()));
        simulator.clearRequests();

        triage.poll();

        io.tickettriage.triage.TriageStatistics statistics = triage.bean("triageStatistics",
                io.tickettriage.triage.TriageStatistics.class);
        assertEquals(5, statistics.outcomes("queue", true) + statistics.outcomes("queue", false),
                "every ticket the agents routed is settled");
        List<String> queries = simulator.requests().stream().filter(r -> r.path().equals("/api/v1/tickets/search"))
                .map(r -> java.net.URLDecoder.decode(r.query(), StandardCharsets.UTF_8)).toList();
        List<String> outcomeSearches = queries.stream().filter(q -> !q.contains("group.name")).toList();
        assertTrue(outcomeSearches.size() >= 3, "5 tickets in pages of 2 take 3 pages: " + queries);
        assertTrue(outcomeSearches.stream().allMatch(q -> q.contains("query=updated_at:")), "the changes alone: "
                + outcomeSearches);
        assertEquals(queries.size(), outcomeSearches.size() + 1, "and the fetch's own search, which finds nothing: "
                + queries);
        Instant lastChange = ids.stream().map(id -> Instant.parse(simulator.ticket(id).orElseThrow()
                .path("updated_at").asText())).max(Instant::compareTo).orElseThrow();
        assertEquals(lastChange, Instant.parse(Files.readString(state.resolve("zammad.shadow.watermark")).trim()),
                "the agents' changes moved the watermark, as a listing of every ticket would");
    }

    @Test
    void aSecondPollWritesNothingAndStartsAfterTheWatermark() throws Exception {
        startSimulator(s -> s);
        TestTickets.seed(simulator, 10);
        RunningTriage triage = startTriage(Map.of());
        triage.poll();
        assertEquals(10, puts().size());
        simulator.clearRequests();
        String watermark = Files.readString(state.resolve("zammad.watermark")).trim();

        triage.poll();

        assertEquals(0, puts().size());
        assertEquals(0, simulator.requests().stream().filter(r -> !r.method().equals("GET")).count());
        String query = searchQueries().get(0).get("query");
        Instant bound = Instant.parse(watermark).minus(java.time.Duration.parse(triage.configured(
                "zammad.search.overlap")));
        assertEquals("PT2M", triage.configured("zammad.search.overlap"), "the shipped overlap");
        assertTrue(query.contains("updated_at:{" + bound.toString().replace("Z", "")),
                "the poll starts just after the watermark " + watermark + " less the overlap: " + query);
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
    void revokedCredentialsStopThePollWithOneLineAndLoseNothing() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 2);
        RunningTriage triage = startTriage(Map.of());
        simulator.revokeCredentials(true);
        simulator.clearRequests();

        try (LogCapture log = LogCapture.start()) {
            triage.poll();
            assertEquals(1, errorLines(log).size(), log.text());
            assertTrue(errorLines(log).get(0).contains("Zammad at " + simulator.baseUrl() + " refused our "
                    + "credentials (HTTP 401: Can't find User for Token) while searching tickets; check "
                    + "ZAMMAD_API_TOKEN"), log.text());
            assertFalse(log.text().contains(TOKEN), "the token in the log");
        }
        assertEquals(1, simulator.requests().size(), "one refused request, then nothing: " + simulator.requests());
        assertFalse(Files.exists(state.resolve("zammad.watermark")));
        simulator.revokeCredentials(false);

        triage.poll();
        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet());
    }

    @Test
    void serverErrorsAreRetriedAndATicketWhoseArticlesKeepFailingIsLeftForTheNextPoll() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 3);
        RunningTriage triage = startTriage(Map.of("triage.retry.server-error-attempts", "3"));
        simulator.injectFault(new Fault("GET", "/api/v1/tickets/search", 503, 0, 1));
        simulator.injectFault(new Fault("POST", "/api/v1/tags/add", 502, 0, 1));
        simulator.injectFault(new Fault("GET", "/api/v1/ticket_articles/by_ticket/" + ids.get(1), 500, 0, 4));

        triage.poll();
        assertEquals(Set.of(ids.get(0), ids.get(2)), putBodiesByTicket().keySet(),
                "the other tickets were written; the one whose articles failed waits");
        Instant watermark = Instant.parse(Files.readString(state.resolve("zammad.watermark")).strip());
        Instant waiting = Instant.parse(simulator.ticket(ids.get(1)).orElseThrow().path("updated_at").asText());
        assertTrue(watermark.isBefore(waiting), "the watermark stops short of it: " + watermark + " / " + waiting);

        triage.poll();
        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet());
        assertTrue(ids.stream().allMatch(id -> simulator.tags(id).contains("triaged")));
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
            triage.poll();
            triage.poll();
            assertTrue(log.text().contains("refused our credentials"), "the log was captured");
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
            assertEquals(3, log.text().lines().filter(l -> l.contains("DRY RUN: would write zammad:")
                    && l.contains("\"PUT\",\"path\":\"/api/v1/tickets/") && l.contains("\"internal\":true")
                    && l.contains("/api/v1/tags/add")).count(), log.text());
        }
        assertTrue(simulator.requests().stream().allMatch(r -> r.method().equals("GET")));
    }

    // Issue 9: nothing lost, nothing twice, under any fault ---------------------------------------------------

    @Test
    void aNoteThatLandedButLostItsAnswerIsNotPostedAgain() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 4);
        RunningTriage triage = startTriage(Map.of());
        // Two updates with their note land and answer 500, two land and lose the connection.
        simulator.injectFault(Fault.appliedThenFailed("PUT", "/api/v1/tickets/\\d+", 500, 2));
        simulator.injectFault(Fault.appliedThenFailed("PUT", "/api/v1/tickets/\\d+", 0, 2));

        triage.poll();

        for (long id : ids) {
            assertEquals(1, ourNotes(id), "exactly one note on ticket " + id);
            assertTrue(simulator.tags(id).contains("triaged"));
        }
        assertEquals(4, simulator.requests().stream().filter(r -> r.method().equals("PUT")).count(),
                "no note was sent twice: it was looked for instead");
        ids.forEach(id -> assertEquals(1, simulator.fieldUpdates().get(id), "ticket " + id + " updated once"));
        assertEquals(4 + 4, simulator.requests().stream().filter(r -> r.path().startsWith(
                "/api/v1/ticket_articles/by_ticket/")).count(), "the fetch's reads and one look per lost answer");
    }

    @Test
    void resetsAndServerErrorsOnEveryWriteLeaveOneNoteAndEveryPart() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 3);
        RunningTriage triage = startTriage(Map.of());
        simulator.injectFault(Fault.reset("PUT", "/api/v1/tickets/\\d+", 1));
        simulator.injectFault(new Fault("PUT", "/api/v1/tickets/\\d+", 500, 0, 1));
        simulator.injectFault(Fault.appliedThenFailed("PUT", "/api/v1/tickets/\\d+", 502, 1));
        simulator.injectFault(Fault.reset("POST", "/api/v1/tags/add", 1));
        simulator.injectFault(Fault.appliedThenFailed("POST", "/api/v1/tags/add", 0, 1));

        triage.poll();

        for (long id : ids) {
            assertEquals(1, ourNotes(id), "one note on ticket " + id);
            assertEquals("triaged", simulator.tags(id).get(simulator.tags(id).size() - 1));
            assertFalse(simulator.ticket(id).orElseThrow().get("group").asText().equals("Users"),
                    "the group was set on ticket " + id);
        }
        assertTrue(Files.exists(state.resolve("zammad.watermark")), "the poll went through");
    }

    @Test
    void aRefusalInTheMiddleOfTheWritesIsFinishedOnTheNextPollWithOneNoteEach() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 5);
        RunningTriage triage = startTriage(Map.of());
        // The token is refused for the first update.
        simulator.injectFault(new Fault("PUT", "/api/v1/tickets/\\d+", Fault.Kind.STATUS, 401, 0, 1));
        simulator.clearRequests();
        try (LogCapture log = LogCapture.start()) {
            triage.poll();
            assertEquals(1, errorLines(log).size(), "one line for the refusal: " + log.text());
        }
        assertEquals(1, simulator.requests().stream().filter(r -> r.status() == 401).count());
        assertTrue(simulator.requests().stream().dropWhile(r -> r.status() != 401).skip(1).findAny().isEmpty(),
                "nothing is sent after the refusal: " + simulator.requests());
        assertFalse(Files.exists(state.resolve("zammad.watermark")));
        long refused = ids.get(0);
        assertFalse(simulator.tags(refused).contains("triaged"), "the ticket in flight is unfinished");

        triage.poll();

        for (long id : ids) {
            assertEquals(1, ourNotes(id), "one note on ticket " + id);
            assertTrue(simulator.tags(id).contains("triaged"), "ticket " + id + " was finished");
        }
    }

    /** Issue 9, defect 3: a 401 on the marker's tags call left the ticket without its marker for good. */
    @Test
    void aRefusedMarkerIsAddedOnTheNextPollWhateverTheQueueFallback() throws Exception {
        for (String fallback : List.of("unchanged", "review")) {
            startSimulator(s -> s);
            List<Long> ids = TestTickets.seedVague(simulator);
            RunningTriage triage = startTriage(Map.of("triage.queue.min-confidence", "0.99",
                    "triage.priority.min-confidence", "0.99", "triage.queue.fallback", fallback));
            simulator.faultTagCalls("triaged", Fault.Kind.STATUS, 401, 1);

            triage.poll();
            long first = ids.get(0);
            assertEquals(List.of("needs-review"), simulator.tags(first), fallback + ": the marker was refused");
            assertEquals(1, ourNotes(first));

            triage.poll();
            for (long id : ids) {
                assertEquals(List.of("needs-review", "triaged"), simulator.tags(id), fallback + ": ticket " + id);
                assertEquals(1, ourNotes(id), fallback + ": one note on ticket " + id);
            }
            assertEquals(fallback.equals("review") ? "Triage Review" : "Users",
                    simulator.ticket(first).orElseThrow().get("group").asText());
            stopEverything();
            running.clear();
            simulator = null;
            clearState();
        }
    }

    @Test
    void exhaustedRetriesOnTheNoteOrTheMarkerAreFinishedLater() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 2);
        RunningTriage triage = startTriage(Map.of("triage.retry.server-error-attempts", "2"));
        simulator.injectFault(new Fault("PUT", "/api/v1/tickets/\\d+", 503, 0, 3));
        simulator.faultTagCalls("triaged", Fault.Kind.STATUS, 500, 3);

        triage.poll();
        assertFalse(Files.exists(state.resolve("zammad.watermark")), "the poll is incomplete");
        assertTrue(ids.stream().noneMatch(id -> simulator.tags(id).contains("triaged")),
                "neither ticket is complete yet");

        triage.poll();
        for (long id : ids) {
            assertEquals(1, ourNotes(id), "one note on ticket " + id);
            assertTrue(simulator.tags(id).contains("triaged"));
        }
    }

    @Test
    void aGarbledSearchPageOrArticleListIsFetchedAgain() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 4);
        RunningTriage triage = startTriage(Map.of("zammad.page-size", "2"));
        simulator.injectFault(Fault.garbled("GET", "/api/v1/tickets/search", 2));
        simulator.injectFault(Fault.garbled("GET", "/api/v1/ticket_articles/by_ticket/\\d+", 1));

        triage.poll();

        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet());
        assertTrue(ids.stream().allMatch(id -> ourNotes(id) == 1));
        assertTrue(Files.exists(state.resolve("zammad.watermark")));
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndTheRestIsTriagedWithTheWatermarkNotPastNow() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 3);
        String deep = "[".repeat(2_000) + "]".repeat(2_000);
        simulator.listRawRecord("{\"id\":9001,\"title\":\"deep\",\"group\":\"Users\",\"state\":\"new\","
                + "\"updated_at\":\"2024-01-01T00:00:00.000Z\",\"preferences\":" + deep + "}");
        simulator.listRawRecord("{\"id\":\"../../x\",\"title\":\"t\",\"updated_at\":\"2024-01-01T00:00:00.000Z\"}");
        simulator.listRawRecord("{\"id\":\"a\\u0000b\",\"title\":\"t\",\"updated_at\":\"2024-01-01T00:00:00.000Z\"}");
        simulator.listRawRecord("{\"id\":\"" + "7".repeat(300) + "\",\"updated_at\":\"2024-01-01T00:00:00.000Z\"}");
        simulator.listRawRecord("{\"id\":9002,\"title\":\"future\",\"group\":\"Users\",\"state\":\"new\","
                + "\"updated_at\":\"2099-01-01T00:00:00.000Z\"}");
        RunningTriage triage = startTriage(Map.of());
        Instant before = Instant.now();

        triage.poll();
        triage.poll();

        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet(), "every readable ticket was triaged");
        List<Path> letters = deadLetters();
        assertEquals(5, letters.size(), "each unreadable record kept once: " + letters);
        for (Path letter : letters) {
            assertEquals(state.resolve("dead-letter"), letter.getParent(), "inside the dead-letter folder");
        }
        assertTrue(letters.stream().anyMatch(l -> read(l).contains("2099")), "the far-future one");
        Instant watermark = Instant.parse(Files.readString(state.resolve("zammad.watermark")).trim());
        assertTrue(watermark.isBefore(Instant.now()) && watermark.isAfter(before.minusSeconds(120)),
                "the watermark is not past now: " + watermark);
        long newest = ids.get(2);
        simulator.clearRequests();
        long later = simulator.createTicket(ZammadTicketDraft.email("Refund please", "<p>Refund order 88</p>"));
        triage.poll();
        assertTrue(putBodiesByTicket().containsKey(later), "a later ticket is still found");
        assertFalse(putBodiesByTicket().containsKey(newest));
    }

    @Test
    void theCustomersTagsAreLeftExactlyAsTheyWere() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seedVague(simulator);
        long id = ids.get(0);
        List<String> theirs = List.of("vip,urgent", "Ümlaut tag", "42", "needs review later", "[1,null]");
        theirs.forEach(tag -> simulator.addTag(id, tag));

        startTriage(Map.of("triage.queue.min-confidence", "0.99", "triage.priority.min-confidence", "0.99")).poll();

        List<String> expected = new ArrayList<>(theirs);
        expected.addAll(List.of("needs-review", "triaged"));
        assertEquals(expected, simulator.tags(id), "theirs first, untouched, then ours");
        assertTrue(simulator.requests().stream().noneMatch(r -> r.path().equals("/api/v1/tags/remove")));
        putBodiesByTicket().values().forEach(bodies -> bodies.forEach(body -> body.fieldNames().forEachRemaining(
                field -> assertTrue(UPDATE_FIELDS.contains(field), "the PUT sent " + field))));
    }

    /** Issue 9, defect 4: a password with a quote was mangled on its way into the Kamelet's beans. */
    @Test
    void aPasswordWithQuotesCommasAndBackslashesWorksForEveryPoll() throws Exception {
        String password = "p\"a,s's\\w:o}rd {{x}} \\{{y}} \"\" \\";
        startSimulator(s -> s.withBasicLogin("triage@example.com", password));
        List<Long> ids = TestTickets.seed(simulator, 3);
        Path passwordFile = Files.writeString(state.resolve("password"), password + "\n");
        RunningTriage triage = startTriage(Map.of("zammad.api-token", "", "zammad.username", "triage@example.com",
                "zammad.password-file", passwordFile.toString()));
        triage.poll();
        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet());
        assertTrue(simulator.requests().stream().allMatch(r -> r.status() < 400), "nothing was refused");
        long later = TestTickets.seed(simulator, 1).get(0);
        triage.poll();
        assertTrue(putBodiesByTicket().containsKey(later), "and the next poll too");
    }

    @Test
    void zammadsNotAuthorizedRefusesOneTicketAndDisabledTokenAccessTheAccount() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 3);
        RunningTriage triage = startTriage(Map.of());
        simulator.injectFault(new Fault("PUT", "/api/v1/tickets/" + ids.get(1), 403, 0, 1));

        triage.poll();

        assertEquals(Set.of(ids.get(0), ids.get(2)), putBodiesByTicket().keySet(), "the others go on");
        List<Path> letters = deadLetters();
        assertEquals(1, letters.size());
        assertTrue(read(letters.get(0)).contains("Not authorized"), read(letters.get(0)));

        long later = TestTickets.seed(simulator, 1).get(0);
        simulator.disableTokenAccess(true);
        simulator.clearRequests();
        try (LogCapture log = LogCapture.start()) {
            triage.poll();
            assertEquals(1, errorLines(log).size(), log.text());
            assertTrue(errorLines(log).get(0).contains("refused our credentials (HTTP 403: API token access "
                    + "disabled!)"), log.text());
        }
        assertEquals(1, simulator.requests().size(), "one refused request");
        assertEquals(1, deadLetters().size(), "nobody's ticket is given up on for the account's refusal");
        simulator.disableTokenAccess(false);
        triage.poll();
        assertTrue(putBodiesByTicket().containsKey(later));
    }

    @Test
    void aRefusalWhileWritingTheAccountOffStopsThePollAndNothingIsDeadLettered() throws Exception {
        startSimulator(s -> s);
        List<Long> ids = TestTickets.seed(simulator, 3);
        RunningTriage triage = startTriage(Map.of());
        simulator.injectFault(new Fault("POST", "/api/v1/tags/add", 401, 0, 1));
        simulator.clearRequests();

        triage.poll();
        assertEquals(1, simulator.requests().stream().filter(r -> r.status() == 401).count());
        assertEquals(List.of(), deadLetters());

        triage.poll();
        assertTrue(ids.stream().allMatch(id -> ourNotes(id) == 1 && simulator.tags(id).contains("triaged")));
    }

    /** Issue 9, defect 10: with the shipped overlap, a search index that catches up out of order loses nothing. */
    @Test
    void withTheShippedOverlapALaggingSearchIndexLosesNoTicket() throws Exception {
        startSimulator(s -> s.withIndexLag(java.time.Duration.ofMillis(1_500)));
        RunningTriage triage = startTriage(Map.of());
        List<Long> ids = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            ids.addAll(TestTickets.seed(simulator, 3));
            triage.poll();
            Thread.sleep(300);
        }
        Thread.sleep(1_600);
        triage.poll();

        assertEquals(Set.copyOf(ids), putBodiesByTicket().keySet(), "every arrival was triaged");
        assertTrue(putBodiesByTicket().values().stream().allMatch(b -> b.size() == 1), "each once");
    }

    private void clearState() throws java.io.IOException {
        try (Stream<Path> files = Files.walk(state)) {
            files.sorted(java.util.Comparator.reverseOrder()).filter(f -> !f.equals(state)).forEach(f -> f.toFile()
                    .delete());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    /** The notes ticket-triage left on the ticket, as Zammad stored them. */
    long ourNotes(long id) {
        return simulator.articles(id).stream().filter(a -> a.path("body").asText().contains("ticket-triage ref "))
                .count();
    }

    static List<String> errorLines(LogCapture log) {
        return log.text().lines().filter(line -> line.startsWith("ERROR")).toList();
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
