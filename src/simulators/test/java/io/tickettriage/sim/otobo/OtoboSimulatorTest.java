package io.tickettriage.sim.otobo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator's contract (reference notes §3), over real HTTP. */
class OtoboSimulatorTest {

    private static final String AGENT = "triage-bot";
    private static final String PASSWORD = "s3cret-Pass";
    private static final String CREDENTIALS = "UserLogin=" + AGENT + "&Password=" + PASSWORD;
    private static final Instant START = Instant.parse("2024-08-08T12:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock(START);
    private final List<OtoboSimulator> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(OtoboSimulator::close);
    }

    private OtoboSimulator start(UnaryOperator<OtoboSettings> change) {
        OtoboSimulator simulator = OtoboSimulator.start(change.apply(OtoboSettings.defaults(AGENT, PASSWORD)
                .withClock(clock)));
        started.add(simulator);
        return simulator;
    }

    private String ticket(OtoboSimulator sim, String subject) {
        return sim.createCustomerTicket("Raw", subject, "Body of " + subject, "customer@example.com");
    }

    // ---- URL form and transport ------------------------------------------------------------------------------

    @Test
    void theUrlNamesProductScriptAndWebService() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String server = sim.baseUrl();

        assertEquals(200, send("GET", server + "/otobo/nph-genericinterface.pl/Webservice/GenericTicketConnectorREST/Ticket?"
                + CREDENTIALS, null).statusCode());
        assertEquals(200, send("GET", server + "/otobo/nph-genericinterface.pl/WebserviceID/1/Ticket?" + CREDENTIALS,
                null).statusCode());
        assertEquals(404, send("GET", server + "/znuny/nph-genericinterface.pl/Webservice/GenericTicketConnectorREST/Ticket?"
                + CREDENTIALS, null).statusCode());
        HttpResponse<String> unknownService = send("GET", server
                + "/otobo/nph-genericinterface.pl/Webservice/NoSuchService/Ticket?" + CREDENTIALS, null);
        assertEquals(500, unknownService.statusCode());
        assertEquals("", unknownService.body());
    }

    @Test
    void znunyAndOtrsAreTheSameApiUnderTheirOwnPrefix() throws Exception {
        OtoboSimulator znuny = start(s -> s.withProduct("znuny"));
        ticket(znuny, "Printer");
        assertTrue(znuny.webserviceUrl().contains("/znuny/nph-genericinterface.pl/Webservice/"));
        assertEquals(1, get(znuny, "/Ticket?" + CREDENTIALS).path("TicketID").size());

        OtoboSimulator otrs = start(s -> s.withProduct("otrs").withWebservice("MyConnector", 7));
        ticket(otrs, "Printer");
        assertEquals(1, json.readTree(send("GET", otrs.baseUrl() + "/otrs/nph-genericinterface.pl/WebserviceID/7/Ticket?"
                + CREDENTIALS, null).body()).path("TicketID").size());
    }

    @Test
    void transportErrorsAre500TextPlainWithRestPmMessages() throws Exception {
        OtoboSimulator sim = start(s -> s);

        HttpResponse<String> unknownRoute = send("GET", sim.webserviceUrl() + "/Tickets/1?" + CREDENTIALS, null);
        assertEquals(500, unknownRoute.statusCode());
        assertEquals("text/plain; charset=UTF-8", unknownRoute.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("HTTP::REST Error while determine Operation for request URI '/Tickets/1'.", unknownRoute.body());

        HttpResponse<String> wrongMethod = send("DELETE", sim.webserviceUrl() + "/Ticket/1", null);
        assertEquals("HTTP::REST Error while determine Operation for request URI '/Ticket/1'.", wrongMethod.body());

        HttpResponse<String> badJson = send("POST", sim.webserviceUrl() + "/Session", "{\"UserLogin\":");
        assertEquals(500, badJson.statusCode());
        assertEquals("Error while decoding request content.", badJson.body());

        HttpResponse<String> notAnObject = send("POST", sim.webserviceUrl() + "/Session", "\"hello\"");
        assertEquals("Unsupported request content structure.", notAnObject.body());
        HttpResponse<String> emptyObject = send("POST", sim.webserviceUrl() + "/Session", "{}");
        assertEquals("Unsupported request content structure.", emptyObject.body());
    }

    @Test
    void injectedFaultsAnswerBeforeTheOperationRuns() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String id = ticket(sim, "Printer");
        sim.injectFault(new Fault("GET", "/Ticket", 500, 0, 1));
        sim.injectOperationFault(new OperationFault(OperationType.TICKET_GET, id, "TicketGet.AccessDenied",
                "TicketGet: User does not have access to the ticket!", 1));

        HttpResponse<String> fault = send("GET", sim.webserviceUrl() + "/Ticket?" + CREDENTIALS, null);
        assertEquals(500, fault.statusCode());
        assertEquals("text/plain; charset=UTF-8", fault.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("Server", json.readTree(fault.body()).path("faultcode").asText());
        assertEquals(1, get(sim, "/Ticket?" + CREDENTIALS).path("TicketID").size(), "one use only");

        JsonNode denied = get(sim, "/Ticket/" + id + "?" + CREDENTIALS);
        assertEquals("TicketGet.AccessDenied", denied.path("Error").path("ErrorCode").asText());
        assertEquals(id, get(sim, "/Ticket/" + id + "?" + CREDENTIALS).path("Ticket").get(0).path("TicketID").asText());
    }

    // ---- authentication --------------------------------------------------------------------------------------

    @Test
    void authenticationFailuresAreHttp200WithTheOperationsOwnMessages() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String id = ticket(sim, "Printer");
        String wrong = "UserLogin=" + AGENT + "&Password=wrong";

        HttpResponse<String> search = send("GET", sim.webserviceUrl() + "/Ticket?" + wrong, null);
        assertEquals(200, search.statusCode());
        assertEquals("application/json; charset=UTF-8", search.headers().firstValue("Content-Type").orElseThrow());
        assertError("TicketSearch.AuthFail", "TicketSearch: Authorization failing!", json.readTree(search.body()));
        assertError("TicketGet.AuthFail", "TicketGet: Authorization failing!", get(sim, "/Ticket/" + id + "?" + wrong));
        assertError("TicketUpdate.AuthFail", "TicketUpdate: User could not be authenticated!",
                patch(sim, id, "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"wrong\",\"Ticket\":{\"Queue\":\"Sales\"}}"));
        assertError("SessionCreate.AuthFail", "SessionCreate: Authorization failing!",
                post(sim, "/Session", "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"wrong\"}"));
        assertError("SessionCreate.MissingParameter", "SessionCreate: Password parameter is missing!",
                post(sim, "/Session", "{\"UserLogin\":\"" + AGENT + "\"}"));
        assertError("TicketUpdate.MissingParameter", "TicketUpdate: Password or SessionID is required!",
                patch(sim, id, "{\"UserLogin\":\"" + AGENT + "\",\"Ticket\":{\"Queue\":\"Sales\"}}"));
        assertError("TicketUpdate.MissingParameter", "TicketUpdate: UserLogin, CustomerUserLogin or SessionID is required!",
                patch(sim, id, "{\"Ticket\":{\"Queue\":\"Sales\"}}"));
    }

    @Test
    void sessionsAuthenticateUntilTheyExpireAndASessionIdDecidesAlone() throws Exception {
        OtoboSimulator sim = start(s -> s.withSessionTimes(Duration.ofHours(16), Duration.ofMinutes(30)));
        ticket(sim, "Printer");
        String session = post(sim, "/Session", "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\"}")
                .path("SessionID").asText();
        assertEquals(32, session.length());
        assertEquals(List.of(session), sim.issuedSessions());

        assertEquals(1, get(sim, "/Ticket?SessionID=" + session).path("TicketID").size());
        // A bad SessionID is not rescued by a good login.
        assertError("TicketSearch.AuthFail", "TicketSearch: Authorization failing!",
                get(sim, "/Ticket?SessionID=nope&" + CREDENTIALS));

        // GenericInterface never refreshes a session's last request, so it idles out 30 minutes after creation
        // however often it is used.
        clock.advance(Duration.ofMinutes(20));
        assertEquals(1, get(sim, "/Ticket?SessionID=" + session).path("TicketID").size());
        clock.advance(Duration.ofMinutes(10));
        assertError("TicketSearch.AuthFail", "TicketSearch: Authorization failing!",
                get(sim, "/Ticket?SessionID=" + session));
    }

    @Test
    void revokedCredentialsFailEverywhereIncludingExistingSessions() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String id = ticket(sim, "Printer");
        String session = post(sim, "/Session", "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\"}")
                .path("SessionID").asText();

        sim.revokeCredentials();

        assertError("TicketSearch.AuthFail", "TicketSearch: Authorization failing!", get(sim, "/Ticket?" + CREDENTIALS));
        assertError("TicketGet.AuthFail", "TicketGet: Authorization failing!",
                get(sim, "/Ticket/" + id + "?SessionID=" + session));
        assertError("SessionCreate.AuthFail", "SessionCreate: Authorization failing!",
                post(sim, "/Session", "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\"}"));
        sim.restoreCredentials();
        assertEquals(1, get(sim, "/Ticket?" + CREDENTIALS).path("TicketID").size());
    }

    // ---- request parsing -------------------------------------------------------------------------------------

    @Test
    void requestDataComesFromQueryRouteAndBodyAsRestPmCombinesThem() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String first = ticket(sim, "First");
        String second = ticket(sim, "Second");

        // Repeated keys become arrays; + is a space.
        assertEquals(2, get(sim, "/Ticket?" + CREDENTIALS + "&Queues=Raw&Queues=Misc&States=new").path("TicketID").size());
        assertEquals(List.of(second), ids(get(sim, "/Ticket?" + CREDENTIALS + "&Title=Sec*")));
        // The route's :TicketID wins over the query's.
        assertEquals(first, get(sim, "/Ticket/" + first + "?" + CREDENTIALS + "&TicketID=" + second)
                .path("Ticket").get(0).path("TicketID").asText());
        // A GET body is ignored: credentials in it do not count.
        HttpResponse<String> getWithBody = http.send(HttpRequest.newBuilder(URI.create(sim.webserviceUrl() + "/Ticket"))
                .method("GET", HttpRequest.BodyPublishers.ofString("{\"UserLogin\":\"" + AGENT + "\",\"Password\":\""
                        + PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertError("TicketSearch.AuthFail", "TicketSearch: Authorization failing!", json.readTree(getWithBody.body()));
        // A PATCH body is merged with the URI's parameters, the URI winning: the path's ticket is updated.
        JsonNode updated = patch(sim, first, "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD
                + "\",\"TicketID\":\"" + second + "\",\"Ticket\":{\"Queue\":\"Sales\"}}");
        assertEquals(first, updated.path("TicketID").asText());
        assertEquals("Sales", sim.ticket(first).orElseThrow().path("Queue").asText());
        assertEquals("Raw", sim.ticket(second).orElseThrow().path("Queue").asText());
    }

    // ---- TicketSearch ----------------------------------------------------------------------------------------

    @Test
    void searchAnswersIdsAsStringsOrAnEmptyObject() throws Exception {
        OtoboSimulator sim = start(s -> s.withSearchLimit(3));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(ticket(sim, "Ticket " + i));
            clock.advance(Duration.ofMinutes(1));
        }

        JsonNode all = get(sim, "/Ticket?" + CREDENTIALS);
        assertTrue(all.path("TicketID").get(0).isTextual(), "ids are JSON strings");
        // Default: SearchLimit, SortBy Age, OrderBy Down (newest first).
        assertEquals(List.of(created.get(4), created.get(3), created.get(2)), ids(all));
        assertEquals(created.subList(0, 4), ids(get(sim, "/Ticket?" + CREDENTIALS + "&SortBy=Changed&OrderBy=Up&Limit=4")));
        assertEquals("{}", get(sim, "/Ticket?" + CREDENTIALS + "&Queues=Sales").toString());
        assertEquals("{}", get(sim, "/Ticket?" + CREDENTIALS + "&Queues=NoSuchQueue").toString(), "unknown queue");
        assertEquals("{}", get(sim, "/Ticket?" + CREDENTIALS + "&States=nosuchstate").toString());
        assertEquals("{}", get(sim, "/Ticket?" + CREDENTIALS + "&SortBy=Nonsense").toString());
        assertEquals(3, get(sim, "/Ticket?" + CREDENTIALS + "&StateType=Open").path("TicketID").size());
        assertEquals("{}", get(sim, "/Ticket?" + CREDENTIALS + "&StateType=Closed").toString());
    }

    @Test
    void lastChangeTimeIsInclusiveAndRejectsBadOrFutureDates() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String early = ticket(sim, "Early");
        clock.advance(Duration.ofMinutes(5));
        String late = ticket(sim, "Late");

        String lateTime = sim.ticket(late).orElseThrow().path("Changed").asText();
        assertEquals("2024-08-08 12:05:00", lateTime);
        assertEquals(List.of(late), ids(search(sim, "TicketLastChangeTimeNewerDate", lateTime)));
        assertEquals(List.of(early, late), ids(search(sim, "TicketLastChangeTimeNewerDate", "2024-08-08 12:00:00")));
        assertEquals(List.of(early), ids(search(sim, "TicketLastChangeTimeOlderDate", "2024-08-08 12:04:59")));
        assertEquals("{}", search(sim, "TicketLastChangeTimeNewerDate", "2024-08-08T12:00:00Z").toString(),
                "ISO-8601 is not OTOBO's format");
        assertEquals("{}", search(sim, "TicketLastChangeTimeNewerDate", "2024-08-08 12:05:01").toString(),
                "a NewerDate in the future finds nothing");
        assertEquals("{}", search(sim, "TicketLastChangeTimeNewerDate", "2024-13-40 12:00:00").toString());
    }

    @Test
    void ticketChangeTimeMatchesHistoryWhileLastChangeTimeMatchesTheTicketsChangeTime() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String noted = ticket(sim, "Noted");
        String moved = ticket(sim, "Moved");
        clock.advance(Duration.ofMinutes(10));
        String since = "2024-08-08 12:05:00";

        // A note writes history but leaves change_time; a move changes both.
        JsonNode note = patch(sim, noted, "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\","
                + "\"Article\":{\"Subject\":\"n\",\"Body\":\"a note\",\"ContentType\":\"text/plain; charset=utf8\"}}");
        assertTrue(note.has("ArticleID"));
        patch(sim, moved, "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\",\"Ticket\":{\"Queue\":\"Sales\"}}");

        assertEquals(List.of(moved), ids(search(sim, "TicketLastChangeTimeNewerDate", since)));
        assertEquals(List.of(noted, moved), ids(search(sim, "TicketChangeTimeNewerDate", since)));
        assertEquals("2024-08-08 12:00:00", sim.ticket(noted).orElseThrow().path("Changed").asText());
        assertEquals("2024-08-08 12:10:00", sim.ticket(moved).orElseThrow().path("Changed").asText());
    }

    @Test
    void searchDatesAndTimestampsAreInTheSystemTimeZone() throws Exception {
        OtoboSimulator sim = start(s -> s.withTimeZone(ZoneId.of("Europe/Berlin")));
        String id = ticket(sim, "Summer");

        assertEquals("2024-08-08 14:00:00", sim.ticket(id).orElseThrow().path("Changed").asText());
        assertEquals(List.of(id), ids(search(sim, "TicketLastChangeTimeNewerDate", "2024-08-08 14:00:00")));
        assertEquals("{}", search(sim, "TicketLastChangeTimeNewerDate", "2024-08-08 14:00:01").toString());
    }

    @Test
    void dynamicFieldFiltersNeedAnObjectSoOnlyABodyRouteCanCarryThem() throws Exception {
        OtoboSimulator sim = start(s -> s.withRoutes(RouteTable.genericTicketConnector()
                .with("TicketSearchPOST", OperationType.TICKET_SEARCH, "POST", "/TicketSearch")));
        String marked = ticket(sim, "Marked");
        String plain = ticket(sim, "Plain");
        patch(sim, marked, "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\","
                + "\"DynamicField\":[{\"Name\":\"TriageMarker\",\"Value\":[\"triaged\"]}]}");
        String login = "\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\",\"SortBy\":\"Changed\","
                + "\"OrderBy\":\"Up\"";

        assertEquals(List.of(plain), ids(post(sim, "/TicketSearch", "{" + login
                + ",\"DynamicField_TriageMarker\":{\"Empty\":1}}")));
        assertEquals(List.of(marked), ids(post(sim, "/TicketSearch", "{" + login
                + ",\"DynamicField_TriageMarker\":{\"Equals\":\"triaged\"}}")));
        assertEquals(List.of(marked), ids(post(sim, "/TicketSearch", "{" + login
                + ",\"DynamicField\":{\"Name\":\"TriageMarker\",\"Empty\":0}}")));
        // In a query string the filter is a plain string, which the search ignores.
        assertEquals(2, get(sim, "/Ticket?" + CREDENTIALS + "&DynamicField_TriageMarker=Empty").path("TicketID").size());
    }

    // ---- TicketGet -------------------------------------------------------------------------------------------

    @Test
    void ticketGetHasTheRealInconsistentTypes() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String id = ticket(sim, "Printer");
        clock.advance(Duration.ofSeconds(90));

        JsonNode ticket = get(sim, "/Ticket/" + id + "?" + CREDENTIALS).path("Ticket").get(0);

        assertEquals(id, ticket.path("TicketID").textValue());
        assertEquals("2", ticket.path("QueueID").textValue());
        assertEquals("Raw", ticket.path("Queue").asText());
        assertEquals("3", ticket.path("PriorityID").textValue());
        assertEquals("3 normal", ticket.path("Priority").asText());
        assertEquals("new", ticket.path("State").asText());
        assertEquals(90, ticket.path("Age").intValue());
        assertTrue(ticket.path("Age").isNumber() && ticket.path("TimeUnit").isNumber() && ticket.path("TypeID").isNumber());
        assertTrue(ticket.path("CustomerID").isNull());
        assertEquals("2024-08-08 12:00:00", ticket.path("Changed").asText());
        assertFalse(ticket.has("Article"), "articles only with AllArticles=1");
        assertFalse(ticket.has("DynamicField"), "dynamic fields only with DynamicFields=1");
    }

    @Test
    void ticketGetTakesACommaListAndFailsWholeForOneUnknownId() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String first = ticket(sim, "First");
        String second = ticket(sim, "Second");

        JsonNode both = get(sim, "/Ticket/" + first + "," + second + "?" + CREDENTIALS
                + "&AllArticles=1&ArticleLimit=1&DynamicFields=1");
        assertEquals(List.of(first, second), List.of(both.path("Ticket").get(0).path("TicketID").asText(),
                both.path("Ticket").get(1).path("TicketID").asText()));
        JsonNode article = both.path("Ticket").get(0).path("Article").get(0);
        assertEquals("Body of First", article.path("Body").asText());
        assertEquals("customer", article.path("SenderType").asText());
        assertEquals(1, article.path("IsVisibleForCustomer").intValue());
        assertTrue(article.path("ArticleID").isNumber());
        JsonNode fields = both.path("Ticket").get(0).path("DynamicField");
        assertEquals("TriageConfidence", fields.get(0).path("Name").asText());
        assertTrue(fields.get(1).path("Value").isNull());

        assertError("TicketGet.AccessDenied", "TicketGet: User does not have access to the ticket!",
                get(sim, "/Ticket/" + first + ",999999?" + CREDENTIALS));
        assertError("TicketGet.AccessDenied", "TicketGet: User does not have access to the ticket!",
                get(sim, "/Ticket/999999?" + CREDENTIALS));
    }

    // ---- TicketUpdate ----------------------------------------------------------------------------------------

    @Test
    void updateSetsQueuePriorityArticleAndFieldsInOneCall() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String id = ticket(sim, "Printer");
        clock.advance(Duration.ofMinutes(3));

        JsonNode answer = patch(sim, id, "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\","
                + "\"Ticket\":{\"Queue\":\"Technical Support\",\"Priority\":\"4 high\"},"
                + "\"Article\":{\"Subject\":\"triage\",\"Body\":\"why\",\"ContentType\":\"text/plain; charset=utf8\","
                + "\"IsVisibleForCustomer\":0,\"SenderType\":\"agent\"},"
                + "\"DynamicField\":[{\"Name\":\"TriageMarker\",\"Value\":[\"triaged\",\"needs-review\"]},"
                + "{\"Name\":\"TriageConfidence\",\"Value\":\"queue 91%\"}]}");

        assertEquals(id, answer.path("TicketID").textValue());
        assertTrue(answer.path("TicketNumber").asText().startsWith("2024080810"));
        assertTrue(answer.has("ArticleID"));
        JsonNode ticket = sim.ticket(id).orElseThrow();
        assertEquals("Technical Support", ticket.path("Queue").asText());
        assertEquals("4 high", ticket.path("Priority").asText());
        assertEquals("2024-08-08 12:03:00", ticket.path("Changed").asText());
        assertEquals(0, ticket.path("Article").get(1).path("IsVisibleForCustomer").intValue());
        assertEquals("[\"triaged\",\"needs-review\"]", ticket.path("DynamicField").get(1).path("Value").toString());
        assertEquals("queue 91%", ticket.path("DynamicField").get(0).path("Value").asText());
        assertEquals(1, sim.fieldWrites().get(id));
    }

    @Test
    void articlesAreVisibleToTheCustomerUnlessSaidOtherwise() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String id = ticket(sim, "Printer");
        patch(sim, id, "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\","
                + "\"Article\":{\"Subject\":\"s\",\"Body\":\"b\",\"MimeType\":\"text/plain\",\"Charset\":\"utf-8\"}}");

        JsonNode article = sim.ticket(id).orElseThrow().path("Article").get(1);
        assertEquals(1, article.path("IsVisibleForCustomer").intValue());
        assertEquals("agent", article.path("SenderType").asText());
        assertEquals(3, article.path("CommunicationChannelID").intValue(), "Internal");
    }

    @Test
    void updateRefusalsCarryTicketUpdatesOwnCodesAndMessages() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String id = ticket(sim, "Printer");
        String login = "\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\"";

        assertError("TicketUpdate.InvalidParameter", "TicketUpdate: Ticket->QueueID or Ticket->Queue parameter is invalid!",
                patch(sim, id, "{" + login + ",\"Ticket\":{\"Queue\":\"Nowhere\"}}"));
        assertError("TicketUpdate.InvalidParameter",
                "TicketUpdate: Ticket->PriorityID or Ticket->Priority parameter is invalid!",
                patch(sim, id, "{" + login + ",\"Ticket\":{\"Priority\":\"urgent\"}}"));
        assertError("TicketUpdate.InvalidParameter", "TicketUpdate: Ticket parameter is not valid!",
                patch(sim, id, "{" + login + ",\"Ticket\":{}}"));
        assertError("TicketUpdate.MissingParameter", "TicketUpdate: Article->Subject parameter is missing!",
                patch(sim, id, "{" + login + ",\"Article\":{\"Body\":\"b\",\"ContentType\":\"text/plain\"}}"));
        assertError("TicketUpdate.MissingParameter", "TicketUpdate: Article->ContentType or Ticket->MimeType and"
                        + " Article->Charset parameters are required!",
                patch(sim, id, "{" + login + ",\"Article\":{\"Subject\":\"s\",\"Body\":\"b\"}}"));
        assertError("TicketUpdate.InvalidParameter", "TicketUpdate: DynamicField->Name parameter is invalid!",
                patch(sim, id, "{" + login + ",\"DynamicField\":[{\"Name\":\"Nope\",\"Value\":\"x\"}]}"));
        assertError("TicketUpdate.AccessDenied", "TicketUpdate: User does not have access to the ticket!",
                patch(sim, "999999", "{" + login + ",\"Ticket\":{\"Queue\":\"Sales\"}}"));
        assertEquals("Raw", sim.ticket(id).orElseThrow().path("Queue").asText(), "no refused update changed anything");
        assertEquals(1, sim.ticket(id).orElseThrow().path("Article").size());
    }

    @Test
    void aQueueNameWinsOverAQueueIdWhenItDiffersFromTheCurrentQueue() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String id = ticket(sim, "Printer");
        String login = "\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\"";

        patch(sim, id, "{" + login + ",\"Ticket\":{\"Queue\":\"Sales\",\"QueueID\":\"4\"}}");
        assertEquals("Sales", sim.ticket(id).orElseThrow().path("Queue").asText());
        // Unchanged name, different id: the id moves it.
        patch(sim, id, "{" + login + ",\"Ticket\":{\"Queue\":\"Sales\",\"QueueID\":\"4\"}}");
        assertEquals("Misc", sim.ticket(id).orElseThrow().path("Queue").asText());
    }

    // ---- faults (issue 9) ------------------------------------------------------------------------------------

    @Test
    void aResetClosesTheConnectionWithoutApplyingAndAnAppliedThenFailedWriteLandsBeforeItsAnswerIsLost()
            throws Exception {
        OtoboSimulator sim = start(s -> s);
        String id = ticket(sim, "Printer");
        String update = "{" + "\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD
                + "\",\"Ticket\":{\"Queue\":\"Sales\"}}";
        sim.injectFault(Fault.reset("PATCH", "/Ticket/" + id, 1));
        assertThrows(java.io.IOException.class, () -> send("PATCH", sim.webserviceUrl() + "/Ticket/" + id, update));
        assertEquals("Raw", sim.ticket(id).orElseThrow().path("Queue").asText(), "a reset applies nothing");

        sim.injectFault(Fault.appliedThenFailed("PATCH", "/Ticket/" + id, 500, 1));
        HttpResponse<String> failed = send("PATCH", sim.webserviceUrl() + "/Ticket/" + id, update);
        assertEquals(500, failed.statusCode());
        assertEquals("Sales", sim.ticket(id).orElseThrow().path("Queue").asText(), "applied, then the 500");

        String back = update.replace("Sales", "Raw");
        sim.injectFault(Fault.appliedThenFailed("PATCH", "/Ticket/" + id, 0, 1));
        assertThrows(java.io.IOException.class, () -> send("PATCH", sim.webserviceUrl() + "/Ticket/" + id, back));
        assertEquals("Raw", sim.ticket(id).orElseThrow().path("Queue").asText(), "applied, then the reset");
    }

    @Test
    void aGarbledAnswerIsCutShortAndA429CarriesRetryAfter() throws Exception {
        OtoboSimulator sim = start(s -> s);
        ticket(sim, "Printer");
        sim.injectFault(Fault.garbled("GET", "/Ticket", 1));
        HttpResponse<String> garbled = send("GET", sim.webserviceUrl() + "/Ticket?" + CREDENTIALS, null);
        assertEquals(200, garbled.statusCode());
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class, () -> json.readTree(garbled.body()));

        sim.injectFault(new Fault("GET", "/Ticket", 429, 7, 1));
        HttpResponse<String> limited = send("GET", sim.webserviceUrl() + "/Ticket?" + CREDENTIALS, null);
        assertEquals(429, limited.statusCode());
        assertEquals("7", limited.headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void aFailingDynamicFieldLeavesQueueAndArticleInPlaceAndAnswers500() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String id = ticket(sim, "Printer");
        sim.failDynamicFields(id, 1);
        String update = "{\"UserLogin\":\"" + AGENT + "\",\"Password\":\"" + PASSWORD + "\",\"Ticket\":{\"Queue\":"
                + "\"Sales\"},\"Article\":{\"Subject\":\"n\",\"Body\":\"note\",\"ContentType\":\"text/plain; "
                + "charset=utf8\"},\"DynamicField\":[{\"Name\":\"TriageMarker\",\"Value\":[\"triaged\"]}]}";

        HttpResponse<String> answer = send("PATCH", sim.webserviceUrl() + "/Ticket/" + id, update);

        assertEquals(500, answer.statusCode());
        assertTrue(answer.body().contains("Dynamic Field TriageMarker could not be set"), answer.body());
        JsonNode ticket = sim.ticket(id).orElseThrow();
        assertEquals("Sales", ticket.path("Queue").asText());
        assertEquals(2, ticket.path("Article").size());
        assertFalse(ticket.path("DynamicField").toString().contains("triaged"));
        assertEquals(200, send("PATCH", sim.webserviceUrl() + "/Ticket/" + id, update).statusCode(), "only once");
    }

    @Test
    void aRawRecordIsListedFirstInEverySearchAndReturnedAsItIsByTicketGet() throws Exception {
        OtoboSimulator sim = start(s -> s);
        String id = ticket(sim, "Printer");
        String raw = "{\"TicketID\":\"../../x\",\"Title\":[[[]]]}";
        String listedAs = sim.listRawRecord(raw);

        assertEquals(List.of(listedAs, id), ids(get(sim, "/Ticket?" + CREDENTIALS)));
        assertEquals(List.of(listedAs), ids(get(sim, "/Ticket?" + CREDENTIALS + "&Limit=1")));
        HttpResponse<String> both = send("GET", sim.webserviceUrl() + "/Ticket/" + id + "," + listedAs + "?"
                + CREDENTIALS, null);
        assertTrue(both.body().endsWith("," + raw + "]}"), both.body());
        assertEquals(id, json.readTree(both.body()).path("Ticket").get(0).path("TicketID").asText());
    }

    @Test
    void theNeutralFaceAddsCustomerTagsToTheMarkerFieldAndFaultsTheOneUpdateCall() throws Exception {
        try (SimulatedOtobo desk = SimulatedOtobo.start(0, clock)) {
            String id = desk.createTicket("Printer", "It jams.");
            String before = desk.simulator().ticket(id).orElseThrow().path("Changed").asText();
            clock.advance(java.time.Duration.ofSeconds(5));

            desk.addCustomerTag(id, "vip");

            assertEquals(List.of("vip"), desk.ticket(id).tags());
            assertFalse(before.equals(desk.simulator().ticket(id).orElseThrow().path("Changed").asText()));
            desk.faultWrites(io.tickettriage.sim.SimulatedHelpDesk.WritePart.MARKER, Fault.Kind.STATUS, 503, 1);
            String password = desk.adapterProperties().get("otobo.password");
            HttpResponse<String> answer = send("PATCH", desk.baseUrl() + "/Ticket/" + id, "{\"UserLogin\":\""
                    + AGENT + "\",\"Password\":\"" + password + "\",\"Ticket\":{\"Queue\":\"Sales\"}}");
            assertEquals(503, answer.statusCode());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void assertError(String code, String message, JsonNode body) {
        assertEquals(code, body.path("Error").path("ErrorCode").asText(), body.toString());
        assertEquals(message, body.path("Error").path("ErrorMessage").asText());
    }

    private static List<String> ids(JsonNode search) {
        List<String> ids = new ArrayList<>();
        search.path("TicketID").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private JsonNode search(OtoboSimulator sim, String parameter, String date) throws Exception {
        return get(sim, "/Ticket?" + CREDENTIALS + "&SortBy=Changed&OrderBy=Up&" + parameter + "="
                + URLEncoder.encode(date, StandardCharsets.UTF_8));
    }

    private JsonNode get(OtoboSimulator sim, String route) throws Exception {
        HttpResponse<String> response = send("GET", sim.webserviceUrl() + route, null);
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }

    private JsonNode post(OtoboSimulator sim, String route, String body) throws Exception {
        HttpResponse<String> response = send("POST", sim.webserviceUrl() + route, body);
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }

    private JsonNode patch(OtoboSimulator sim, String id, String body) throws Exception {
        HttpResponse<String> response = send("PATCH", sim.webserviceUrl() + "/Ticket/" + id, body);
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
