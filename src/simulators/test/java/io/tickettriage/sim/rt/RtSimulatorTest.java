package io.tickettriage.sim.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.MutableClock;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedTicket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's REST2 contract, over real HTTP, as the real RT 5.0.3 behaved when probed (the manual's
 * help-desks page lists the probes).
 */
class RtSimulatorTest {

    private static final String TOKEN = "1-27-0123456789abcdef0123456789abcdef";
    private static final String PASSWORD = "s3cret-Pass";
    private static final Instant START = Instant.parse("2026-12-07T06:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock(START);
    private RtSimulator sim;

    @BeforeEach
    void start() {
        sim = RtSimulator.start(0, clock, TOKEN, "triage", PASSWORD);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private int ticket(String subject) {
        return sim.createTicket("General", subject, "Body of " + subject, "customer@example.com");
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.restUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, "token " + TOKEN);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }

    private JsonNode search(String sql, String rest) throws Exception {
        return get("/tickets?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8) + rest);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    // ---- search -------------------------------------------------------------------------------------------------

    @Test
    void searchPagesAsRestTwoDoes() throws Exception {
        for (int i = 1; i <= 5; i++) {
            ticket("t" + i);
        }
        JsonNode first = search("Queue = 'General'", "&per_page=2");
        assertEquals(List.of("1", "2"), ids(first));
        assertEquals(5, first.path("total").asInt());
        assertEquals(2, first.path("count").asInt());
        assertEquals(3, first.path("pages").asInt());
        assertEquals(1, first.path("page").asInt());
        assertEquals(2, first.path("per_page").asInt());
        assertEquals(sim.restUrl() + "/tickets?query=Queue+%3D+'General'&per_page=2&page=2",
                first.path("next_page").asText());
        assertFalse(first.has("prev_page"));

        JsonNode last = search("Queue = 'General'", "&per_page=2&page=3");
        assertEquals(List.of("5"), ids(last));
        assertFalse(last.has("next_page"));
        assertTrue(last.path("prev_page").asText().endsWith("&page=2"));

        JsonNode beyond = search("Queue = 'General'", "&per_page=2&page=9");
        assertEquals(0, beyond.path("count").asInt());
        assertTrue(beyond.path("prev_page").asText().endsWith("&page=3"), "beyond the end points at the last page");

        // per_page above 100 is 100; nonsense is the default 20.
        assertEquals(100, search("id > 0", "&per_page=500").path("per_page").asInt());
        assertEquals(20, search("id > 0", "&per_page=abc").path("per_page").asInt());
        // No match: Perl's ceil(0) is written as 0.0.
        HttpResponse<String> none = send("GET", "/tickets?query=" + URLEncoder.encode("Queue = 'Nope'",
                StandardCharsets.UTF_8), null);
        assertTrue(none.body().contains("\"pages\" : 0.0"), none.body());
    }

    @Test
    void theTicketSqlTheAdapterNeedsSelectsAsRtDoes() throws Exception {
        int general = ticket("general new");
        int open = ticket("general open");
        sim.setStatus(open, "open");
        int moved = ticket("moved");
        sim.route(moved, "Sales", "50");
        int marked = ticket("marked");
        sim.addCustomFieldValue(marked, "Triage", "triaged");
        int vip = ticket("vip");
        sim.addCustomFieldValue(vip, "Triage", "vip");

        assertEquals(List.of(String.valueOf(general), String.valueOf(vip)), ids(search(
                "(Queue = 'General') AND (Status = 'new' OR Status = 'open') AND ('CF.{Triage}' IS NULL"
                        + " OR 'CF.{Triage}' != 'triaged') AND Status = 'new' AND id != " + marked, "")));
        assertEquals(List.of(String.valueOf(moved)), ids(search("Queue = 'Sales' OR Queue = 'Nope'", "")));
        assertEquals(List.of(String.valueOf(marked)), ids(search("CF.{Triage} = 'TRIAGED'", "")),
                "custom field values compare without case");
        assertEquals(List.of(), ids(search("'CF.{No such field}' IS NULL", "")), "an unknown field matches nothing");
        // Unparenthesised, the last aggregator at a level joins all its conditions, as RT 5.0.3's SQL does.
        assertEquals(List.of(), ids(search("Status = 'new' OR Status = 'open' AND Queue = 'Sales'", "")));
        assertEquals(5, ids(search("Queue = 'Nope' AND Status = 'new' OR Status = 'open'", "")).size());

        HttpResponse<String> broken = send("GET", "/tickets?query=" + URLEncoder.encode("Queue = 'General' AND (",
                StandardCharsets.UTF_8), null);
        assertEquals(400, broken.statusCode());
        assertEquals("Incomplete query, last element (OPEN_PAREN) is not close paren or value in 'Queue = 'General'"
                + " AND (' at /usr/share/request-tracker5/lib/RT/Tickets.pm line 3208.\n",
                json.readTree(broken.body()).path("message").asText());
        HttpResponse<String> unknown = send("GET", "/tickets?query=Bogus%20%3D%20'x'", null);
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().startsWith("{\"message\":\"Unknown field: Bogus at "), unknown.body());
    }

    @Test
    void changeTimesAreSecondsSharedByManyTicketsAndComparedInclusively() throws Exception {
        clock.set(Instant.parse("2026-12-07T06:00:00.300Z"));
        int a = ticket("a");
        clock.set(Instant.parse("2026-12-07T06:00:00.900Z"));
        int b = ticket("b");
        clock.set(Instant.parse("2026-12-07T06:00:01.100Z"));
        int c = ticket("c");

        JsonNode page = search("LastUpdated >= '2026-12-07 06:00:00'", "&orderby=LastUpdated&order=ASC&orderby=id"
                + "&fields=LastUpdated");
        assertEquals(List.of(String.valueOf(a), String.valueOf(b), String.valueOf(c)), ids(page));
        assertEquals("2026-12-07T06:00:00Z", page.path("items").get(0).path("LastUpdated").asText());
        assertEquals("2026-12-07T06:00:00Z", page.path("items").get(1).path("LastUpdated").asText());
        assertEquals(List.of(String.valueOf(c)), ids(search("LastUpdated > '2026-12-07 06:00:00'", "")));
        assertEquals(List.of(String.valueOf(c)), ids(search("LastUpdated >= '2026-12-07T06:00:01Z'", "")));
    }

    @Test
    void everyWriteMovesLastUpdatedAndAnUnchangedValueWritesNothing() throws Exception {
        int id = ticket("printer");
        clock.advance(Duration.ofSeconds(5));
        HttpResponse<String> put = send("PUT", "/ticket/" + id, "{\"Queue\":\"Technical Support\",\"Priority\":50,"
                + "\"CustomFields\":{\"Triage\":[\"triaged\"],\"Triage confidence\":\"queue 91%\"}}");
        assertEquals(200, put.statusCode());
        assertEquals(List.of("Ticket 1: Priority changed from 'Low' to 'Medium'",
                "Ticket 1: Queue changed from General to Technical Support", "triaged added as a value for Triage",
                "Triage confidence queue 91% added"), json.readValue(put.body(), List.class));
        assertEquals("2026-12-07T06:00:05Z", get("/ticket/" + id).path("LastUpdated").asText());

        clock.advance(Duration.ofSeconds(5));
        assertEquals("[]", send("PUT", "/ticket/" + id, "{\"Queue\":\"Technical Support\",\"Priority\":50}").body());
        assertEquals("2026-12-07T06:00:05Z", get("/ticket/" + id).path("LastUpdated").asText());

        send("POST", "/ticket/" + id + "/comment", "{\"Content\":\"note\",\"ContentType\":\"text/plain\"}");
        assertEquals("2026-12-07T06:00:10Z", get("/ticket/" + id).path("LastUpdated").asText());
    }

    @Test
    void anUpdateIsAnsweredWithMessagesEvenWhereRtRefusesAPart() throws Exception {
        int id = ticket("printer");
        sim.addCustomFieldValue(id, "Triage", "vip");

        HttpResponse<String> put = send("PUT", "/ticket/" + id, "{\"Queue\":\"No Such Queue\",\"Priority\":\"High\","
                + "\"Status\":\"bogus\",\"CustomFields\":{\"Triage\":[\"triaged\"]}}");
        assertEquals(200, put.statusCode());
        assertEquals(List.of("Ticket 1: Priority changed from 'Low' to 'High'",
                "Ticket 1: Queue No Such Queue does not exist",
                "Ticket 1: Status 'bogus' isn't a valid status for this ticket.",
                "triaged added as a value for Triage", "vip is no longer a value for custom field Triage"),
                json.readValue(put.body(), List.class));
        RtTicketView ticket = sim.ticket(id).orElseThrow();
        assertEquals("General", ticket.queue());
        assertEquals(100, ticket.priority());
        assertEquals(List.of("triaged"), ticket.customFields().get("Triage"),
                "a multi-value field becomes exactly the values sent");

        assertEquals(404, send("PUT", "/ticket/999", "{\"Priority\":1}").statusCode());
        HttpResponse<String> notAnObject = send("PUT", "/ticket/" + id, "[1]");
        assertEquals(400, notAnObject.statusCode());
        assertEquals("{\"message\":\"JSON object must be a HASH\"}", notAnObject.body());
    }

    // ---- messages -----------------------------------------------------------------------------------------------

    @Test
    void aCommentIsAPrivateTransactionWhoseTextIsBase64InItsAttachment() throws Exception {
        SimulatedRequestTracker desk = SimulatedRequestTracker.start(0, clock);
        try {
            RtSimulator rt = desk.simulator();
            String id = desk.createTicket("Printer", "It is on fire.");
            HttpResponse<String> comment = http.send(HttpRequest.newBuilder(URI.create(rt.restUrl() + "/ticket/" + id
                            + "/comment")).header("Authorization", "token " + rt.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Subject\":\"ticket-triage\",\"Content\":"
                            + "\"Routed to Sales (91%).\",\"ContentType\":\"text/plain\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, comment.statusCode());
            assertEquals("[\n   \"Comments added\"\n]\n", comment.body());
            String location = comment.headers().firstValue("Location").orElseThrow();
            assertTrue(location.matches("/REST/2.0/transaction/\\d+"), location);

            SimulatedTicket ticket = desk.ticket(id);
            assertEquals(List.of(new SimulatedTicket.SimulatedNote("Routed to Sales (91%).", true)), ticket.notes());
            RtTicketView view = rt.ticket(Integer.parseInt(id)).orElseThrow();
            assertEquals("new", view.status(), "a comment leaves a new ticket new");
        } finally {
            desk.close();
        }

        int id = ticket("printer");
        send("POST", "/ticket/" + id + "/comment", "{\"Subject\":\"ticket-triage\",\"Content\":\"Grüße\","
                + "\"ContentType\":\"text/plain\"}");
        JsonNode history = get("/ticket/" + id + "/history?fields=Type,Data&per_page=100");
        List<String> types = new ArrayList<>();
        history.path("items").forEach(item -> types.add(item.path("Type").asText()));
        assertEquals(List.of("Create", "EmailRecord", "Comment"), types, "the autoreply is mailed; the comment not");
        JsonNode commentTxn = history.path("items").get(2);
        assertEquals("ticket-triage\n", commentTxn.path("Data").asText());
        JsonNode attachments = get("/transaction/" + commentTxn.path("id").asText() + "/attachments");
        JsonNode attachment = get("/attachment/" + attachments.path("items").get(0).path("id").asText());
        assertEquals("Grüße", new String(Base64.getMimeDecoder().decode(attachment.path("Content").asText()),
                StandardCharsets.UTF_8));

        send("POST", "/ticket/" + id + "/correspond", "{\"Content\":\"On it.\",\"ContentType\":\"text/plain\"}");
        RtTicketView ticket = sim.ticket(id).orElseThrow();
        assertEquals("open", ticket.status(), "a correspondence opens a new ticket");
        assertFalse(ticket.messages().get(1).internal());
        HttpResponse<String> noType = send("POST", "/ticket/" + id + "/comment", "{\"Content\":\"x\"}");
        assertEquals(400, noType.statusCode());
        assertEquals("{\"message\":\"ContentType is a required field for application/json\"}", noType.body());
    }

    @Test
    void theCreateTransactionCarriesTheTicketsText() throws Exception {
        int id = ticket("printer");
        JsonNode history = get("/ticket/" + id + "/history?fields=Type");
        JsonNode create = history.path("items").get(0);
        assertEquals("Create", create.path("Type").asText());
        JsonNode transaction = get("/transaction/" + create.path("id").asText());
        assertEquals(create.path("id").asInt(), transaction.path("id").asInt(), "a record's own id is a number");
        String attachmentUrl = transaction.path("_hyperlinks").get(1).path("_url").asText();
        JsonNode attachment = get(attachmentUrl.substring(sim.restUrl().length()));
        assertEquals("text/plain", attachment.path("ContentType").asText());
        assertEquals("Body of printer", new String(Base64.getMimeDecoder().decode(
                attachment.path("Content").asText()), StandardCharsets.UTF_8));
        assertEquals(500, send("GET", "/transaction/99999", null).statusCode(), "RT 5.0.3 dies on an unknown one");

        // Listed, an attachment's Content is the text itself.
        JsonNode listed = get("/ticket/" + id + "/attachments?fields=ContentType,Content,TransactionId");
        assertEquals("Body of printer", listed.path("items").get(0).path("Content").asText());
        assertEquals(create.path("id").asText(), listed.path("items").get(0).path("TransactionId").asText());
        HttpResponse<String> parent = send("GET", "/ticket/" + id + "/attachments?fields=Parent", null);
        assertEquals(500, parent.statusCode(), "RT 5.0.3 dies on the Parent of a top-level attachment");
        assertEquals("", parent.body());
    }

    @Test
    void collectionsAreSearchedByJsonAsQueryByJsonDoes() throws Exception {
        int first = ticket("first");
        int second = ticket("second");
        send("POST", "/ticket/" + second + "/comment", "{\"Content\":\"ref TT-42\",\"ContentType\":\"text/plain\"}");

        JsonNode creates = json.readTree(send("POST", "/transactions?fields=ObjectId", "[{\"field\":\"ObjectType\","
                + "\"value\":\"RT::Ticket\"},{\"field\":\"ObjectId\",\"operator\":\"IN\",\"value\":[" + first + ","
                + second + "]},{\"field\":\"Type\",\"value\":\"Create\"}]").body());
        assertEquals(2, creates.path("total").asInt());
        assertEquals(String.valueOf(second), creates.path("items").get(1).path("ObjectId").asText());

        String createOfSecond = creates.path("items").get(1).path("id").asText();
        JsonNode texts = json.readTree(send("POST", "/attachments?fields=TransactionId,ContentType,Content&orderby=id",
                "[{\"field\":\"TransactionId\",\"operator\":\"IN\",\"value\":[" + createOfSecond + "]},"
                        + "{\"field\":\"ContentType\",\"operator\":\"IN\",\"value\":[\"text/plain\",\"text/html\"]}]")
                .body());
        assertEquals(List.of("Body of second"), List.of(texts.path("items").get(0).path("Content").asText()));
        assertEquals(1, texts.path("count").asInt());

        String like = "[{\"field\":\"Content\",\"operator\":\"LIKE\",\"value\":\"tt-42\"}]";
        assertEquals(1, json.readTree(send("POST", "/ticket/" + second + "/attachments?fields=TransactionId&per_page=1",
                like).body()).path("total").asInt());
        assertEquals(0, json.readTree(send("POST", "/ticket/" + first + "/attachments?per_page=1", like).body())
                .path("total").asInt());
        assertEquals(0, json.readTree(send("POST", "/attachments", "[{\"field\":\"Bogus\",\"value\":\"x\"}]")
                .body()).path("total").asInt(), "a collection without a limit it can use lists nothing");

        JsonNode field = json.readTree(send("POST", "/customfields?fields=Name,MaxValues,Disabled&per_page=100",
                "[{\"field\":\"Name\",\"value\":\"Triage\"},{\"field\":\"LookupType\","
                        + "\"value\":\"RT::Queue-RT::Ticket\"}]").body());
        assertEquals(1, field.path("total").asInt());
        assertEquals("0", field.path("items").get(0).path("MaxValues").asText());
        assertEquals(0, get("/customfields").path("total").asInt());
        HttpResponse<String> notAList = send("POST", "/customfields", "{\"a\":1}");
        assertEquals(400, notAList.statusCode());
        assertEquals("{\"message\":\"JSON object must be a ARRAY\"}", notAList.body());
    }

    // ---- auth, faults, the desk's face ---------------------------------------------------------------------------

    @Test
    void wrongCredentialsAreA401BeforeAnyRouting() throws Exception {
        for (String authorization : new String[] {null, "token 1-27-00000000000000000000000000000000",
            "Basic " + Base64.getEncoder().encodeToString("triage:wrong".getBytes(StandardCharsets.UTF_8))}) {
            for (String path : List.of("/rt", "/no/such/path")) {
                HttpResponse<String> refused = send("GET", path, null, authorization);
                assertEquals(401, refused.statusCode(), authorization + " " + path);
                assertEquals("{\"message\":\"Unauthorized\"}", refused.body());
            }
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString(("triage:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> about = send("GET", "/rt", null, basic);
        assertEquals(200, about.statusCode());
        assertEquals("{\n   \"Version\" : \"5.0.3+dfsg-3~deb12u7\",\n   \"Plugins\" : []\n}\n", about.body());
        assertEquals("{\"message\":\"Not Found\"}", send("GET", "/no/such/path", null).body());
        assertEquals(404, send("GET", "/queue/Nope", null).statusCode());
        assertEquals("Triage", get("/queue/General").path("TicketCustomFields").get(0).path("name").asText());

        sim.revokeCredentials(true);
        assertEquals(401, send("GET", "/rt", null).statusCode());
    }

    @Test
    void theDemoDesksFaultsAndRefusalsStrikeTheCallsTheyName() throws Exception {
        try (SimulatedHelpDesk desk = SimulatedRequestTracker.start(0, clock)) {
            RtSimulator rt = ((SimulatedRequestTracker) desk).simulator();
            String id = desk.createTicket("Printer", "It is on fire.");
            String token = "token " + rt.token();
            HttpRequest search = HttpRequest.newBuilder(URI.create(rt.restUrl() + "/tickets?query=id%3E0"))
                    .header("Authorization", token).build();
            HttpRequest put = HttpRequest.newBuilder(URI.create(rt.restUrl() + "/ticket/" + id))
                    .header("Authorization", token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"Queue\":\"Sales\",\"Priority\":50}")).build();

            desk.faultPages(Fault.Kind.STATUS, 429, 1);
            HttpResponse<String> limited = http.send(search, HttpResponse.BodyHandlers.ofString());
            assertEquals(429, limited.statusCode());
            assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(200, http.send(search, HttpResponse.BodyHandlers.ofString()).statusCode());

            desk.rejectNextUpdate(id);
            HttpResponse<String> refused = http.send(put, HttpResponse.BodyHandlers.ofString());
            assertEquals(403, refused.statusCode());
            assertEquals("{\"message\":\"Forbidden\"}", refused.body());
            assertEquals("General", desk.ticket(id).queue().orElseThrow(), "nothing applied");
            assertTrue(desk.updatesByTicket().isEmpty());

            desk.faultWrites(SimulatedHelpDesk.WritePart.FIELDS, Fault.Kind.APPLIED_THEN_FAILED, 502, 1);
            assertEquals(502, http.send(put, HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals("Sales", desk.ticket(id).queue().orElseThrow(), "applied, then the answer was lost");
            assertEquals("50", desk.ticket(id).priority());
            assertEquals(Integer.valueOf(1), desk.updatesByTicket().get(id));

            desk.addCustomerTag(id, "vip");
            desk.garbleInListings(id);
            desk.listRawRecord("{\"id\":\"990001\",\"type\":\"ticket\",\"LastUpdated\":[]}");
            JsonNode page = json.readTree(http.send(search, HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("990001", page.path("items").get(0).path("id").asText());
            assertEquals("yesterday", page.path("items").get(1).path("LastUpdated").asText());
            assertEquals(List.of("vip"), desk.ticket(id).tags());

            desk.returnToIncoming(id);
            assertEquals("General", desk.ticket(id).queue().orElseThrow());
            assertEquals(List.of(), desk.ticket(id).tags());
            desk.agentCloses(id);
            assertEquals("resolved", rt.ticket(Integer.parseInt(id)).orElseThrow().status());
        }
    }
}
