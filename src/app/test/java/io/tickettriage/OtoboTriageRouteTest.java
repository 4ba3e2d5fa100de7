package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.triage.TicketClassifier;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultMix;
import io.tickettriage.sim.MutableClock;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.otobo.OperationFault;
import io.tickettriage.sim.otobo.OperationType;
import io.tickettriage.sim.otobo.OtoboSettings;
import io.tickettriage.sim.otobo.OtoboSimulator;
import io.tickettriage.sim.otobo.RouteTable;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriageDecision;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production routes (routes/*.yaml and the otobo Kamelets) against the OTOBO simulator over real HTTP: what
 * OTOBO does differently from other help desks — refusals as HTTP 200, sessions, no paging, two kinds of change time,
 * three products behind one API.
 */
class OtoboTriageRouteTest {

    private static final String AGENT = "triage-bot";
    private static final String PASSWORD = "Pw-4c1f9e27b8d34a6f";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys TicketUpdate reads (reference notes §3.6). */
    private static final Set<String> UPDATE_KEYS = Set.of("TicketID", "TicketNumber", "UserLogin", "Password",
            "SessionID", "Ticket", "Article", "DynamicField", "Attachment");

    @TempDir
    Path state;
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final List<OtoboSimulator> simulators = new ArrayList<>();
    private final List<RunningTriage> running = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopEverything() throws Exception {
        for (RunningTriage triage : running) {
            triage.close();
        }
        simulators.forEach(OtoboSimulator::close);
    }

    private OtoboSimulator simulator(UnaryOperator<OtoboSettings> change) {
        OtoboSimulator simulator = OtoboSimulator.start(change.apply(OtoboSettings.defaults(AGENT, PASSWORD)
                .withClock(clock)));
        simulators.add(simulator);
        return simulator;
    }

    private OtoboSimulator simulator() {
        return simulator(s -> s);
    }

    private RunningTriage startTriage(OtoboSimulator simulator, Map<String, String> extra) throws Exception {
        Map<String, String> adapter = Map.of("triage.helpdesk", "otobo", "otobo.base-url", simulator.webserviceUrl(),
                "otobo.user-login", AGENT, "otobo.password", PASSWORD);
        RunningTriage triage = RunningTriage.start(settings(adapter, state, extra));
        running.add(triage);
        // The startup check's requests are not part of what the tests look at.
        simulator.clearRequests();
        return triage;
    }

    /** Customer tickets from the held-out demo corpus, one simulated second apart. */
    private List<String> seed(OtoboSimulator simulator, int count) {
        List<CorpusTicket> corpus = DemoCorpus.load().heldOut();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CorpusTicket ticket = corpus.get(i % corpus.size());
            ids.add(simulator.createCustomerTicket("Raw", ticket.subject(), ticket.description(), "c" + i + "@example.com"));
            clock.advance(Duration.ofSeconds(1));
        }
        return ids;
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void onePollWritesEachIncomingTicketOnceWithQueuePriorityInternalNoteAndMarker() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 12);
        String elsewhere = sim.createCustomerTicket("Sales", "Printer question", "Which toner do I need?", "a@example.com");
        String closed = sim.createCustomerTicket("Raw", "Thanks", "All good now.", "b@example.com");
        agent(sim, closed, "{\"Ticket\":{\"State\":\"closed successful\"}}");
        String marked = sim.createCustomerTicket("Raw", "Old one", "Done before.", "c@example.com");
        agent(sim, marked, "{\"DynamicField\":{\"Name\":\"TriageMarker\",\"Value\":[\"triaged\"]}}");
        clock.advance(Duration.ofSeconds(1));

        RunningTriage triage = startTriage(sim, Map.of());
        triage.poll();

        Map<String, List<JsonNode>> updates = updatesByTicket(sim);
        assertEquals(Set.copyOf(ids), updates.keySet(), "exactly the incoming new/open unmarked tickets are written");
        TicketClassifier classifier = triage.bean("ticketClassifier", TicketClassifier.class);
        for (String id : ids) {
            assertEquals(1, updates.get(id).size(), "one TicketUpdate for " + id);
            JsonNode body = updates.get(id).get(0);
            body.fieldNames().forEachRemaining(key -> assertTrue(UPDATE_KEYS.contains(key), "TicketUpdate reads " + key));
            JsonNode ticket = sim.ticket(id).orElseThrow();
            TriageDecision expected = classifier.decideAll(List.of(new Ticket("otobo", id, ticket.path("Title").asText(),
                    ticket.path("Article").get(0).path("Body").asText(), List.of(), Instant.now()))).get(0);
            expected.queue().ifPresentOrElse(
                    label -> assertEquals(triage.mapped("otobo.queue-mapping", label), ticket.path("Queue").asText(), "queue of " + id),
                    () -> assertEquals("Triage Review", ticket.path("Queue").asText()));
            expected.priority().ifPresent(label ->
                    assertEquals(triage.mapped("otobo.priority-mapping", label), ticket.path("Priority").asText(),
                            "priority of " + id));
            JsonNode note = ticket.path("Article").get(1);
            assertEquals(0, note.path("IsVisibleForCustomer").intValue(), "the note is internal");
            assertEquals("agent", note.path("SenderType").asText());
            assertTrue(note.path("Body").asText().contains("ticket-triage classified this ticket"));
            assertEquals(0, body.path("Article").path("IsVisibleForCustomer").intValue());
            assertEquals("text/plain; charset=utf8", body.path("Article").path("ContentType").asText());
            assertTrue(markers(ticket).contains("triaged"), "marker on " + id);
            assertTrue(dynamicField(ticket, "TriageConfidence").startsWith("queue "));
        }
        assertTrue(Stream.of(elsewhere, closed, marked).noneMatch(updates::containsKey));
        assertEquals("Sales", sim.ticket(elsewhere).orElseThrow().path("Queue").asText());
    }

    @Test
    void secondPollWritesNothingAndARestartRepeatsNothing() throws Exception {
        OtoboSimulator sim = simulator();
        Map<String, Integer> once = new HashMap<>();
        seed(sim, 6).forEach(id -> once.put(id, 1));
        RunningTriage first = startTriage(sim, Map.of());
        first.poll();
        assertEquals(once, sim.fieldWrites());
        first.poll();
        assertEquals(once, sim.fieldWrites(), "our own updates do not bring tickets back");
        first.close();
        running.remove(first);

        startTriage(sim, Map.of()).poll();
        assertEquals(once, sim.fieldWrites(), "nothing written again after a restart");
        assertTrue(Files.exists(state.resolve("otobo.watermark")));
    }

    // ---- HTTP 200 with Error is a failure, on every call -------------------------------------------------------

    @Test
    void anErrorAnswerToTheSearchFailsThePollInsteadOfLookingLikeNoTickets() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 3);
        RunningTriage triage = startTriage(sim, Map.of("triage.retry.server-error-attempts", "2"));
        sim.injectOperationFault(new OperationFault(OperationType.TICKET_SEARCH, null, "Webservice.InvalidConfiguration",
                "The web service configuration is invalid", 3));

        try (LogCapture log = LogCapture.start()) {
            triage.poll();
            assertTrue(log.text().contains("OTOBO failed TicketSearch for tickets changed since"), log.text());
            assertTrue(log.text().contains("Webservice.InvalidConfiguration"), log.text());
        }
        assertEquals(3, sim.requests().stream().filter(this::isSearch).count(), "answered 200 each time, retried as a 5xx");
        assertEquals(0, updates(sim).size());
        assertFalse(Files.exists(state.resolve("otobo.watermark")), "the watermark did not move");

        triage.poll();
        assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet());
    }

    @Test
    void anErrorAnswerToTicketGetIsRetriedAndNeverReadAsAnEmptyTicketList() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 3);
        sim.injectOperationFault(new OperationFault(OperationType.TICKET_GET, null, "TicketGet.NotTicketData",
                "TicketGet: Could not get Ticket data in Kernel::GenericInterface::Operation::Ticket::TicketGet::Run()", 1));

        startTriage(sim, Map.of()).poll();

        assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet());
        assertTrue(updatesByTicket(sim).values().stream().allMatch(u -> u.size() == 1));
    }

    @Test
    void anErrorAnswerToTicketUpdateDeadLettersThatTicketAndTheBatchGoesOn() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 3);
        sim.injectOperationFault(new OperationFault(OperationType.TICKET_UPDATE, ids.get(1),
                "TicketUpdate.InvalidParameter", "TicketUpdate: Ticket->QueueID or Ticket->Queue parameter is invalid!", 1));

        startTriage(sim, Map.of()).poll();

        assertEquals(Set.of(ids.get(0), ids.get(2)), updatesByTicket(sim).keySet());
        assertFalse(markers(sim.ticket(ids.get(1)).orElseThrow()).contains("triaged"), "the refused ticket is unmarked");
        List<Path> letters;
        try (Stream<Path> files = Files.list(state.resolve("dead-letter"))) {
            letters = files.toList();
        }
        assertEquals(1, letters.size());
        JsonNode letter = JSON.readTree(letters.get(0).toFile());
        assertEquals("otobo:" + ids.get(1), letter.path("ticket").asText());
        assertEquals(422, letter.path("httpStatus").asInt());
        assertTrue(letter.path("response").asText().contains("TicketUpdate.InvalidParameter"));
        assertFalse(Files.readString(letters.get(0)).contains(PASSWORD));
    }

    @Test
    void transportFaultsAre500TextPlainAndTheHttpCallItselfIsRepeated() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 2);
        sim.injectFault(new Fault("PATCH", "/Ticket/" + ids.get(0), 500, 0, 2));

        startTriage(sim, Map.of()).poll();

        assertEquals(3, sim.requests().stream().filter(r -> r.method().equals("PATCH")
                && r.path().endsWith("/Ticket/" + ids.get(0))).count(), "two faults, then the update went through");
        assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet());
    }

    @Test
    void anUpdateOtoboAnswersWithAccessDeniedIsDeadLetteredAsNotFoundNotAsBadCredentials() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 2);
        sim.injectOperationFault(new OperationFault(OperationType.TICKET_UPDATE, ids.get(0), "TicketUpdate.AccessDenied",
                "TicketUpdate: Does not have permissions to update queue!", 1));

        startTriage(sim, Map.of()).poll();

        assertEquals(Set.of(ids.get(1)), updatesByTicket(sim).keySet(), "the poll went on");
        JsonNode letter;
        try (Stream<Path> files = Files.list(state.resolve("dead-letter"))) {
            letter = JSON.readTree(files.findFirst().orElseThrow().toFile());
        }
        assertEquals(404, letter.path("httpStatus").asInt());
    }

    // ---- sessions and credentials ------------------------------------------------------------------------------

    @Test
    void anExpiredSessionIsRenewedOnceAndThePasswordNeverTravelsInAUrl() throws Exception {
        OtoboSimulator sim = simulator(s -> s.withSessionTimes(Duration.ofHours(16), Duration.ofHours(2)));
        List<String> first = seed(sim, 2);
        RunningTriage triage = startTriage(sim, Map.of());
        triage.poll();
        assertEquals(0, sessionCreates(sim), "the startup check's session serves fetching and updating alike");

        List<String> second = seed(sim, 2);
        clock.advance(Duration.ofHours(3));
        triage.poll();

        assertEquals(Set.copyOf(Stream.concat(first.stream(), second.stream()).toList()), updatesByTicket(sim).keySet());
        assertEquals(1, sessionCreates(sim), "the one session was renewed once");
        assertEquals(3, sim.requests().stream().filter(this::isSearch).count(), "one search, then one refused and "
                + "repeated with the new session");
        assertTrue(sim.requests().stream().noneMatch(r -> r.query().contains(PASSWORD)
                        || r.query().contains(URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))),
                "in session mode the password is only ever in a body");
    }

    @Test
    void refusedCredentialsStopThePollWithOneLineAndOneSessionCreateAfterOneRenewal() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 2);
        RunningTriage triage = startTriage(sim, Map.of());
        sim.revokeCredentials();

        for (int poll = 0; poll < 2; poll++) {
            sim.clearRequests();
            try (LogCapture log = LogCapture.start()) {
                triage.poll();
                List<String> errors = log.text().lines().filter(l -> l.contains("ERROR")).toList();
                assertEquals(1, errors.size(), log.text());
                assertTrue(errors.get(0).contains("OTOBO refused SessionCreate for " + AGENT
                        + ": SessionCreate.AuthFail"), errors.get(0));
                assertTrue(errors.get(0).contains("check otobo.user-login and OTOBO_PASSWORD"), errors.get(0));
                assertFalse(log.text().contains(sim.webserviceUrl() + "/Ticket"), "no URL with a query in the log");
            }
            assertEquals(1, sessionCreates(sim), "one SessionCreate with the refused password per poll");
            // The first poll's search meets the killed session (renewed once, which is no refusal); the second poll
            // knows its session is gone and asks for a new one first.
            assertEquals(poll == 0 ? 2 : 1, sim.requests().size(), sim.requests().toString());
        }
        assertEquals(0, updates(sim).size());
        assertFalse(Files.exists(state.resolve("otobo.watermark")));

        sim.restoreCredentials();
        triage.poll();
        assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet());
    }

    @Test
    void passwordModeSendsLoginAndPasswordWithEveryCallAndNoSession() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 2);

        startTriage(sim, Map.of("otobo.auth", "password")).poll();

        assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet());
        assertEquals(0, sessionCreates(sim));
        assertTrue(sim.requests().stream().filter(this::isSearch)
                .allMatch(r -> r.queryParameters().get("Password").equals(PASSWORD)));
    }

    @Test
    void neitherThePasswordNorASessionIdReachesTheLogOrADeadLetter() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 3);
        try (LogCapture log = LogCapture.start()) {
            RunningTriage triage = startTriage(sim, Map.of("otobo.auth", "password"));
            sim.injectFault(new Fault("GET", "/Ticket/.*", 500, 0, 1));
            sim.injectOperationFault(new OperationFault(OperationType.TICKET_UPDATE, ids.get(0),
                    "TicketUpdate.InvalidParameter", "TicketUpdate: Ticket->Priority parameter is invalid!", 1));
            triage.poll();
            sim.revokeCredentials();
            triage.poll();
            sim.restoreCredentials();
            triage.close();
            running.remove(triage);

            RunningTriage sessions = startTriage(sim, Map.of());
            seed(sim, 2);
            sim.injectFault(new Fault("PATCH", "/Ticket/.*", 503, 0, 1));
            sessions.poll();
            sim.revokeCredentials();
            sessions.poll();

            assertTrue(log.text().contains("failed for good"), "the dead letter was logged");
            assertTrue(log.text().contains("AuthFail"), "the refusal was logged");
            List<String> secrets = new ArrayList<>(sim.issuedSessions());
            secrets.add(PASSWORD);
            assertFalse(sim.issuedSessions().isEmpty());
            for (String secret : secrets) {
                assertFalse(log.text().contains(secret), "a secret in the log");
            }
            try (Stream<Path> letters = Files.list(state.resolve("dead-letter"))) {
                for (Path letter : letters.toList()) {
                    String text = Files.readString(letter);
                    secrets.forEach(secret -> assertFalse(text.contains(secret), "a secret in " + letter));
                }
            }
        }
    }

    @Test
    void aPasswordWithQuotesCommasBackslashesAndBracesWorksThroughTheKameletBeanProperties() throws Exception {
        // A backslash before {{ or at the end is what Camel's placeholder parsing would drop; such a password reaches
        // ticket-triage raw from a file (OTOBO_PASSWORD_FILE), and from there the Kamelets by reference.
        String awkward = "p\"a'ss,wo{r}d \\#1\\\" , \\n\\";
        Path secret = Files.writeString(Files.createDirectories(state).resolve("awkward"), awkward);
        for (String mode : List.of("session", "password")) {
            OtoboSimulator sim = OtoboSimulator.start(OtoboSettings.defaults(AGENT, awkward).withClock(clock));
            simulators.add(sim);
            List<String> ids = seed(sim, 2);
            Map<String, String> adapter = Map.of("triage.helpdesk", "otobo", "otobo.base-url", sim.webserviceUrl(),
                    "otobo.user-login", AGENT, "otobo.password", "", "otobo.password-file", secret.toString(),
                    "otobo.auth", mode);
            RunningTriage triage = RunningTriage.start(settings(adapter, state.resolve(mode), Map.of()));
            running.add(triage);
            sim.clearRequests();
            try (LogCapture log = LogCapture.start()) {
                triage.poll();
                assertFalse(log.text().contains("ERROR"), log.text());
            }

            assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet(), mode);
            assertEquals(2, ids.stream().filter(id -> notes(sim, id) == 1).count(), mode);
        }
    }

    // ---- Znuny and OTRS -----------------------------------------------------------------------------------------

    @Test
    void znunyAndOtrsAreTheSameAdapterUnderTheirOwnUrlPrefix() throws Exception {
        OtoboSimulator znuny = simulator(s -> s.withProduct("znuny"));
        List<String> znunyTickets = seed(znuny, 2);
        startTriage(znuny, Map.of()).poll();
        assertEquals(Set.copyOf(znunyTickets), updatesByTicket(znuny).keySet());
        assertTrue(znuny.requests().stream().allMatch(r -> r.path().startsWith("/znuny/nph-genericinterface.pl/")));
        running.get(0).close();
        running.clear();

        OtoboSimulator otrs = simulator(s -> s.withProduct("otrs").withWebservice("TriageConnector", 3));
        List<String> otrsTickets = seed(otrs, 2);
        Map<String, String> adapter = Map.of("triage.helpdesk", "otobo",
                "otobo.base-url", otrs.baseUrl() + "/otrs/nph-genericinterface.pl/WebserviceID/3",
                "otobo.user-login", AGENT, "otobo.password", PASSWORD);
        RunningTriage triage = RunningTriage.start(settings(adapter, state.resolve("otrs"), Map.of()));
        running.add(triage);
        triage.poll();
        assertEquals(Set.copyOf(otrsTickets), updatesByTicket(otrs).keySet());
    }

    // ---- change times ---------------------------------------------------------------------------------------

    @Test
    void theSearchFollowsTheTicketsChangeTimeSoANoteAloneDoesNotBringATicketBackButAMoveDoes() throws Exception {
        OtoboSimulator sim = simulator();
        // A ticket filed in Misc before ticket-triage's last poll: not for triage.
        String misfiled = sim.createCustomerTicket("Misc", "Invoice wrong", "My invoice 2024-118 shows the wrong VAT.",
                "d@example.com");
        clock.advance(Duration.ofMinutes(5));
        Files.createDirectories(state);
        Files.writeString(state.resolve("otobo.watermark"), clock.instant() + "\n");
        clock.advance(Duration.ofMinutes(5));
        // An agent notes it (history, not change_time) and files it into Raw without changing anything else... first
        // only the note.
        agent(sim, misfiled, "{\"Article\":{\"Subject\":\"n\",\"Body\":\"customer called\","
                + "\"ContentType\":\"text/plain; charset=utf8\",\"IsVisibleForCustomer\":0}}");
        agent(sim, misfiled, "{\"Ticket\":{\"State\":\"new\"}}");
        RunningTriage triage = startTriage(sim, Map.of("otobo.select.queues", "Raw,Misc"));

        triage.poll();

        List<Map<String, String>> searches = sim.requests().stream().filter(this::isSearch)
                .map(RecordedRequest::queryParameters).toList();
        assertTrue(searches.get(0).containsKey("TicketLastChangeTimeNewerDate"), searches.get(0).toString());
        assertFalse(searches.get(0).containsKey("TicketChangeTimeNewerDate"));
        assertTrue(searches.get(0).get("TicketLastChangeTimeNewerDate").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertEquals("Changed", searches.get(0).get("SortBy"));
        assertEquals("Up", searches.get(0).get("OrderBy"));
        assertEquals(0, updates(sim).size(), "a note changes no ticket's change time, so nothing new was found");

        agent(sim, misfiled, "{\"Ticket\":{\"Queue\":\"Raw\"}}");
        triage.poll();
        assertEquals(Set.of(misfiled), updatesByTicket(sim).keySet(), "moving it into Raw changed it");
    }

    // ---- no paging ------------------------------------------------------------------------------------------

    @Test
    void fullSearchesContinueFromTheirLastChangeTimeAndAPollStopsAfterItsSearches() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 10);
        RunningTriage triage = startTriage(sim, Map.of("otobo.page-size", "4", "otobo.max-pages-per-poll", "2",
                "otobo.get-batch-size", "3"));

        triage.poll();
        // The second search starts at the earlier change time of the first one's last two tickets, so it returns
        // those two again and two new ones.
        assertEquals(Set.copyOf(ids.subList(0, 6)), updatesByTicket(sim).keySet());
        List<Map<String, String>> searches = sim.requests().stream().filter(this::isSearch).map(RecordedRequest::queryParameters)
                .toList();
        assertEquals(2, searches.size());
        assertEquals(sim.ticket(ids.get(2)).orElseThrow().path("Created").asText(),
                searches.get(1).get("TicketLastChangeTimeNewerDate"));
        assertTrue(sim.requests().stream().filter(r -> r.method().equals("GET") && r.path().contains("/Ticket/"))
                .allMatch(r -> r.path().substring(r.path().lastIndexOf('/') + 1).split(",").length <= 3));

        triage.poll();
        triage.poll();
        assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet(), "the watermark resumed the rest");
        assertTrue(updatesByTicket(sim).values().stream().allMatch(u -> u.size() == 1), "none written twice");
    }

    @Test
    void ticketsSharingOneChangeTimeBeyondAPageAreFoundWithALargerSearch() throws Exception {
        OtoboSimulator sim = simulator();
        List<CorpusTicket> corpus = DemoCorpus.load().heldOut();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(sim.createCustomerTicket("Raw", corpus.get(i).subject(), corpus.get(i).description(), "e@example.com"));
        }
        clock.advance(Duration.ofSeconds(1));

        startTriage(sim, Map.of("otobo.page-size", "2")).poll();

        assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet());
        assertTrue(sim.requests().stream().filter(this::isSearch).anyMatch(r -> Integer.parseInt(
                r.queryParameters().get("Limit")) > 2), "a search asked for more than a page");
    }

    @Test
    void aTicketGoneBetweenSearchAndGetIsSkippedAndTheRestOfItsBatchRead() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 4);
        // The whole list is refused, then the ticket alone: it was merged away after the search.
        sim.injectOperationFault(new OperationFault(OperationType.TICKET_GET, ids.get(1), "TicketGet.AccessDenied",
                "TicketGet: User does not have access to the ticket!", 2));

        try (LogCapture log = LogCapture.start()) {
            startTriage(sim, Map.of()).poll();
            assertTrue(log.text().contains("OTOBO ticket " + ids.get(1) + " could not be read"), log.text());
        }

        assertEquals(Set.of(ids.get(0), ids.get(2), ids.get(3)), updatesByTicket(sim).keySet());
        assertFalse(Files.exists(state.resolve("dead-letter")));
    }

    /**
     * With the label mappings (as shipped), the search lists every queue, state and marker, for the outcomes; the
     * marker is then checked on what TicketGet returns, and the POST route still keeps credentials out of URLs.
     */
    @Test
    void aPostSearchRouteCarriesTheCredentialsInTheBodyAndMarkedTicketsStayUntouched() throws Exception {
        OtoboSimulator sim = simulator(s -> s.withRoutes(RouteTable.genericTicketConnector()
                .with("TicketSearchPOST", OperationType.TICKET_SEARCH, "POST", "/TicketSearch")));
        List<String> ids = seed(sim, 2);
        String marked = sim.createCustomerTicket("Raw", "Old one", "Done before.", "c@example.com");
        agent(sim, marked, "{\"DynamicField\":{\"Name\":\"TriageMarker\",\"Value\":[\"triaged\"]}}");
        clock.advance(Duration.ofSeconds(1));

        startTriage(sim, Map.of("otobo.route.ticket-search", "POST /TicketSearch")).poll();

        assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet());
        RecordedRequest search = sim.requests().stream().filter(r -> r.path().endsWith("/TicketSearch"))
                .findFirst().orElseThrow();
        JsonNode body = JSON.readTree(search.body());
        assertTrue(body.path("DynamicField_TriageMarker").isMissingNode() && body.path("Queues").isMissingNode(),
                "every ticket changed, for the outcomes: " + body);
        assertTrue(body.path("SessionID").isTextual(), "credentials travel in the body");
        assertFalse(search.query().contains("SessionID"), "and not in the URL");
        assertFalse(updatesByTicket(sim).containsKey(marked), "the marked ticket was not written");
    }

    @Test
    void withoutAMarkerFieldQueueAndStateAloneSelectAndNothingIsWrittenTwice() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 3);
        RunningTriage triage = startTriage(sim, Map.of("otobo.dynamic-field.marker", "",
                "otobo.dynamic-field.confidence", ""));

        triage.poll();
        triage.poll();

        assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet());
        for (String id : ids) {
            JsonNode body = updatesByTicket(sim).get(id).get(0);
            assertFalse(body.has("DynamicField"), "no dynamic field written");
            assertTrue(markers(sim.ticket(id).orElseThrow()).isEmpty());
        }
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        OtoboSimulator sim = simulator();
        seed(sim, 3);
        try (LogCapture log = LogCapture.start()) {
            startTriage(sim, Map.of("triage.dry-run", "true")).poll();
            assertEquals(3, log.text().lines().filter(l -> l.contains("DRY RUN: would write otobo:"))
                    .count(), log.text());
        }
        assertTrue(sim.requests().stream().noneMatch(r -> r.method().equals("PATCH")));
    }

    @Test
    void emptySelectionsMeanAnyQueueAndAnyState() throws Exception {
        OtoboSimulator sim = simulator();
        String inSales = sim.createCustomerTicket("Sales", "Printer question", "Which toner do I need?", "a@example.com");
        agent(sim, inSales, "{\"Ticket\":{\"State\":\"closed successful\"}}");
        clock.advance(Duration.ofSeconds(1));

        startTriage(sim, Map.of("otobo.select.queues", "", "otobo.select.states", "")).poll();

        assertEquals(Set.of(inSales), updatesByTicket(sim).keySet());
        Map<String, String> search = sim.requests().stream().filter(this::isSearch).findFirst().orElseThrow()
                .queryParameters();
        assertFalse(search.containsKey("Queues") || search.containsKey("States"), search.toString());
    }

    // ---- issue 9: nothing lost, nothing twice, under any fault ------------------------------------------------

    @Test
    void anUpdateThatLandedButLostItsAnswerIsFoundOnTheTicketNotSentAgain() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 3);
        RunningTriage triage = startTriage(sim, Map.of());
        sim.injectFault(Fault.appliedThenFailed("PATCH", "/Ticket/" + ids.get(0), 500, 1));
        sim.injectFault(Fault.appliedThenFailed("PATCH", "/Ticket/" + ids.get(1), 0, 1));

        triage.poll();

        for (String id : ids) {
            assertEquals(1, notes(sim, id), "one note on " + id);
            assertTrue(markers(sim.ticket(id).orElseThrow()).contains("triaged"), "marker on " + id);
        }
        assertEquals(Map.of(ids.get(0), 1, ids.get(1), 1, ids.get(2), 1), sim.fieldWrites());
        assertEquals(1, sim.requests().stream().filter(r -> r.method().equals("PATCH")
                && r.path().endsWith("/Ticket/" + ids.get(0))).count(), "looked for, not sent again");
        assertTrue(Files.exists(state.resolve("otobo.watermark")), "the poll went through");
    }

    @Test
    void resetsAndServerErrorsBeforeTheUpdateLandedSendItAgainWithOneNote() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 2);
        RunningTriage triage = startTriage(sim, Map.of());
        sim.injectFault(Fault.reset("PATCH", "/Ticket/" + ids.get(0), 2));
        sim.injectFault(new Fault("PATCH", "/Ticket/" + ids.get(1), 503, 0, 2));

        triage.poll();

        for (String id : ids) {
            assertEquals(1, notes(sim, id), "one note on " + id);
            assertTrue(markers(sim.ticket(id).orElseThrow()).contains("triaged"));
        }
    }

    @Test
    void anUpdateOtoboAppliedUpToTheArticleIsFinishedWithoutASecondArticleEvenAfterItLeftTheIncomingQueue()
            throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 3);
        RunningTriage triage = startTriage(sim, Map.of("triage.retry.server-error-attempts", "2"));
        // Queue, priority and article land, then the dynamic fields fail: once, and then on every retry of this poll.
        sim.failDynamicFields(ids.get(0), 1);
        sim.failDynamicFields(ids.get(1), 4);

        try (LogCapture log = LogCapture.start()) {
            triage.poll();
            assertTrue(log.text().contains("Dynamic Field TriageConfidence could not be set"), log.text());
        }
        assertEquals(1, notes(sim, ids.get(0)));
        assertTrue(markers(sim.ticket(ids.get(0)).orElseThrow()).contains("triaged"), "finished in the same poll");
        JsonNode half = sim.ticket(ids.get(1)).orElseThrow();
        assertEquals(1, notes(sim, ids.get(1)));
        assertFalse(markers(half).contains("triaged"), "the dynamic fields kept failing");
        assertFalse(half.path("Queue").asText().equals("Raw"), "but the ticket left the incoming queue");
        assertFalse(Files.exists(state.resolve("otobo.watermark")), "an unfinished write keeps the watermark");

        triage.poll();

        for (String id : ids) {
            assertEquals(1, notes(sim, id), "one note on " + id);
            assertTrue(markers(sim.ticket(id).orElseThrow()).contains("triaged"), "marker on " + id);
        }
        RecordedRequest last = sim.requests().stream().filter(r -> r.method().equals("PATCH")
                && r.path().endsWith("/Ticket/" + ids.get(1))).reduce((a, b) -> b).orElseThrow();
        assertFalse(JSON.readTree(last.body()).has("Article"), "finished without its article, which had landed");
    }

    @Test
    void exhaustedRetriesOnTheUpdateAreFinishedOnALaterPoll() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 2);
        RunningTriage triage = startTriage(sim, Map.of("triage.retry.server-error-attempts", "1"));
        sim.injectFault(Fault.appliedThenFailed("PATCH", "/Ticket/" + ids.get(0), 500, 1));
        // The look at the ticket fails as well: the protocol cannot know, so the plan stays open.
        sim.injectFault(new Fault("GET", "/Ticket/" + ids.get(0), 500, 0, 2));

        triage.poll();
        assertFalse(Files.exists(state.resolve("otobo.watermark")));
        triage.poll();

        for (String id : ids) {
            assertEquals(1, notes(sim, id), "one note on " + id);
            assertTrue(markers(sim.ticket(id).orElseThrow()).contains("triaged"));
        }
        assertEquals(1, sim.fieldWrites().get(ids.get(0)));
    }

    @Test
    void aWriteCutShortIsFinishedAfterARestartWithoutASecondNote() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 2);
        RunningTriage first = startTriage(sim, Map.of("triage.retry.server-error-attempts", "1"));
        sim.injectFault(Fault.appliedThenFailed("PATCH", "/Ticket/" + ids.get(0), 0, 1));
        sim.injectFault(new Fault("GET", "/Ticket/" + ids.get(0), 503, 0, 2));
        first.poll();
        first.close();
        running.remove(first);
        assertEquals(1, notes(sim, ids.get(0)), "the update landed; its answer was lost");

        startTriage(sim, Map.of()).poll();

        for (String id : ids) {
            assertEquals(1, notes(sim, id), "one note on " + id);
            assertTrue(markers(sim.ticket(id).orElseThrow()).contains("triaged"));
        }
        assertTrue(sim.requests().stream().noneMatch(r -> r.method().equals("PATCH")
                && r.path().endsWith("/Ticket/" + ids.get(0))), "found on the ticket, not sent again");
    }

    @Test
    void aRefusalWhileWritingStopsThePollAtOnceAndALaterPollFinishesEveryTicketWithOneNote() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 4);
        RunningTriage triage = startTriage(sim, Map.of());
        // The session ends, and the renewed one is refused too: the credentials changed under us.
        sim.injectOperationFault(new OperationFault(OperationType.TICKET_UPDATE, ids.get(1), "TicketUpdate.AuthFail",
                "TicketUpdate: User could not be authenticated!", 2));

        try (LogCapture log = LogCapture.start()) {
            triage.poll();
            assertEquals(1, log.text().lines().filter(l -> l.startsWith("ERROR")).count(), log.text());
        }
        List<RecordedRequest> afterRefusal = sim.requests().subList(sim.requests().size() - 1, sim.requests().size());
        assertTrue(afterRefusal.get(0).path().endsWith("/Ticket/" + ids.get(1)), "nothing sent after the refusal");
        assertEquals(1, sessionCreates(sim), "the one renewal");
        assertEquals(Set.of(ids.get(0)), sim.fieldWrites().keySet());

        triage.poll();

        for (String id : ids) {
            assertEquals(1, notes(sim, id), "one note on " + id);
        }
        assertEquals(Set.copyOf(ids), sim.fieldWrites().keySet());
    }

    @Test
    void aProxysHttp401WhileWritingStopsThePollAndTheNextPollFinishesTheRest() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 3);
        RunningTriage triage = startTriage(sim, Map.of());
        sim.injectFault(new Fault("PATCH", "/Ticket/" + ids.get(1), 401, 0, 1));

        try (LogCapture log = LogCapture.start()) {
            triage.poll();
            assertEquals(1, log.text().lines().filter(l -> l.startsWith("ERROR")).count(), log.text());
            assertTrue(log.text().contains("refused our credentials (HTTP 401"), log.text());
        }
        assertEquals(Set.of(ids.get(0)), sim.fieldWrites().keySet());
        assertTrue(sim.requests().get(sim.requests().size() - 1).path().endsWith("/Ticket/" + ids.get(1)),
                "nothing sent after the refusal");

        triage.poll();

        for (String id : ids) {
            assertEquals(1, notes(sim, id), "one note on " + id);
        }
        assertEquals(Set.copyOf(ids), sim.fieldWrites().keySet());
    }

    @Test
    void aGarbledSearchOrTicketGetIsFetchedAgainAndTriaged() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 3);
        RunningTriage triage = startTriage(sim, Map.of());
        sim.injectFault(Fault.garbled("GET", "/Ticket", 1));
        sim.injectFault(Fault.garbled("GET", "/Ticket/.+", 1));

        triage.poll();

        assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet());
        assertEquals(2, sim.requests().stream().filter(this::isSearch).count(), "the garbled search was sent again");
        assertTrue(Files.exists(state.resolve("otobo.watermark")));
    }

    @Test
    void poisonRecordsUnsafeIdsAndFarFutureTimesAreDeadLetteredAndTheRestIsTriaged() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 3);
        String future = ids.get(2);
        sim.garble(future, "Changed", "2099-01-01 00:00:00");
        sim.listRawRecord("{\"TicketID\":\"3\",\"Changed\":\"2024-01-01 00:00:00\",\"Title\":"
                + "[".repeat(2_000) + "]".repeat(2_000) + "}");
        sim.listRawRecord("{\"TicketID\":\"../../x\",\"Title\":\"escape\",\"Changed\":\"2024-01-01 00:00:00\"}");
        sim.listRawRecord("{\"TicketID\":\"" + "9".repeat(300) + "\",\"Changed\":\"2024-01-01 00:00:00\"}");
        sim.listRawRecord("{\"TicketID\":\"12\\u0000\",\"Changed\":\"2024-01-01 00:00:00\"}");
        RunningTriage triage = startTriage(sim, Map.of());

        triage.poll();
        triage.poll();

        assertEquals(Set.copyOf(ids.subList(0, 2)), updatesByTicket(sim).keySet());
        List<Path> letters;
        try (Stream<Path> files = Files.list(state.resolve("dead-letter"))) {
            letters = files.toList();
        }
        assertEquals(5, letters.size(), letters.toString());
        for (Path letter : letters) {
            assertEquals(state.resolve("dead-letter"), letter.getParent());
            assertTrue(letter.getFileName().toString().matches("[A-Za-z0-9._-]{1,200}"), letter.toString());
        }
        Instant watermark = Instant.parse(Files.readString(state.resolve("otobo.watermark")).strip());
        assertFalse(watermark.isAfter(clock.instant().plus(Duration.ofMinutes(1))), "watermark " + watermark);
    }

    @Test
    void theCustomersValuesInTheMarkerFieldAreKeptAsTheyWere() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 2);
        sim.addDynamicFieldValue(ids.get(0), "TriageMarker", "vip");
        sim.addDynamicFieldValue(ids.get(0), "TriageMarker", "urgent");
        clock.advance(Duration.ofSeconds(1));

        startTriage(sim, Map.of()).poll();

        List<String> values = markers(sim.ticket(ids.get(0)).orElseThrow());
        assertEquals(List.of("vip", "urgent"), values.subList(0, 2), values.toString());
        assertTrue(values.contains("triaged"));
        JsonNode body = updatesByTicket(sim).get(ids.get(0)).get(0);
        body.fieldNames().forEachRemaining(key -> assertTrue(UPDATE_KEYS.contains(key), key));
        assertEquals(Set.of("Queue", "Priority"), fieldNames(body.path("Ticket")), "no other ticket attribute");
        JsonNode dynamicFields = body.path("DynamicField");
        assertEquals("TriageMarker", dynamicFields.get(dynamicFields.size() - 1).path("Name").asText(),
                "the marker last");
    }

    @Test
    void underMixedFaultsEveryTicketGetsExactlyOneNoteAndItsMarker() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 40);
        sim.addDynamicFieldValue(ids.get(5), "TriageMarker", "vip");
        RunningTriage triage = startTriage(sim, Map.of("triage.retry.delay-ms", "1",
                "otobo.get-batch-size", "7"));
        sim.mixFaults(new FaultMix(9, 0.15, 0.05, 0.08, 0.15, 0.15, 0));

        for (int poll = 0; poll < 12 && !ids.stream().allMatch(id -> markers(sim.ticket(id).orElseThrow())
                .contains("triaged")); poll++) {
            triage.poll();
        }
        sim.mixFaults(null);

        for (String id : ids) {
            assertEquals(1, notes(sim, id), "one note on " + id);
            assertTrue(markers(sim.ticket(id).orElseThrow()).contains("triaged"), "marker on " + id);
        }
        assertEquals("vip", markers(sim.ticket(ids.get(5)).orElseThrow()).get(0), "the customer's value kept");
        assertTrue(sim.fieldWrites().values().stream().allMatch(n -> n == 1), sim.fieldWrites().toString());
    }

    // ---- startup checks ---------------------------------------------------------------------------------------

    @Test
    void misconfigurationsStopTheStartWithOneLine() {
        OtoboSimulator sim = simulator();
        assertEquals("otobo.password is not set: set OTOBO_PASSWORD, or OTOBO_PASSWORD_FILE to a file that holds it",
                startupFailure(sim, Map.of("otobo.password", "")));
        assertEquals("otobo.user-login is not set: add it to config/application.properties or set OTOBO_USER_LOGIN",
                startupFailure(sim, Map.of("otobo.user-login", "")));
        assertTrue(startupFailure(sim, Map.of("otobo.base-url", sim.baseUrl() + "/otobo/index.pl"))
                .endsWith("which is not a web service URL: it must end with /nph-genericinterface.pl/Webservice/<name>, "
                        + "e.g. https://desk.example.com/otobo/nph-genericinterface.pl/Webservice/"
                        + "GenericTicketConnectorREST (Znuny: /znuny/…, OTRS: /otrs/…)"));
        assertEquals("otobo.route.ticket-update: an OTOBO route is '<METHOD> /path', e.g. 'GET /Ticket/:TicketID', "
                + "was 'Ticket/:TicketID'", startupFailure(sim, Map.of("otobo.route.ticket-update", "Ticket/:TicketID")));
        assertEquals("otobo.time-zone must be a time zone such as UTC or Europe/Berlin (OTOBO's OTOBOTimeZone "
                + "setting), was 'CEST+1'", startupFailure(sim, Map.of("otobo.time-zone", "CEST+1")));
        assertEquals("otobo.auth must be one of [session, password], was 'basic'",
                startupFailure(sim, Map.of("otobo.auth", "basic")));
        assertEquals("model label 'billing' is not mapped: add billing=<OTOBO value> to otobo.queue-mapping in "
                + "config/application.properties", startupFailure(sim, Map.of("otobo.queue-mapping",
                RunningTriage.shippedMappingWith("otobo.queue-mapping", "billing", null))));
    }

    @Test
    void theStartupCheckProvesUrlRoutesAndCredentials() {
        OtoboSimulator sim = simulator();
        assertEquals("OTOBO refused SessionCreate for triage-bot: SessionCreate.AuthFail SessionCreate: Authorization "
                + "failing!; check otobo.user-login and OTOBO_PASSWORD (or the agent's validity)",
                startupFailure(sim, Map.of("otobo.password", "wrong")));
        assertEquals("OTOBO refused the startup check's TicketSearch: TicketSearch.AuthFail TicketSearch: Authorization "
                + "failing!; check otobo.user-login and OTOBO_PASSWORD (or the agent's validity)",
                startupFailure(sim, Map.of("otobo.password", "wrong", "otobo.auth", "password")));
        String noSuchService = sim.baseUrl() + "/otobo/nph-genericinterface.pl/Webservice/NoSuchService";
        assertEquals("OTOBO at " + noSuchService + " answered HTTP 500 4 times in a row while SessionCreate for "
                + "triage-bot; check that otobo.base-url names an existing web service and otobo.route.* its routes",
                startupFailure(sim, Map.of("otobo.base-url", noSuchService)));
        assertEquals("OTOBO at " + sim.webserviceUrl() + " answered HTTP 500 4 times in a row while the startup check's "
                + "TicketSearch: HTTP::REST Error while determine Operation for request URI '/TicketSearch'.; check that "
                + "otobo.base-url names an existing web service and otobo.route.* its routes",
                startupFailure(sim, Map.of("otobo.route.ticket-search", "POST /TicketSearch")));
        assertEquals("OTOBO refused SessionCreate for triage-bot (HTTP 404: Not Found); check otobo.base-url",
                startupFailure(sim, Map.of("otobo.base-url",
                        sim.baseUrl() + "/znuny/nph-genericinterface.pl/Webservice/GenericTicketConnectorREST")));
        assertTrue(startupFailure(sim, Map.of("otobo.base-url", "http://127.0.0.1:1/otobo/nph-genericinterface.pl/"
                + "Webservice/GenericTicketConnectorREST")).startsWith("cannot reach OTOBO at http://127.0.0.1:1/"));
    }

    @Test
    void thePasswordMayComeFromAFile() throws Exception {
        OtoboSimulator sim = simulator();
        List<String> ids = seed(sim, 1);
        Path secret = Files.writeString(Files.createDirectories(state).resolve("otobo-password"), PASSWORD + "\n");

        startTriage(sim, Map.of("otobo.password", "", "otobo.password-file", secret.toString())).poll();

        assertEquals(Set.copyOf(ids), updatesByTicket(sim).keySet());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The test settings with the adapter pointed at a simulator; {@code extra} wins. */
    private static Map<String, String> settings(Map<String, String> adapter, Path directory,
                                                Map<String, String> extra) {
        Map<String, String> chosen = new HashMap<>(adapter);
        chosen.putAll(extra);
        return RunningTriage.testProperties(directory, chosen);
    }

    private String startupFailure(OtoboSimulator sim, Map<String, String> overrides) {
        Map<String, String> adapter = Map.of("triage.helpdesk", "otobo", "otobo.base-url", sim.webserviceUrl(),
                "otobo.user-login", AGENT, "otobo.password", PASSWORD);
        Main main = TriageRuntime.create(settings(adapter, state, overrides), Clock.systemUTC());
        Exception failure = assertThrows(Exception.class, main::start);
        main.stop();
        return TicketTriageApplication.startupProblem(failure);
    }

    private static long sessionCreates(OtoboSimulator sim) {
        return sim.requests().stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/Session")).count();
    }

    private boolean isSearch(RecordedRequest request) {
        return request.method().equals("GET") && request.path().endsWith("/Webservice/GenericTicketConnectorREST/Ticket");
    }

    /** Answered TicketUpdate requests (HTTP 200 without Error), by ticket id, as their JSON bodies. */
    private Map<String, List<JsonNode>> updatesByTicket(OtoboSimulator sim) {
        Map<String, List<JsonNode>> bodies = new HashMap<>();
        for (RecordedRequest request : updates(sim)) {
            String id = request.path().substring(request.path().lastIndexOf('/') + 1);
            try {
                bodies.computeIfAbsent(id, k -> new ArrayList<>()).add(JSON.readTree(request.body()));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return bodies;
    }

    private List<RecordedRequest> updates(OtoboSimulator sim) {
        Map<String, Integer> written = sim.fieldWrites();
        List<RecordedRequest> patches = sim.requests().stream()
                .filter(r -> r.method().equals("PATCH") && r.status() == 200).toList();
        // A 200 may still be a refusal; only those the desk applied count.
        List<RecordedRequest> applied = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (RecordedRequest patch : patches) {
            String id = patch.path().substring(patch.path().lastIndexOf('/') + 1);
            if (seen.merge(id, 1, Integer::sum) <= written.getOrDefault(id, 0)) {
                applied.add(patch);
            }
        }
        return applied;
    }

    private static List<String> markers(JsonNode ticket) {
        List<String> values = new ArrayList<>();
        for (JsonNode field : ticket.path("DynamicField")) {
            if (field.path("Name").asText().equals("TriageMarker")) {
                field.path("Value").forEach(v -> values.add(v.asText()));
            }
        }
        return values;
    }

    /** Our notes on the ticket: internal articles with ticket-triage's reference. */
    private static long notes(OtoboSimulator sim, String id) {
        JsonNode articles = sim.ticket(id).orElseThrow().path("Article");
        long count = 0;
        for (JsonNode article : articles) {
            if (article.path("Body").asText().contains("ticket-triage ref ")) {
                assertEquals(0, article.path("IsVisibleForCustomer").intValue());
                count++;
            }
        }
        return count;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String dynamicField(JsonNode ticket, String name) {
        for (JsonNode field : ticket.path("DynamicField")) {
            if (field.path("Name").asText().equals(name)) {
                return field.path("Value").asText();
            }
        }
        return "";
    }

    /** An agent's change through the API, with the agent's login. */
    private void agent(OtoboSimulator sim, String id, String json) throws Exception {
        String body = "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\"," + json.substring(1);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sim.webserviceUrl() + "/Ticket/" + id))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().contains("\"Error\""), response.body());
    }
}
