package io.tickettriage.sim.freshdesk;

import io.tickettriage.sim.Fault;
import io.tickettriage.sim.MutableClock;
import io.tickettriage.sim.RecordedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreshdeskSimulatorTest {

    private static final String KEY = "test-api-key";
    private static final SimGroup BILLING = new SimGroup(43_000_000_101L, "Billing", "Invoices and refunds");
    private static final SimGroup SUPPORT = new SimGroup(43_000_000_102L, "Technical Support", null);
    private static final SimGroup ACCOUNTS = new SimGroup(43_000_000_103L, "Accounts", "Sign-in problems");
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private static final Set<String> RATE_LIMIT_HEADERS =
            Set.of("x-ratelimit-total", "x-ratelimit-remaining", "x-ratelimit-used-currentrequest");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock(START);
    private final List<FreshdeskSimulator> started = new ArrayList<>();

    @AfterEach
    void stopSimulators() {
        started.forEach(FreshdeskSimulator::close);
    }

    @Test
    void requestsWithoutTheApiKeyGet401AndUnknownRoutesGet404First() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);

        HttpResponse<String> anonymous = send(sim, "GET", "/api/v2/tickets", null, null, null);
        HttpResponse<String> wrongKey = send(sim, "GET", "/api/v2/tickets", null, null, "other-key");
        HttpResponse<String> anyPassword = send(sim, "GET", "/api/v2/tickets", null, null, KEY);
        HttpResponse<String> unknownRoute = send(sim, "GET", "/api/v2/nothing-here", null, null, null);

        String expected = "{\"code\":\"invalid_credentials\",\"message\":\"You have to be logged in to perform this action.\"}";
        assertJson(401, expected, anonymous);
        assertJson(401, expected, wrongKey);
        assertEquals("application/json; charset=utf-8", anonymous.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(200, anyPassword.statusCode());
        assertEquals("latest=v2; requested=v2",
                anyPassword.headers().firstValue("X-Freshdesk-API-Version").orElseThrow());
        UUID.fromString(anyPassword.headers().firstValue("X-Request-Id").orElseThrow());
        assertEquals(404, unknownRoute.statusCode());
        assertEquals("", unknownRoute.body());
    }

    @Test
    void perPageAbove100IsRejectedWithTheContractBody() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);

        HttpResponse<String> response = get(sim, "/api/v2/tickets?per_page=101");

        assertJson(400, """
                {"description":"Validation failed","errors":[{"field":"per_page",
                 "message":"It should be a Positive Integer less than or equal to 100","code":"invalid_value"}]}""",
                response);
    }

    @Test
    void pagesAreChainedByLinkHeadersUntilTheLastPage() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(sim.createTicket(TicketDraft.open("Ticket " + i, "<p>body</p>")));
            clock.advance(Duration.ofMinutes(1));
        }

        HttpResponse<String> first = get(sim, "/api/v2/tickets?per_page=3");
        assertEquals("<" + sim.baseUrl() + "/api/v2/tickets?per_page=3&page=2>; rel=\"next\"",
                first.headers().firstValue("Link").orElseThrow());

        List<Long> seen = new ArrayList<>(ids(first));
        int pages = 1;
        Optional<String> next = nextLink(first);
        HttpResponse<String> last = first;
        while (next.isPresent()) {
            last = sendTo(URI.create(next.get()));
            seen.addAll(ids(last));
            pages++;
            next = nextLink(last);
        }

        assertEquals(3, pages);
        assertEquals(1, ids(last).size());
        assertTrue(last.headers().firstValue("Link").isEmpty());
        // Default order is created_at descending: newest first.
        Collections.reverse(created);
        assertEquals(created, seen);
    }

    @Test
    void updatedSinceIsInclusiveAndLiftsTheThirtyDayWindow() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        clock.set(START.minus(Duration.ofDays(40)));
        long old = sim.createTicket(TicketDraft.open("Old", "<p>old</p>"));
        clock.set(START);
        long first = sim.createTicket(TicketDraft.open("First", "<p>1</p>"));
        clock.advance(Duration.ofMinutes(1));
        long second = sim.createTicket(TicketDraft.open("Second", "<p>2</p>"));
        clock.advance(Duration.ofMinutes(1));
        long third = sim.createTicket(TicketDraft.open("Third", "<p>3</p>"));

        HttpResponse<String> since = get(sim,
                "/api/v2/tickets?updated_since=2024-05-01T10:01:00Z&order_by=updated_at&order_type=asc");
        HttpResponse<String> sinceLongAgo = get(sim,
                "/api/v2/tickets?updated_since=2024-01-01T00:00:00Z&order_by=updated_at&order_type=asc");
        HttpResponse<String> unfiltered = get(sim, "/api/v2/tickets");
        HttpResponse<String> invalid = get(sim, "/api/v2/tickets?updated_since=yesterday");

        assertEquals(List.of(second, third), ids(since));
        assertEquals(List.of(old, first, second, third), ids(sinceLongAgo));
        assertEquals(List.of(third, second, first), ids(unfiltered));
        assertEquals(400, invalid.statusCode());
        JsonNode error = body(invalid).path("errors").path(0);
        assertEquals("updated_since", error.path("field").asText());
        assertEquals("invalid_value", error.path("code").asText());
    }

    @Test
    void descriptionIsListedOnlyWhenIncluded() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(TicketDraft.open(null, "<p>Card <b>declined</b> twice</p>"));

        JsonNode plain = body(get(sim, "/api/v2/tickets")).path(0);
        JsonNode included = body(get(sim, "/api/v2/tickets?include=description")).path(0);
        JsonNode shown = body(get(sim, "/api/v2/tickets/" + id));

        assertFalse(plain.has("description"));
        assertFalse(plain.has("description_text"));
        assertTrue(plain.get("subject").isNull());
        assertEquals("<p>Card <b>declined</b> twice</p>", included.path("description").asText());
        assertEquals("Card declined twice", included.path("description_text").asText());
        assertEquals("Card declined twice", shown.path("description_text").asText());
        assertEquals("2024-05-01T10:00:00Z", shown.path("created_at").asText());
        assertTrue(shown.path("requester_id").canConvertToLong());
        assertTrue(shown.path("custom_fields").isObject());
    }

    @Test
    void pagesBeyondTheCapAreRefused() throws Exception {
        FreshdeskSimulator capped = start(settings -> settings.withMaxPage(2));
        FreshdeskSimulator standard = start(settings -> settings);

        assertEquals(200, get(capped, "/api/v2/tickets?page=2").statusCode());
        assertJson(400, """
                {"description":"Validation failed","errors":[{"field":"page","message":
                 "You cannot access tickets beyond the 2nd page. Please provide a smaller page number.",
                 "code":"invalid_value"}]}""", get(capped, "/api/v2/tickets?page=3"));
        assertJson(400, """
                {"description":"Validation failed","errors":[{"field":"page","message":
                 "You cannot access tickets beyond the 300th page. Please provide a smaller page number.",
                 "code":"invalid_value"}]}""", get(standard, "/api/v2/tickets?page=301"));
    }

    @Test
    void updateReplacesTagsAndStampsUpdatedAt() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(new TicketDraft("Refund", "<p>Please refund</p>", 2, 1, null,
                List.of("old", "stale"), "payer@example.com"));
        clock.advance(Duration.ofMinutes(5));

        HttpResponse<String> response = send(sim, "PUT", "/api/v2/tickets/" + id,
                "{\"tags\":[\"billing\",\"refund\"],\"priority\":3,\"group_id\":" + BILLING.id() + "}",
                "application/json", KEY);

        assertEquals(200, response.statusCode());
        JsonNode updated = body(response);
        assertEquals(List.of("billing", "refund"), texts(updated.path("tags")));
        assertEquals(3, updated.path("priority").asInt());
        assertEquals(BILLING.id(), updated.path("group_id").asLong());
        assertEquals("2024-05-01T10:05:00Z", updated.path("updated_at").asText());
        assertEquals("2024-05-01T10:00:00Z", updated.path("created_at").asText());
        assertEquals("<p>Please refund</p>", updated.path("description").asText());
        assertEquals(updated, sim.ticket(id).orElseThrow());
    }

    @Test
    void updateRejectsFieldsOutsideTheUpdatableSet() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(TicketDraft.open("Unchanged", "<p>x</p>"));

        HttpResponse<String> response = send(sim, "PUT", "/api/v2/tickets/" + id,
                "{\"subject\":\"New\",\"description_html\":\"<p>y</p>\",\"cc_emails\":[]}", "application/json", KEY);

        assertJson(400, """
                {"description":"Validation failed","errors":[
                 {"field":"description_html","message":"Unexpected/invalid field in request","code":"invalid_field"},
                 {"field":"cc_emails","message":"Unexpected/invalid field in request","code":"invalid_field"}]}""",
                response);
        assertEquals("Unchanged", sim.ticket(id).orElseThrow().path("subject").asText());
    }

    @Test
    void updateWithoutParametersIsRefused() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(TicketDraft.open("Ticket", "<p>x</p>"));

        assertJson(400, """
                {"code":"missing_params",
                 "message":"Your update call does not have any parameter. Atleast one parameter is required."}""",
                send(sim, "PUT", "/api/v2/tickets/" + id, "{}", "application/json", KEY));
    }

    @Test
    void updateReportsEveryInvalidValueAndChangesNothing() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(TicketDraft.open("Ticket", "<p>x</p>"));
        JsonNode before = sim.ticket(id).orElseThrow();

        HttpResponse<String> response = send(sim, "PUT", "/api/v2/tickets/" + id,
                "{\"priority\":\"high\",\"group_id\":999,\"status\":9,\"subject\":\"Changed\"}",
                "application/json", KEY);

        assertJson(400, """
                {"description":"Validation failed","errors":[
                 {"field":"priority","message":"It should be a/an Integer","code":"datatype_mismatch"},
                 {"field":"group_id","message":"There is no group matching the given group_id","code":"invalid_value"},
                 {"field":"status","message":"It should be one of these values: '2,3,4,5'","code":"invalid_value"}]}""",
                response);
        assertEquals(before, sim.ticket(id).orElseThrow());
    }

    @Test
    void unknownTicketsAre404WithAnEmptyBody() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);

        HttpResponse<String> shown = get(sim, "/api/v2/tickets/999999");
        HttpResponse<String> updated = send(sim, "PUT", "/api/v2/tickets/999999", "{\"priority\":2}",
                "application/json", KEY);

        for (HttpResponse<String> response : List.of(shown, updated)) {
            assertEquals(404, response.statusCode());
            assertEquals("", response.body());
            assertTrue(response.headers().firstValue("Content-Type").isEmpty());
        }
    }

    @Test
    void writesNeedJsonContentTypeAndSyntax() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(TicketDraft.open("Ticket", "<p>x</p>"));

        assertJson(415, """
                {"code":"invalid_content_type",
                 "message":"Content-Type header is set to text/plain. It should be set to application/json"}""",
                send(sim, "PUT", "/api/v2/tickets/" + id, "{\"priority\":2}", "text/plain", KEY));
        assertJson(400, "{\"code\":\"invalid_json\",\"message\":\"Request body has invalid json format\"}",
                send(sim, "PUT", "/api/v2/tickets/" + id, "{\"priority\":", "application/json", KEY));
    }

    @Test
    void wrongMethodOnAKnownRouteIs405WithAllow() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);

        HttpResponse<String> response = send(sim, "PUT", "/api/v2/tickets", "{}", "application/json", KEY);

        assertJson(405, "{\"message\":\"PUT method is not allowed. It should be one of these method(s): GET, POST\"}",
                response);
        assertEquals("GET, POST", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void ticketsCreatedOverHttpAreValidatedAndLocated() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);

        HttpResponse<String> created = send(sim, "POST", "/api/v2/tickets",
                "{\"subject\":\"Hello\",\"description\":\"<p>Hi</p>\",\"email\":\"a@example.com\",\"tags\":[\"x\"]}",
                "application/json", KEY);
        HttpResponse<String> incomplete = send(sim, "POST", "/api/v2/tickets", "{\"email\":\"a@example.com\"}",
                "application/json", KEY);

        assertEquals(201, created.statusCode());
        long id = body(created).path("id").asLong();
        assertEquals(sim.baseUrl() + "/api/v2/tickets/" + id, created.headers().firstValue("Location").orElseThrow());
        assertEquals(2, body(created).path("status").asInt());
        assertJson(400, """
                {"description":"Validation failed","errors":[
                 {"field":"subject","message":"Mandatory attribute missing","code":"missing_field"},
                 {"field":"description","message":"Mandatory attribute missing","code":"missing_field"}]}""",
                incomplete);
    }

    @Test
    void notesAreCreatedAndListedWithoutTouchingTheTicket() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(TicketDraft.open("Ticket", "<p>x</p>"));
        clock.advance(Duration.ofMinutes(10));

        HttpResponse<String> created = send(sim, "POST", "/api/v2/tickets/" + id + "/notes",
                "{\"body\":\"<p>Called the <i>customer</i></p>\"}", "application/json", KEY);
        HttpResponse<String> withoutBody = send(sim, "POST", "/api/v2/tickets/" + id + "/notes",
                "{\"private\":false}", "application/json", KEY);

        assertEquals(201, created.statusCode());
        JsonNode note = body(created);
        assertEquals(sim.baseUrl() + "/api/v2/conversations/" + note.path("id").asLong(),
                created.headers().firstValue("Location").orElseThrow());
        assertTrue(note.path("private").asBoolean());
        assertEquals("Called the customer", note.path("body_text").asText());
        assertEquals(id, note.path("ticket_id").asLong());
        assertEquals(2, note.path("source").asInt());
        assertEquals("2024-05-01T10:10:00Z", note.path("created_at").asText());
        assertEquals("2024-05-01T10:00:00Z", sim.ticket(id).orElseThrow().path("updated_at").asText());
        assertEquals(List.of(note), sim.notes(id));
        assertEquals(note, body(get(sim, "/api/v2/tickets/" + id + "/conversations")).path(0));
        assertJson(400, """
                {"description":"Validation failed","errors":[
                 {"field":"body","message":"Mandatory attribute missing","code":"missing_field"}]}""", withoutBody);
    }

    @Test
    void groupsArePaginatedLikeEveryList() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);

        HttpResponse<String> first = get(sim, "/api/v2/groups?per_page=2");
        HttpResponse<String> second = sendTo(URI.create(nextLink(first).orElseThrow()));

        assertEquals("<" + sim.baseUrl() + "/api/v2/groups?per_page=2&page=2>; rel=\"next\"",
                first.headers().firstValue("Link").orElseThrow());
        assertEquals(List.of(BILLING.id(), SUPPORT.id()), ids(first));
        assertEquals(List.of(ACCOUNTS.id()), ids(second));
        assertTrue(second.headers().firstValue("Link").isEmpty());
        JsonNode support = body(first).path(1);
        assertEquals("Technical Support", support.path("name").asText());
        assertTrue(support.path("description").isNull());
        assertTrue(support.has("escalate_to"));
    }

    @Test
    void theSixthRequestInAWindowOfFiveIsThrottled() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings.withRateLimitPerMinute(5));

        for (int remaining = 4; remaining >= 0; remaining--) {
            HttpResponse<String> allowed = get(sim, "/api/v2/groups");
            assertEquals(200, allowed.statusCode());
            assertEquals("5", allowed.headers().firstValue("X-RateLimit-Total").orElseThrow());
            assertEquals(String.valueOf(remaining), allowed.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
            assertEquals("1", allowed.headers().firstValue("X-RateLimit-Used-CurrentRequest").orElseThrow());
        }
        clock.advance(Duration.ofSeconds(20));
        HttpResponse<String> refused = get(sim, "/api/v2/groups");
        clock.advance(Duration.ofSeconds(40));
        HttpResponse<String> nextWindow = get(sim, "/api/v2/groups");

        assertJson(429, "{\"message\":\"You have exceeded the limit of requests per hour\"}", refused);
        assertEquals("40", refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(refused.headers().map().keySet().stream().noneMatch(RATE_LIMIT_HEADERS::contains));
        assertEquals(200, nextWindow.statusCode());
        assertEquals("4", nextWindow.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    }

    @Test
    void eachIncludeCostsTwoExtraCredits() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings.withRateLimitPerMinute(10));

        HttpResponse<String> included = get(sim, "/api/v2/tickets?include=description");
        HttpResponse<String> plain = get(sim, "/api/v2/tickets");

        assertEquals("3", included.headers().firstValue("X-RateLimit-Used-CurrentRequest").orElseThrow());
        assertEquals("7", included.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertEquals("1", plain.headers().firstValue("X-RateLimit-Used-CurrentRequest").orElseThrow());
        assertEquals("6", plain.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    }

    @Test
    void injectedFaultsFailMatchingRequestsThenRecover() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(TicketDraft.open("Ticket", "<p>x</p>"));
        sim.injectFault(new Fault("PUT", "/api/v2/tickets/\\d+", 500, 0, 2));
        sim.injectFault(new Fault("GET", "/api/v2/groups", 429, 7, 1));

        String update = "{\"priority\":4}";
        HttpResponse<String> unaffected = get(sim, "/api/v2/tickets/" + id);
        HttpResponse<String> firstFailure = send(sim, "PUT", "/api/v2/tickets/" + id, update, "application/json", KEY);
        HttpResponse<String> secondFailure = send(sim, "PUT", "/api/v2/tickets/" + id, update, "application/json", KEY);
        int priorityAfterFailures = sim.ticket(id).orElseThrow().path("priority").asInt();
        HttpResponse<String> recovered = send(sim, "PUT", "/api/v2/tickets/" + id, update, "application/json", KEY);
        HttpResponse<String> throttled = get(sim, "/api/v2/groups");

        assertEquals(200, unaffected.statusCode());
        String internalError = "{\"message\":\"We're sorry, but something went wrong.\"}";
        assertJson(500, internalError, firstFailure);
        assertJson(500, internalError, secondFailure);
        assertEquals(1, priorityAfterFailures);
        assertEquals(200, recovered.statusCode());
        assertEquals(4, body(recovered).path("priority").asInt());
        assertEquals(429, throttled.statusCode());
        assertEquals("7", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, get(sim, "/api/v2/groups").statusCode());
    }

    @Test
    void aResetClosesTheConnectionWithoutApplyingTheWrite() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(TicketDraft.open("Ticket", "<p>x</p>"));
        sim.injectFault(Fault.reset("PUT", "/api/v2/tickets/\\d+", 1));

        assertThrowsIo(() -> send(sim, "PUT", "/api/v2/tickets/" + id, "{\"priority\":4}", "application/json", KEY));
        assertEquals(1, sim.ticket(id).orElseThrow().path("priority").asInt(), "nothing applied");
        assertEquals(0, sim.requests().get(sim.requests().size() - 1).status(), "recorded as unanswered");
    }

    @Test
    void anAppliedThenFailedWriteLandsAndLosesItsAnswer() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(TicketDraft.open("Ticket", "<p>x</p>"));
        sim.injectFault(Fault.appliedThenFailed("POST", "/api/v2/tickets/\\d+/notes", 500, 1));
        sim.injectFault(Fault.appliedThenFailed("POST", "/api/v2/tickets/\\d+/notes", 0, 1));
        String note = "{\"body\":\"<p>n</p>\",\"private\":true}";

        HttpResponse<String> failed = send(sim, "POST", "/api/v2/tickets/" + id + "/notes", note, "application/json",
                KEY);
        assertJson(500, "{\"message\":\"We're sorry, but something went wrong.\"}", failed);
        assertThrowsIo(() -> send(sim, "POST", "/api/v2/tickets/" + id + "/notes", note, "application/json", KEY));
        assertEquals(2, sim.notes(id).size(), "both notes landed");
    }

    @Test
    void aGarbledAnswerIsCutShortAfterTheRequestWasHandled() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        sim.createTicket(TicketDraft.open("Ticket", "<p>x</p>"));
        sim.injectFault(Fault.garbled("GET", "/api/v2/tickets", 1));

        HttpResponse<String> cut = get(sim, "/api/v2/tickets?include=description");
        HttpResponse<String> whole = get(sim, "/api/v2/tickets?include=description");
        assertEquals(200, cut.statusCode());
        assertEquals(whole.body().substring(0, cut.body().length()), cut.body());
        assertTrue(cut.body().length() < whole.body().length());
    }

    @Test
    void rawRecordsAndCustomerTagsAreListedAsGiven() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(TicketDraft.open("Ticket", "<p>x</p>"));
        String deep = "[".repeat(1_500) + "]".repeat(1_500);
        sim.listRawRecord("{\"id\":\"../../x\",\"deep\":" + deep + "}");
        sim.addTag(id, "Kunde \"VIP\"");
        sim.listFieldAs(id, "tags", json.readTree("\"vip,urgent\""));

        String first = get(sim, "/api/v2/tickets").body();
        assertTrue(first.endsWith(",{\"id\":\"../../x\",\"deep\":" + deep + "}]"), "the raw record, as it is");
        assertTrue(first.contains("\"tags\":\"vip,urgent\""), first);
        assertEquals(List.of("Kunde \"VIP\""), texts(sim.ticket(id).orElseThrow().path("tags")), "stored as added");
    }

    @Test
    void theGrowthPlanAllows200CallsAMinuteAndSaysSoOnEveryAnswerBut429s() throws Exception {
        FreshdeskSimulator sim = start(SimulatorSettings::withGrowthPlanLimits);
        HttpResponse<String> answer = get(sim, "/api/v2/groups");
        assertEquals("200", answer.headers().firstValue("X-RateLimit-Total").orElseThrow());
        assertEquals("199", answer.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertEquals("1", answer.headers().firstValue("X-RateLimit-Used-CurrentRequest").orElseThrow());
        for (int i = 0; i < 199; i++) {
            assertEquals(200, get(sim, "/api/v2/groups").statusCode());
        }
        HttpResponse<String> refused = get(sim, "/api/v2/groups");
        assertEquals(429, refused.statusCode());
        assertTrue(refused.headers().map().keySet().stream().noneMatch(RATE_LIMIT_HEADERS::contains));
    }

    @Test
    void aSlowedDownSimulatorWaitsBeforeEachAnswer() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        sim.slowDown(Duration.ofMillis(300));
        long begin = System.nanoTime();
        assertEquals(200, get(sim, "/api/v2/groups").statusCode());
        assertTrue(System.nanoTime() - begin >= Duration.ofMillis(290).toNanos());
    }

    private interface IoCall {
        void run() throws Exception;
    }

    private static void assertThrowsIo(IoCall call) {
        try {
            call.run();
        } catch (IOException expected) {
            return;
        } catch (Exception other) {
            throw new AssertionError("expected a lost connection, got " + other, other);
        }
        throw new AssertionError("expected a lost connection, got an answer");
    }

    @Test
    void everyRequestIsRecordedWithItsOutcome() throws Exception {
        FreshdeskSimulator sim = start(settings -> settings);
        long id = sim.createTicket(TicketDraft.open("Ticket", "<p>x</p>"));

        get(sim, "/api/v2/tickets?per_page=5&page=1");
        send(sim, "PUT", "/api/v2/tickets/" + id, "{\"status\":3}", "application/json", KEY);
        send(sim, "GET", "/api/v2/groups", null, null, "wrong-key");
        List<RecordedRequest> recorded = sim.requests();
        sim.clearRequests();

        assertEquals(3, recorded.size());
        RecordedRequest list = recorded.get(0);
        assertEquals("GET", list.method());
        assertEquals("/api/v2/tickets", list.path());
        assertEquals("per_page=5&page=1", list.query());
        assertEquals(200, list.status());
        assertEquals(START, list.receivedAt());
        RecordedRequest update = recorded.get(1);
        assertEquals("PUT", update.method());
        assertEquals("{\"status\":3}", update.body());
        assertEquals("application/json", update.header("content-TYPE"));
        assertTrue(update.header("Authorization").startsWith("Basic "));
        assertEquals(401, recorded.get(2).status());
        assertTrue(sim.requests().isEmpty());
    }

    @Test
    void concurrentCreatesGetDistinctConsecutiveIds() {
        FreshdeskSimulator sim = start(settings -> settings);
        String body = "{\"subject\":\"Load\",\"description\":\"<p>x</p>\",\"email\":\"load@example.com\"}";

        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 40)
                .mapToObj(i -> http.sendAsync(request(sim, "POST", "/api/v2/tickets", body, "application/json", KEY),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        Set<Long> ids = responses.stream()
                .map(CompletableFuture::join)
                .map(response -> {
                    assertEquals(201, response.statusCode());
                    return body(response).path("id").asLong();
                })
                .collect(Collectors.toSet());

        assertEquals(LongStream.rangeClosed(1001, 1040).boxed().collect(Collectors.toSet()), ids);
        assertEquals(40, sim.requests().size());
        assertEquals(40, sim.tickets().size());
    }

    private FreshdeskSimulator start(UnaryOperator<SimulatorSettings> customise) {
        SimulatorSettings settings = SimulatorSettings.defaults(KEY, List.of(ACCOUNTS, BILLING, SUPPORT))
                .withClock(clock);
        FreshdeskSimulator simulator = FreshdeskSimulator.start(customise.apply(settings));
        started.add(simulator);
        return simulator;
    }

    private HttpResponse<String> get(FreshdeskSimulator sim, String pathAndQuery) throws IOException,
            InterruptedException {
        return send(sim, "GET", pathAndQuery, null, null, KEY);
    }

    private HttpResponse<String> sendTo(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", basic(KEY)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @param key the API key to authenticate with, or null for an anonymous request */
    private HttpResponse<String> send(FreshdeskSimulator sim, String method, String pathAndQuery, String body,
                                      String contentType, String key) throws IOException, InterruptedException {
        return http.send(request(sim, method, pathAndQuery, body, contentType, key),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(FreshdeskSimulator sim, String method, String pathAndQuery, String body,
                                       String contentType, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (key != null) {
            builder.header("Authorization", basic(key));
        }
        return builder.build();
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":X").getBytes(StandardCharsets.UTF_8));
    }

    private void assertJson(int status, String expectedBody, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(body(expectedBody), body(response));
    }

    private JsonNode body(HttpResponse<String> response) {
        return body(response.body());
    }

    private JsonNode body(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private List<Long> ids(HttpResponse<String> response) {
        JsonNode array = body(response);
        assertTrue(array.isArray(), response.body());
        return StreamSupport.stream(array.spliterator(), false).map(item -> item.path("id").asLong()).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Optional<String> nextLink(HttpResponse<String> response) {
        return response.headers().firstValue("Link").map(link -> {
            Matcher matcher = NEXT_LINK.matcher(link);
            assertTrue(matcher.matches(), link);
            return matcher.group(1);
        });
    }
}
