package io.tickettriage.sim.zammad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.MutableClock;
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
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator against the Zammad contract (reference notes §2), over real HTTP. */
class ZammadSimulatorTest {

    private static final String TOKEN = "zammad-test-token-7f3a";
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final Pattern ZAMMAD_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock(START);
    private final List<ZammadSimulator> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ZammadSimulator::close);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Authentication and errors

    @Test
    void missingCredentialsAre403BadTokenAndBadBasicAre401WithXFailure() throws Exception {
        ZammadSimulator sim = start(s -> s.withBasicLogin("agent@example.com", "s3cret"));

        HttpResponse<String> anonymous = send(sim, "GET", "/api/v1/tickets", null, null);
        assertError(403, "Authentication required", anonymous);
        assertEquals("Authentication required", anonymous.headers().firstValue("X-Failure").orElseThrow());

        HttpResponse<String> badToken = send(sim, "GET", "/api/v1/tickets", null, "Token token=wrong");
        assertError(401, "Can't find User for Token", badToken);
        assertEquals("Can't find User for Token", badToken.headers().firstValue("X-Failure").orElseThrow());

        HttpResponse<String> badBasic = send(sim, "GET", "/api/v1/tickets", null, basic("agent@example.com", "no"));
        assertError(401, "Invalid BasicAuth credentials", badBasic);
        assertEquals("Invalid BasicAuth credentials", badBasic.headers().firstValue("X-Failure").orElseThrow());

        assertEquals(200, send(sim, "GET", "/api/v1/tickets", null, "Token token=" + TOKEN).statusCode());
        assertEquals(200, send(sim, "GET", "/api/v1/tickets", null, "Token token=\"" + TOKEN + "\"").statusCode());
        assertEquals(200, send(sim, "GET", "/api/v1/tickets", null, "Bearer " + TOKEN).statusCode());
        assertEquals(200, send(sim, "GET", "/api/v1/tickets", null, basic("agent@example.com", "s3cret"))
                .statusCode());
        assertEquals("application/json; charset=utf-8",
                anonymous.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void basicAuthIsRefusedWhenTheDeskHasNoPasswordLogin() throws Exception {
        ZammadSimulator sim = start(s -> s);
        assertError(401, "Invalid BasicAuth credentials",
                send(sim, "GET", "/api/v1/tickets", null, basic("agent@example.com", "s3cret")));
    }

    @Test
    void revokedCredentialsAreRefusedLikeUnknownOnes() throws Exception {
        ZammadSimulator sim = start(s -> s);
        sim.revokeCredentials(true);
        assertError(401, "Can't find User for Token", get(sim, "/api/v1/tickets"));
        sim.revokeCredentials(false);
        assertEquals(200, get(sim, "/api/v1/tickets").statusCode());
    }

    @Test
    void unknownRoutesAndMethodsGet404BeforeAuthentication() throws Exception {
        ZammadSimulator sim = start(s -> s);
        assertError(404, "No route matches [GET] /api/v1/nothing", send(sim, "GET", "/api/v1/nothing", null, null));
        // Zammad removes tags with DELETE; POST has no route.
        assertError(404, "No route matches [POST] /api/v1/tags/remove",
                send(sim, "POST", "/api/v1/tags/remove", "{}", "Token token=" + TOKEN));
    }

    @Test
    void aMissingTicketIsRecordNotFound() throws Exception {
        ZammadSimulator sim = start(s -> s);
        assertError(404, "Couldn't find Ticket with 'id'=99999", get(sim, "/api/v1/tickets/99999"));
        assertError(404, "Couldn't find Ticket with 'id'=99999",
                get(sim, "/api/v1/ticket_articles/by_ticket/99999"));
        assertError(404, "Couldn't find Ticket with 'id'=99999", put(sim, 99999, "{\"title\":\"x\"}"));
        assertError(404, "Couldn't find Ticket with 'id'=99999", get(sim, "/api/v1/tags?object=Ticket&o_id=99999"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tickets and articles

    @Test
    void aCustomersTicketArrivesInUsersAsNewWithOnePublicCustomerArticle() throws Exception {
        ZammadSimulator sim = start(s -> s);
        long id = sim.createTicket(ZammadTicketDraft.email("Printer on fire", "<p>It is <b>on fire</b>.</p>")
                .from("Jane@Example.com"));

        JsonNode ticket = body(get(sim, "/api/v1/tickets/" + id + "?expand=true"));
        assertTrue(ticket.get("id").isInt());
        assertTrue(ticket.get("number").isTextual(), "number is a string");
        assertTrue(ticket.get("group_id").isInt() && ticket.get("priority_id").isInt());
        assertEquals("Users", ticket.get("group").asText());
        assertEquals("new", ticket.get("state").asText());
        assertEquals("2 normal", ticket.get("priority").asText());
        assertEquals("jane@example.com", ticket.get("customer").asText());
        assertEquals("email", ticket.get("create_article_type").asText());
        assertEquals(1, ticket.get("article_count").asInt());
        assertTrue(ZAMMAD_TIME.matcher(ticket.get("updated_at").asText()).matches(), ticket.get("updated_at").asText());
        assertEquals("2024-05-01T10:00:00.000Z", ticket.get("created_at").asText());

        JsonNode articles = body(get(sim, "/api/v1/ticket_articles/by_ticket/" + id));
        assertEquals(1, articles.size());
        JsonNode first = articles.get(0);
        assertEquals(id, first.get("ticket_id").asLong());
        assertFalse(first.get("internal").asBoolean());
        assertTrue(first.get("internal").isBoolean());
        assertEquals("email", first.get("type").asText());
        assertEquals("Customer", first.get("sender").asText());
        assertEquals("text/html", first.get("content_type").asText());
        assertEquals("<p>It is <b>on fire</b>.</p>", first.get("body").asText());
        assertEquals(List.of(first.get("id").asLong()), longs(ticket.get("article_ids")));
    }

    @Test
    void theListIsOrderedByIdCappedAt100AndABareArray() throws Exception {
        ZammadSimulator sim = start(s -> s);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            ids.add(sim.createTicket(ZammadTicketDraft.web("Ticket " + i, "body")));
        }

        JsonNode page1 = body(get(sim, "/api/v1/tickets?per_page=500"));
        JsonNode page2 = body(get(sim, "/api/v1/tickets?per_page=500&page=2"));
        JsonNode byDefault = body(get(sim, "/api/v1/tickets"));

        assertTrue(page1.isArray());
        assertEquals(ids.subList(0, 100), ids(page1));
        assertEquals(ids.subList(100, 105), ids(page2));
        assertEquals(100, byDefault.size());
        assertFalse(page1.get(0).has("article_ids"), "the list renders plain columns");
        assertFalse(page1.get(0).has("group"), "names only with expand=true");
        assertEquals("Users", body(get(sim, "/api/v1/tickets?expand=true&per_page=1")).get(0).get("group").asText());
        assertEquals(List.of(), ids(body(get(sim, "/api/v1/tickets?page=9"))));
    }

    @Test
    void anUpdateSetsGroupAndPriorityByNameAddsAnInternalNoteAndMovesUpdatedAt() throws Exception {
        ZammadSimulator sim = start(s -> s.withGroupsListable(true));
        long id = sim.createTicket(ZammadTicketDraft.email("Invoice wrong", "<p>VAT missing</p>"));
        String before = sim.ticket(id).orElseThrow().get("updated_at").asText();
        clock.advance(Duration.ofSeconds(5));

        HttpResponse<String> response = put(sim, id, """
                {"group":"Billing & Payments","priority":"3 high","tags":["ignored"],
                 "article":{"body":"<p>ticket-triage: billing (91%)</p>","internal":true,"type":"note",
                            "content_type":"text/html","subject":"Triage"}}""");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = body(response);
        assertEquals(2, answer.get("article_ids").size());
        assertTrue(answer.get("article_ids").get(0).asLong() > answer.get("article_ids").get(1).asLong(),
                "article_ids list the newest first");
        JsonNode ticket = sim.ticket(id).orElseThrow();
        assertEquals("Billing & Payments", ticket.get("group").asText());
        assertEquals("3 high", ticket.get("priority").asText());
        assertEquals("2024-05-01T10:00:05.000Z", ticket.get("updated_at").asText());
        assertNotEquals(before, ticket.get("updated_at").asText());
        assertEquals(List.of(), sim.tags(id), "tags are not ticket attributes on update");
        JsonNode note = sim.articles(id).get(1);
        assertTrue(note.get("internal").asBoolean());
        assertEquals("note", note.get("type").asText());
        assertEquals("Agent", note.get("sender").asText());
        assertEquals("text/html", note.get("content_type").asText());
        assertEquals("Triage", note.get("subject").asText());
    }

    @Test
    void anArticleWithoutInternalIsPublicAndPlainTextByDefault() throws Exception {
        ZammadSimulator sim = start(s -> s);
        long id = sim.createTicket(ZammadTicketDraft.web("Question", "Hi"));
        assertEquals(200, put(sim, id, "{\"article\":{\"body\":\"visible to the customer\"}}").statusCode());
        JsonNode note = sim.articles(id).get(1);
        assertFalse(note.get("internal").asBoolean());
        assertEquals("note", note.get("type").asText());
        assertEquals("text/plain", note.get("content_type").asText());
    }

    @Test
    void updatedAtChangesOnEveryWriteEvenWithinTheSameMillisecond() throws Exception {
        ZammadSimulator sim = start(s -> s);
        long id = sim.createTicket(ZammadTicketDraft.web("Question", "Hi"));
        List<String> stamps = new ArrayList<>();
        stamps.add(sim.ticket(id).orElseThrow().get("updated_at").asText());
        put(sim, id, "{\"priority\":\"1 low\"}");
        stamps.add(sim.ticket(id).orElseThrow().get("updated_at").asText());
        post(sim, "/api/v1/tags/add", "{\"object\":\"Ticket\",\"o_id\":" + id + ",\"item\":\"vip\"}");
        stamps.add(sim.ticket(id).orElseThrow().get("updated_at").asText());
        assertEquals(3, stamps.stream().distinct().count(), stamps.toString());
    }

    @Test
    void unknownNamesAndAnArticleWithoutBodyAre422AndChangeNothing() throws Exception {
        ZammadSimulator sim = start(s -> s);
        long id = sim.createTicket(ZammadTicketDraft.web("Question", "Hi"));
        JsonNode before = sim.ticket(id).orElseThrow();

        assertError(422, "No lookup value found for 'group': \"Salez\"",
                put(sim, id, "{\"group\":\"Salez\",\"article\":{\"body\":\"note\",\"internal\":true}}"));
        assertError(422, "No lookup value found for 'priority': \"4 urgent\"",
                put(sim, id, "{\"priority\":\"4 urgent\"}"));
        assertError(422, "Need at least article: { body: \"some text\" }",
                put(sim, id, "{\"group\":\"Sales\",\"article\":{\"internal\":true}}"));
        HttpResponse<String> badId = put(sim, id, "{\"group_id\":999}");
        assertEquals(422, badId.statusCode());
        assertTrue(body(badId).get("error").asText().matches("Error ID \\S+: Please contact your administrator\\."),
                badId.body());

        assertEquals(before, sim.ticket(id).orElseThrow(), "nothing changed");
        assertEquals(1, sim.articles(id).size());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Search

    @Test
    void theTriageQueryFindsIncomingNewOrOpenTicketsChangedSinceAndWithoutTheMarker() throws Exception {
        ZammadSimulator sim = start(s -> s);
        long old = sim.createTicket(ZammadTicketDraft.web("Old", "b"));
        clock.advance(Duration.ofMinutes(1));
        long fresh = sim.createTicket(ZammadTicketDraft.web("Fresh", "b"));
        long open = sim.createTicket(ZammadTicketDraft.web("Open", "b").inState("open"));
        long closed = sim.createTicket(ZammadTicketDraft.web("Closed", "b").inState("closed"));
        long routed = sim.createTicket(ZammadTicketDraft.web("Routed", "b").inGroup("Sales"));
        long marked = sim.createTicket(ZammadTicketDraft.web("Marked", "b").withTags(List.of("vip", "triaged")));
        long otherTag = sim.createTicket(ZammadTicketDraft.web("Other tag", "b").withTags(List.of("vip")));

        String query = "group.name:\"Users\" AND state.name:(new OR open) AND updated_at:{2024-05-01T10:00:00.000Z"
                + " TO *] AND NOT tags:\"triaged\"";
        JsonNode result = body(get(sim, "/api/v1/tickets/search?query=" + encode(query)
                + "&sort_by=updated_at&order_by=asc&expand=true"));

        assertEquals(List.of(fresh, open, otherTag), ids(result));
        assertEquals("Users", result.get(0).get("group").asText());
        assertEquals("open", result.get(1).get("state").asText());
        // Inclusive lower bound and the >= form with escaped colons find the ticket at exactly 10:00.
        String inclusive = "updated_at:[2024-05-01T10:00:00.000Z TO *] AND group.name:Users AND state.name:new";
        assertEquals(List.of(old, fresh, marked, otherTag), ids(search(sim, inclusive, "&sort_by=id&order_by=asc")));
        String compared = "updated_at:>=2024-05-01T10\\:00\\:00Z AND state.name:new AND NOT tags:vip";
        assertEquals(List.of(old, fresh, routed), ids(search(sim, compared, "&sort_by=id&order_by=asc")));
        assertEquals(List.of(closed), ids(search(sim, "state.name:closed", "")));
    }

    @Test
    void textFieldsMatchWordRunsLikeAnAnalysedField() throws Exception {
        ZammadSimulator sim = start(s -> s.withGroupsListable(true));
        ZammadSimulator archive = start(s -> s.withGroups(List.of("Users", "Users Archive")));
        long inUsers = archive.createTicket(ZammadTicketDraft.web("a", "b"));
        long inArchive = archive.createTicket(ZammadTicketDraft.web("b", "b").inGroup("Users Archive"));

        assertEquals(List.of(inUsers, inArchive),
                ids(search(archive, "group.name:\"Users\"", "&sort_by=id&order_by=asc")));
        assertEquals(List.of(inArchive), ids(search(archive, "group.name:\"users archive\"", "")));
        long pending = sim.createTicket(ZammadTicketDraft.web("c", "b").inState("pending reminder"));
        assertEquals(List.of(pending), ids(search(sim, "state.name:pending", "")));
        assertEquals(List.of(), ids(search(sim, "state.name:\"reminder pending\"", "")));
    }

    @Test
    void searchPagesDefaultTo50AndCapAt200SortedByUpdatedAtDescUnlessAsked() throws Exception {
        ZammadSimulator sim = start(s -> s);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            ids.add(sim.createTicket(ZammadTicketDraft.web("T" + i, "b")));
            clock.advance(Duration.ofMillis(10));
        }
        JsonNode byDefault = search(sim, "state.name:new", "");
        assertEquals(50, byDefault.size());
        assertEquals(ids.get(229), byDefault.get(0).get("id").asLong(), "newest change first by default");
        assertEquals(200, search(sim, "state.name:new", "&per_page=500").size());
        assertEquals(200, search(sim, "state.name:new", "&limit=500").size());
        JsonNode ascending = search(sim, "state.name:new", "&sort_by=updated_at&order_by=asc&per_page=100&page=3");
        assertEquals(ids.subList(200, 230), ids(ascending));
        assertFalse(byDefault.get(0).has("group"), "names only with expand=true");
        assertTrue(byDefault.get(0).has("article_ids"), "search answers carry association ids");
        // A sort field without an order is dropped, as Zammad does: back to updated_at desc.
        assertEquals(ids.get(229), search(sim, "state.name:new", "&sort_by=id").get(0).get("id").asLong());
    }

    @Test
    void countsAndTheLegacyShape() throws Exception {
        ZammadSimulator modern = start(s -> s);
        ZammadSimulator legacy = start(s -> s.withLegacySearch(true));
        List<Long> ids = new ArrayList<>();
        for (ZammadSimulator sim : List.of(modern, legacy)) {
            ids.clear();
            for (int i = 0; i < 3; i++) {
                ids.add(sim.createTicket(ZammadTicketDraft.web("T" + i, "b")));
                clock.advance(Duration.ofSeconds(1));
            }
        }
        JsonNode counted = search(modern, "state.name:new", "&with_total_count=true&per_page=2");
        assertEquals(3, counted.get("total_count").asInt());
        assertEquals(2, counted.get("records").size());
        assertEquals(3, search(modern, "state.name:new", "&only_total_count=true").get("total_count").asInt());

        JsonNode old = search(legacy, "state.name:new", "&per_page=2&sort_by=id&order_by=asc");
        assertEquals(List.of(ids.get(0), ids.get(1)), longs(old.get("tickets")));
        assertEquals(2, old.get("tickets_count").asInt(), "the page's count, not the total");
        JsonNode asset = old.get("assets").get("Ticket").get(String.valueOf(ids.get(0)));
        assertEquals(ids.get(0).longValue(), asset.get("id").asLong());
        assertTrue(asset.get("number").isTextual());
        assertTrue(old.get("assets").get("Group").has("1"));
        JsonNode expanded = search(legacy, "state.name:new", "&expand=true&sort_by=id&order_by=asc");
        assertTrue(expanded.isArray(), "expand=true gives an array in every version");
        assertEquals("Users", expanded.get(0).get("group").asText());
    }

    @Test
    void withoutElasticsearchAttributeSearchesFindNothing() throws Exception {
        ZammadSimulator sim = start(s -> s.withElasticsearch(false));
        long id = sim.createTicket(ZammadTicketDraft.web("Exists", "b"));
        assertEquals(List.of(), ids(search(sim, "id:" + id, "")));
        assertEquals(List.of(id), ids(body(get(sim, "/api/v1/tickets"))), "the list still works");
    }

    @Test
    void queriesTheSimulatorCannotEvaluateAre422NotSilentlyWrong() throws Exception {
        ZammadSimulator sim = start(s -> s);
        for (String query : List.of("printer", "title:print*", "state:new", "group.name:Users AND state.name:new "
                        + "OR state.name:open", "updated_at:>=2024-05-01T10:00:00Z", "updated_at:>now-1h",
                "title:printer~2", "state.name:(new", "updated_at:[2024-05-01 TO]")) {
            HttpResponse<String> response = get(sim, "/api/v1/tickets/search?query=" + encode(query));
            assertEquals(422, response.statusCode(), query + " -> " + response.body());
            JsonNode error = body(response);
            assertTrue(error.get("error").asText().startsWith("The simulated Zammad cannot evaluate this search"),
                    error.toString());
            assertEquals(error.get("error"), error.get("error_human"));
        }
        assertEquals(422, get(sim, "/api/v1/tickets/search?query=id:1&sort_by=tags&order_by=asc").statusCode());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tags, groups, priorities, states

    @Test
    void tagsAreAddedOnceListedAndRemovedWithDelete() throws Exception {
        ZammadSimulator sim = start(s -> s);
        long id = sim.createTicket(ZammadTicketDraft.web("Question", "Hi").withTags(List.of("vip")));

        HttpResponse<String> added = post(sim, "/api/v1/tags/add",
                "{\"object\":\"Ticket\",\"o_id\":" + id + ",\"item\":\"triaged\"}");
        assertEquals(201, added.statusCode());
        assertEquals("true", added.body());
        assertEquals(201, post(sim, "/api/v1/tags/add",
                "{\"object\":\"Ticket\",\"o_id\":" + id + ",\"item\":\"Triaged\"}").statusCode());
        assertEquals("{\"tags\":[\"vip\",\"triaged\"]}",
                get(sim, "/api/v1/tags?object=Ticket&o_id=" + id).body());

        HttpResponse<String> removed = send(sim, "DELETE", "/api/v1/tags/remove",
                "{\"object\":\"Ticket\",\"o_id\":\"" + id + "\",\"item\":\"vip\"}", "Token token=" + TOKEN);
        assertEquals(200, removed.statusCode());
        assertEquals("true", removed.body());
        assertEquals(List.of("triaged"), sim.tags(id));
        assertError(404, "Couldn't find Ticket with 'id'=4242", post(sim, "/api/v1/tags/add",
                "{\"object\":\"Ticket\",\"o_id\":4242,\"item\":\"x\"}"));
    }

    @Test
    void groupsNeedAdminGroupPrioritiesAndStatesDoNot() throws Exception {
        ZammadSimulator allowed = start(s -> s.withGroupsListable(true));
        ZammadSimulator agentOnly = start(s -> s.withGroupsListable(false));

        JsonNode groups = body(get(allowed, "/api/v1/groups"));
        assertEquals(SimulatedZammad.DEMO_GROUPS, StreamSupport.stream(groups.spliterator(), false)
                .map(g -> g.get("name").asText()).toList());
        assertEquals(1, groups.get(0).get("id").asInt());
        assertError(403, "Not authorized", get(agentOnly, "/api/v1/groups"));

        JsonNode priorities = body(get(agentOnly, "/api/v1/ticket_priorities"));
        assertEquals(List.of("1 low", "2 normal", "3 high"), StreamSupport.stream(priorities.spliterator(), false)
                .map(p -> p.get("name").asText()).toList());
        assertTrue(priorities.get(1).get("default_create").asBoolean());
        JsonNode states = body(get(agentOnly, "/api/v1/ticket_states"));
        assertEquals("new", states.get(0).get("name").asText());
        assertEquals(7, states.size());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Faults and the help-desk-neutral face

    @Test
    void injectedFaultsAnswerAsZammadOrItsProxyWould() throws Exception {
        ZammadSimulator sim = start(s -> s);
        long id = sim.createTicket(ZammadTicketDraft.web("Question", "Hi"));
        sim.injectFault(new Fault("GET", "/api/v1/tickets/search", 503, 0, 1));
        sim.injectFault(new Fault("PUT", "/api/v1/tickets/" + id, 422, 0, 1));

        HttpResponse<String> unavailable = get(sim, "/api/v1/tickets/search?query=id:" + id);
        assertEquals(503, unavailable.statusCode());
        assertTrue(unavailable.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals(200, get(sim, "/api/v1/tickets/search?query=id:" + id).statusCode());
        assertError(422, "Need at least article: { body: \"some text\" }", put(sim, id, "{\"priority\":\"1 low\"}"));
        assertEquals("2 normal", sim.ticket(id).orElseThrow().get("priority").asText(),
                "a faulted PUT changes nothing");
        assertEquals(200, put(sim, id, "{\"priority\":\"1 low\"}").statusCode());
    }

    @Test
    void aResetAppliesNothingAGarbledAnswerIsCutAndAnAppliedThenFailedWriteLands() throws Exception {
        ZammadSimulator sim = start(s -> s);
        long id = sim.createTicket(ZammadTicketDraft.web("Question", "Hi"));
        String tag = "{\"object\":\"Ticket\",\"o_id\":" + id + ",\"item\":\"first\"}";

        sim.injectFault(Fault.reset("POST", "/api/v1/tags/add", 1));
        assertThrows(java.io.IOException.class, () -> post(sim, "/api/v1/tags/add", tag));
        assertEquals(List.of(), sim.tags(id), "a reset applies nothing");
        assertEquals(0, sim.requests().get(sim.requests().size() - 1).status(), "recorded as status 0");

        sim.injectFault(Fault.garbled("GET", "/api/v1/ticket_articles/by_ticket/\\d+", 1));
        HttpResponse<String> garbled = get(sim, "/api/v1/ticket_articles/by_ticket/" + id);
        assertEquals(200, garbled.statusCode());
        String whole = get(sim, "/api/v1/ticket_articles/by_ticket/" + id).body();
        assertEquals(whole.substring(0, whole.getBytes(StandardCharsets.UTF_8).length / 2), garbled.body());

        sim.injectFault(Fault.appliedThenFailed("PUT", "/api/v1/tickets/\\d+", 500, 1));
        assertEquals(500, put(sim, id, "{\"priority\":\"1 low\"}").statusCode());
        assertEquals("1 low", sim.ticket(id).orElseThrow().get("priority").asText(), "the change landed");
        sim.injectFault(Fault.appliedThenFailed("POST", "/api/v1/ticket_articles", 0, 1));
        assertThrows(java.io.IOException.class, () -> post(sim, "/api/v1/ticket_articles", "{\"ticket_id\":" + id
                + ",\"body\":\"landed\",\"internal\":true}"));
        assertEquals("landed", sim.articles(id).get(1).get("body").asText(), "the note landed, its answer was lost");
    }

    @Test
    void anArticleOfItsOwnIsAnInternalNoteAndTouchesTheTicket() throws Exception {
        ZammadSimulator sim = start(s -> s);
        long id = sim.createTicket(ZammadTicketDraft.web("Question", "Hi"));
        clock.advance(Duration.ofSeconds(5));
        HttpResponse<String> created = post(sim, "/api/v1/ticket_articles", "{\"ticket_id\":" + id + ",\"subject\":"
                + "\"ticket-triage\",\"body\":\"<p>x</p>\",\"content_type\":\"text/html\",\"type\":\"note\","
                + "\"internal\":true}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode article = body(created);
        assertEquals(id, article.get("ticket_id").asLong());
        assertEquals("note", article.get("type").asText());
        assertEquals("Agent", article.get("sender").asText());
        assertTrue(article.get("internal").asBoolean());
        assertEquals(article, sim.articles(id).get(1));
        assertEquals("2024-05-01T10:00:05.000Z", sim.ticket(id).orElseThrow().get("updated_at").asText());
        assertError(404, "Couldn't find Ticket with 'id'=999", post(sim, "/api/v1/ticket_articles",
                "{\"ticket_id\":999,\"body\":\"x\"}"));
        assertError(422, "Need at least article: { body: \"some text\" }", post(sim, "/api/v1/ticket_articles",
                "{\"ticket_id\":" + id + "}"));
    }

    @Test
    void withAnIndexLagTheSearchFindsEachChangeOnlyLaterAndOutOfOrder() throws Exception {
        ZammadSimulator sim = start(s -> s.withIndexLag(Duration.ofSeconds(10)));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(sim.createTicket(ZammadTicketDraft.web("T" + i, "b")));
            clock.advance(Duration.ofMillis(100));
        }
        String query = "state.name:new";
        List<Long> seen = new ArrayList<>();
        boolean outOfOrder = false;
        for (int second = 0; second <= 12; second++) {
            List<Long> found = ids(search(sim, query, "&sort_by=id&order_by=asc&per_page=200"));
            for (long id : found) {
                if (!seen.contains(id)) {
                    outOfOrder |= seen.stream().anyMatch(earlier -> earlier > id);
                    seen.add(id);
                }
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(ids.size(), seen.size(), "all indexed within the lag");
        assertTrue(outOfOrder, "a later ticket was findable before an earlier one: " + seen);
        long first = ids.get(0);
        sim.addTag(first, "triaged");
        assertTrue(ids(search(sim, "NOT tags:triaged", "&per_page=200")).contains(first),
                "the index shows the old version until the new one arrives");
        clock.advance(Duration.ofSeconds(11));
        assertFalse(ids(search(sim, "NOT tags:triaged", "&per_page=200")).contains(first));
    }

    @Test
    void theFaultsOfTheHelpDeskNeutralFaceHitTheCallsTheyName() throws Exception {
        try (SimulatedZammad desk = SimulatedZammad.start(0, clock)) {
            ZammadSimulator sim = desk.simulator();
            String id = desk.createTicket("Refund", "Please refund order 4471.");
            String token = desk.adapterProperties().get("zammad.api-token");
            desk.faultWrites(io.tickettriage.sim.SimulatedHelpDesk.WritePart.MARKER, Fault.Kind.STATUS, 503, 1);
            assertEquals(201, deskSend(desk, token, "POST", "/api/v1/tags/add", "{\"object\":\"Ticket\",\"o_id\":"
                    + id + ",\"item\":\"needs-review\"}").statusCode(), "another tag passes");
            assertEquals(503, deskSend(desk, token, "POST", "/api/v1/tags/add", "{\"object\":\"Ticket\",\"o_id\":"
                    + id + ",\"item\":\"triaged\"}").statusCode(), "the marker meets the fault");
            desk.faultWrites(io.tickettriage.sim.SimulatedHelpDesk.WritePart.NOTE, Fault.Kind.STATUS, 500, 1);
            assertEquals(500, deskSend(desk, token, "PUT", "/api/v1/tickets/" + id, "{\"article\":{\"body\":\"n\"}}")
                    .statusCode(), "the note rides in the update");
            desk.faultWrites(io.tickettriage.sim.SimulatedHelpDesk.WritePart.FIELDS, Fault.Kind.STATUS, 502, 1);
            assertEquals(502, deskSend(desk, token, "PUT", "/api/v1/tickets/" + id, "{\"group\":\"Sales\"}")
                    .statusCode());
            desk.faultPages(Fault.Kind.STATUS, 500, 1);
            assertEquals(500, deskSend(desk, token, "GET", "/api/v1/tickets/search?query=state.name:new", null)
                    .statusCode());

            desk.listRawRecord("{\"id\":\"../../x\"}");
            desk.addCustomerTag(id, "vip,urgent");
            HttpResponse<String> page = deskSend(desk, token, "GET",
                    "/api/v1/tickets/search?query=state.name:new&expand=true", null);
            assertTrue(page.body().startsWith("[{\"id\":\"../../x\"},{\"id\":" + id), page.body());
            assertFalse(deskSend(desk, token, "GET", "/api/v1/tickets/search?query=state.name:new&expand=true&page=2",
                    null).body().contains("../../x"), "only the first page");
            assertEquals(List.of("needs-review", "vip,urgent"), desk.ticket(id).tags());

            desk.slowDown(Duration.ofMillis(300));
            long before = System.nanoTime();
            deskSend(desk, token, "GET", "/api/v1/ticket_states", null);
            assertTrue(System.nanoTime() - before >= 300_000_000L, "the answer waited");
        }
    }

    private HttpResponse<String> deskSend(SimulatedZammad desk, String token, String method, String path,
                                          String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(desk.baseUrl() + path))
                .header("Authorization", "Token token=" + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDemoDeskFace() throws Exception {
        try (SimulatedZammad desk = SimulatedZammad.start(0, clock)) {
            String id = desk.createTicket("Refund", "Please refund order 4471.\nThanks & bye");
            SimulatedTicket ticket = desk.ticket(id);
            assertEquals("Users", ticket.queue().orElseThrow());
            assertEquals("2 normal", ticket.priority());
            assertEquals(List.of(), ticket.notes());
            JsonNode article = desk.simulator().articles(Long.parseLong(id)).get(0);
            assertEquals("<div>Please refund order 4471.<br>Thanks &amp; bye</div>", article.get("body").asText());

            String token = desk.adapterProperties().get("zammad.api-token");
            assertEquals(List.of(token), desk.secrets());
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(desk.baseUrl()
                            + "/api/v1/tickets/search?query=state.name:new"))
                            .header("Authorization", "Token token=" + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode());
            assertEquals(1, desk.pagesServed());

            desk.rejectNextUpdate(id);
            HttpResponse<String> rejected = http.send(HttpRequest.newBuilder(URI.create(desk.baseUrl()
                            + "/api/v1/tickets/" + id)).header("Authorization", "Token token=" + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"group\":\"Sales\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(422, rejected.statusCode());
            assertEquals(java.util.Map.of(), desk.updatesByTicket());

            HttpResponse<String> noted = http.send(HttpRequest.newBuilder(URI.create(desk.baseUrl()
                            + "/api/v1/tickets/" + id)).header("Authorization", "Token token=" + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"group\":\"Sales\",\"article\":{\"body\":"
                            + "\"<p><b>Sales</b> it is</p>\",\"content_type\":\"text/html\",\"internal\":true}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, noted.statusCode());
            assertEquals(java.util.Map.of(id, 1), desk.updatesByTicket());
            assertEquals(List.of(new SimulatedTicket.SimulatedNote("Sales it is", true)), desk.ticket(id).notes());
            String changed = desk.simulator().ticket(Long.parseLong(id)).orElseThrow().get("updated_at").asText();
            desk.returnToIncoming(id);
            JsonNode returned = desk.simulator().ticket(Long.parseLong(id)).orElseThrow();
            assertEquals("Users", returned.get("group").asText());
            assertNotEquals(changed, returned.get("updated_at").asText());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private ZammadSimulator start(UnaryOperator<ZammadSettings> customize) {
        ZammadSimulator sim = ZammadSimulator.start(customize.apply(
                ZammadSettings.defaults(TOKEN, SimulatedZammad.DEMO_GROUPS).withClock(clock)));
        started.add(sim);
        return sim;
    }

    private JsonNode search(ZammadSimulator sim, String query, String more) throws Exception {
        HttpResponse<String> response = get(sim, "/api/v1/tickets/search?query=" + encode(query) + more);
        assertEquals(200, response.statusCode(), response.body());
        return body(response);
    }

    private HttpResponse<String> get(ZammadSimulator sim, String path) throws Exception {
        return send(sim, "GET", path, null, "Token token=" + TOKEN);
    }

    private HttpResponse<String> put(ZammadSimulator sim, long id, String body) throws Exception {
        return send(sim, "PUT", "/api/v1/tickets/" + id, body, "Token token=" + TOKEN);
    }

    private HttpResponse<String> post(ZammadSimulator sim, String path, String body) throws Exception {
        return send(sim, "POST", path, body, "Token token=" + TOKEN);
    }

    private HttpResponse<String> send(ZammadSimulator sim, String method, String path, String body,
                                      String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
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

    private void assertError(int status, String message, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(json.createObjectNode().put("error", message).put("error_human", message), body(response));
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<Long> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(t -> t.get("id").asLong()).toList();
    }

    private static List<Long> longs(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asLong).toList();
    }
}
