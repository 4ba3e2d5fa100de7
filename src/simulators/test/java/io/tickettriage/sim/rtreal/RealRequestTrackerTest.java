package io.tickettriage.sim.rtreal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.sim.DemoDesk;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedTicket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The harness against a real RT 5: a fresh instance per test, the agent's view of a ticket, and the proxy's
 * recording, counting and faults, each compared with what RT itself does. Skipped, with the reason, where RT is not
 * installed.
 */
class RealRequestTrackerTest {

    private final ObjectMapper json = new ObjectMapper();
    private RealRequestTracker rt;

    @AfterAll
    static void reportSetup() {
        // JUnit runs this even when needsRt() skipped the class.
        if (!RtInstallation.missing().isEmpty()) {
            return;
        }
        System.out.printf("RT's pristine database (once per JVM): set up in %s s%n",
                RealRt.seconds(RealRt.shared().setupTime()));
    }

    /** Per test: Surefire reports a class skipped in its {@code @BeforeAll} as no tests, without the reason. */
    @BeforeEach
    void start() {
        List<String> missing = RtInstallation.missing();
        assumeTrue(missing.isEmpty(), () -> RtInstallation.whyUnavailable(missing));
        rt = RealRequestTracker.start();
    }

    @AfterEach
    void stop() {
        if (rt != null) {
            System.out.printf("RT for this test: started in %s s, waited for %s s%n", RealRt.seconds(rt.startTime()),
                    RealRt.seconds(rt.waitedForStart()));
            rt.close();
        }
    }

    /** A client of its own for each request, so that no request of a test rides on a connection a fault closed. */
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A request through the proxy, as the adapter sends it. */
    private HttpResponse<String> send(String method, String pathAndQuery, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rt.baseUrl() + "/REST/2.0" + pathAndQuery))
                .header("Authorization", "token " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body)
            throws IOException, InterruptedException {
        return send(method, pathAndQuery, body, rt.adapterProperties().get("rt.token"));
    }

    /**
     * The search on a socket of its own, the answer as it came: HTTP clients send a GET again by themselves when the
     * connection closes without an answer.
     */
    private byte[] rawSearch() throws IOException {
        URI proxy = URI.create(rt.baseUrl());
        try (Socket socket = new Socket(proxy.getHost(), proxy.getPort())) {
            socket.getOutputStream().write(("GET /REST/2.0/tickets?query=" + URLEncoder.encode("Status='new'",
                    StandardCharsets.UTF_8) + " HTTP/1.1\r\nHost: " + proxy.getAuthority() + "\r\nAuthorization: token "
                    + rt.adapterProperties().get("rt.token") + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return socket.getInputStream().readAllBytes();
        }
    }

    private HttpResponse<String> search() throws IOException, InterruptedException {
        return send("GET", "/tickets?query=" + URLEncoder.encode("Queue='General' AND Status='new'",
                StandardCharsets.UTF_8) + "&fields=Subject,LastUpdated,CustomFields&orderby=id", null);
    }

    @Test
    void aFreshRtTakesAWriteThroughTheProxyAndShowsItToTheAgent() throws Exception {
        assertEquals("1", rt.createTicket("Cannot sign in", "The reset mail never arrives."),
                "a fresh database: its first ticket");
        String other = rt.createTicket("Invoice", "Charged twice");
        assertTrue(rt.requests().isEmpty(), "what the agent does is not recorded");

        HttpResponse<String> page = search();
        assertEquals(200, page.statusCode(), page.body());
        JsonNode items = json.readTree(page.body()).path("items");
        assertEquals(List.of("1", other), List.of(items.get(0).path("id").asText(), items.get(1).path("id").asText()));
        assertTrue(items.get(0).path("_url").asText().startsWith(rt.baseUrl()), "RT's links lead to the proxy: "
                + items.get(0));

        // RT answers a comment with 201 Created.
        assertEquals(201, send("POST", "/ticket/1/comment",
                "{\"Subject\":\"ticket-triage\",\"Content\":\"queue: billing (84%)\",\"ContentType\":\"text/plain\"}")
                .statusCode());
        HttpResponse<String> update = send("PUT", "/ticket/1",
                "{\"Queue\":\"Billing & Payments\",\"Priority\":100,\"CustomFields\":{\"Triage\":[\"triaged\"]}}");
        assertEquals(200, update.statusCode(), update.body());
        assertEquals(200, send("PUT", "/ticket/" + other, "{\"CustomFields\":{\"Triage\":[\"vip\"]}}").statusCode());

        SimulatedTicket ticket = rt.ticket("1");
        assertEquals(Optional.of("Billing & Payments"), ticket.queue());
        assertEquals("100", ticket.priority());
        assertEquals(List.of("triaged"), ticket.tags());
        assertEquals(List.of(new SimulatedTicket.SimulatedNote("queue: billing (84%)", true)), ticket.notes());
        assertEquals(Map.of("1", 1), rt.updatesByTicket(), "the marker-only update is no queue or priority write");
        assertEquals(1, rt.pagesServed());
        assertEquals(4, rt.requests().size());
    }

    @Test
    void theAgentsActionsChangeTheTicketInRt() {
        String id = rt.createTicket("Broken", "It broke.");
        rt.addCustomerTag(id, "vip");
        rt.addCustomerTag(id, "Urgent Customer");
        rt.agentRoutes(id, DemoDesk.QUEUES.get(0), "50");
        assertEquals(new SimulatedTicket(id, Optional.of(DemoDesk.QUEUES.get(0)), "50",
                List.of("Urgent Customer", "vip"), List.of()), sortedTags(rt.ticket(id)));

        rt.returnToIncoming(id);
        assertEquals(new SimulatedTicket(id, Optional.of("General"), "50", List.of(), List.of()), rt.ticket(id));
        rt.agentCloses(id);
        assertThrows(IllegalStateException.class, () -> rt.agentRoutes(id, "No Such Queue", "0"),
                "RT's refusal, which it answers with 200, is an error for a test");
        assertEquals(Map.of(), rt.updatesByTicket());
    }

    private static SimulatedTicket sortedTags(SimulatedTicket ticket) {
        return new SimulatedTicket(ticket.id(), ticket.queue(), ticket.priority(),
                ticket.tags().stream().sorted().toList(), ticket.notes());
    }

    @Test
    void aLostAnswerLeavesTheWriteInRtAndOtherFaultsNeverReachIt() throws Exception {
        String id = rt.createTicket("Printer", "Out of toner");
        rt.faultWrites(SimulatedHelpDesk.WritePart.NOTE, Fault.Kind.APPLIED_THEN_FAILED, 502, 1);
        rt.faultWrites(SimulatedHelpDesk.WritePart.FIELDS, Fault.Kind.STATUS, 429, 1);
        rt.faultWrites(SimulatedHelpDesk.WritePart.FIELDS, Fault.Kind.APPLIED_THEN_FAILED, 0, 1);
        rt.faultPages(Fault.Kind.RESET, 0, 1);
        rt.faultPages(Fault.Kind.GARBLED, 0, 1);

        HttpResponse<String> comment = send("POST", "/ticket/" + id + "/comment",
                "{\"Content\":\"note\",\"ContentType\":\"text/plain\"}");
        assertEquals(502, comment.statusCode());
        assertEquals(1, rt.ticket(id).notes().size(), "the comment landed before its answer was lost");

        HttpResponse<String> limited = send("PUT", "/ticket/" + id, "{\"Priority\":50}");
        assertEquals(429, limited.statusCode());
        assertEquals(Optional.of("1"), limited.headers().firstValue("Retry-After"));
        assertEquals("0", rt.ticket(id).priority(), "a 429 never reaches RT");

        assertThrows(IOException.class, () -> send("PUT", "/ticket/" + id, "{\"Priority\":50}"),
                "the connection is closed after RT applied the update");
        assertEquals("50", rt.ticket(id).priority());
        assertEquals(Map.of(id, 1), rt.updatesByTicket(), "applied, so counted, though its answer was lost");

        assertEquals(0, rawSearch().length, "the connection is closed without an answer");
        HttpResponse<String> cut = search();
        assertEquals(200, cut.statusCode());
        assertThrows(IOException.class, () -> json.readTree(cut.body()), "the page is cut short: " + cut.body());
        assertEquals(200, search().statusCode());
        assertEquals(2, rt.pagesServed(), "the reset page was not served");
        assertEquals(List.of(502, 429, 0, 0, 200, 200), rt.requests().stream().map(r -> r.status()).toList());
    }

    @Test
    void refusalsLookAsRtsOwn() throws Exception {
        String id = rt.createTicket("Moving", "Please move me");
        // RT itself refuses a move to a queue that does not exist with 200, and makes the update's other changes.
        HttpResponse<String> real = send("PUT", "/ticket/" + id,
                "{\"Queue\":\"Closed Queue\",\"CustomFields\":{\"Triage\":[\"triaged\"]}}");
        assertEquals(200, real.statusCode());
        assertEquals("Ticket " + id + ": Queue Closed Queue does not exist", json.readTree(real.body()).get(0).asText());
        assertEquals(List.of("triaged"), rt.ticket(id).tags(), "RT makes the other changes of an update it refuses");
        rt.returnToIncoming(id);

        rt.rejectNextUpdate(id);
        HttpResponse<String> injected = send("PUT", "/ticket/" + id,
                "{\"Queue\":\"Sales\",\"CustomFields\":{\"Triage\":[\"triaged\"]}}");
        assertEquals(403, injected.statusCode(), "as RT refuses an update of a ticket the user may not see");
        assertEquals("{\"message\":\"Forbidden\"}", injected.body());
        assertEquals(new SimulatedTicket(id, Optional.of("General"), "0", List.of(), List.of()), rt.ticket(id),
                "nothing of it was applied");
        assertEquals(Map.of(), rt.updatesByTicket(), "a refused update is no write");
        assertEquals(200, send("PUT", "/ticket/" + id, "{\"Queue\":\"Sales\"}").statusCode(), "only the next one");

        HttpResponse<String> unknownToken = send("GET", "/ticket/" + id, null, "1-99-0123456789abcdef");
        rt.revokeCredentials();
        HttpResponse<String> revoked = send("GET", "/ticket/" + id, null);
        assertEquals(401, unknownToken.statusCode());
        assertEquals(unknownToken.statusCode(), revoked.statusCode());
        assertEquals(unknownToken.body(), revoked.body());
        assertEquals(unknownToken.headers().firstValue("Content-Type"), revoked.headers().firstValue("Content-Type"));
        rt.restoreCredentials();
        assertEquals(200, send("GET", "/ticket/" + id, null).statusCode());
    }

    @Test
    void listingsCanBeGarbledAndCarryRawRecordsWithoutTouchingRt() throws Exception {
        String first = rt.createTicket("One", "1");
        String second = rt.createTicket("Two", "2");
        rt.garbleInListings(second);
        rt.listRawRecord("{\"id\":\"../../x\",\"type\":\"ticket\"}");

        JsonNode items = json.readTree(search().body()).path("items");
        assertEquals(List.of("../../x", first, second), List.of(items.get(0).path("id").asText(),
                items.get(1).path("id").asText(), items.get(2).path("id").asText()));
        assertEquals("yesterday", items.get(2).path("LastUpdated").asText());
        assertTrue(items.get(1).path("LastUpdated").asText().endsWith("Z"), items.get(1).toString());
        assertEquals(200, send("GET", "/ticket/" + second, null).statusCode(), "the ticket itself is readable");
    }

    @Test
    void closingStopsRtAndTheNextTestGetsAFreshOne() throws Exception {
        rt.createTicket("Left behind", "by an earlier test");
        URI own = rt.rtUrl();
        rt.close();
        rt = null;
        HttpRequest probe = HttpRequest.newBuilder(own.resolve("/REST/2.0/rt")).build();
        assertThrows(ConnectException.class, () -> client().send(probe, HttpResponse.BodyHandlers.discarding()),
                "nothing listens on RT's port any more");
        assertFalse(ProcessHandle.current().descendants().anyMatch(process -> process.info().commandLine()
                .orElse("").contains("127.0.0.1:" + own.getPort())), "no process of that RT is left");

        rt = RealRequestTracker.start();
        assertEquals("1", rt.createTicket("First", "of a fresh RT"));
        assertTrue(rt.startTime().compareTo(Duration.ZERO) > 0);
    }
}
