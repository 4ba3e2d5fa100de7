package io.tickettriage.adapter;

import io.tickettriage.triage.HelpDeskApiException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.tickettriage.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared retry, refusal and guard rules, against a scripted local HTTP server, through the
 * help-desk-request-action Kamelet of a plain Camel context (whose HttpClient would otherwise retry a 429 itself).
 */
class HelpDeskHttpTest {

    /** One scripted answer: a status, headers and a body, or a dropped connection (status 0). */
    private record Scripted(int status, String header, String value, String body) {
        static Scripted ok(String body) {
            return new Scripted(200, null, null, body);
        }

        static Scripted status(int status) {
            return new Scripted(status, null, null, "{\"message\":\"no\"}");
        }
    }

    private final Deque<Scripted> script = new ArrayDeque<>();
    private final AtomicInteger received = new AtomicInteger();
    private final List<Duration> waits = new ArrayList<>();
    private HttpServer server;
    private CamelContext camel;
    private HelpDeskHttp http;

    @BeforeEach
    void start() throws IOException {
        camel = new DefaultCamelContext();
        camel.start();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            Scripted answer;
            synchronized (script) {
                answer = script.isEmpty() ? Scripted.ok("[]") : script.poll();
            }
            if (answer.status() == 0) {
                exchange.close();
                return;
            }
            if (answer.header() != null) {
                exchange.getResponseHeaders().add(answer.header(), answer.value());
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        HelpDeskHttp.Desk desk = new HelpDeskHttp.Desk("Testdesk", request -> request.withHeader("Authorization",
                "Token secret"), body -> body.contains("no") ? "no" : "", "check TESTDESK_TOKEN", text -> text);
        http = new HelpDeskHttp(camel, desk, "http://127.0.0.1:" + server.getAddress().getPort(),
                new HttpPolicy(2, 2, Duration.ofMillis(10), Duration.ofSeconds(30), Duration.ofSeconds(5)),
                HelpDeskHttp.Pacer.NONE, waits::add);
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.stop(0);
    }

    private void answer(Scripted... answers) {
        synchronized (script) {
            script.addAll(List.of(answers));
        }
    }

    private String get() {
        return http.send(HelpDeskHttp.Request.get(http.baseUrl() + "/tickets", "listing tickets"), answer -> {
            JsonRecords.split(answer.body(), null, "id");
            return answer.body();
        });
    }

    @Test
    void aRateLimitWaitsAsAskedWithoutUsingUpTheServerErrorRetries() {
        answer(Scripted.status(500), new Scripted(429, "Retry-After", "7", "{}"), new Scripted(429, "Retry-After",
                "3", "{}"), Scripted.status(503), Scripted.ok("[1]"));

        assertEquals("[1]", get());

        assertEquals(5, received.get());
        assertTrue(waits.contains(Duration.ofSeconds(7)) && waits.contains(Duration.ofSeconds(3)),
                "the Retry-After waits were honoured: " + waits);
    }

    @Test
    void aRetriedReadFetchesAgainInsteadOfReReadingTheSameAnswer() {
        answer(Scripted.ok("[{\"id\":"), Scripted.ok("[{\"id\":1}]"));

        assertEquals("[{\"id\":1}]", get());
        assertEquals(2, received.get(), "the garbled page was fetched again");
    }

    @Test
    void aRetryWarningThatQuotesTheAnswerIsRidOfPersonalDataUnlessRedactionIsOff() {
        String iban = "DE89370400440532013000";
        answer(Scripted.ok(iban + " was charged twice"), Scripted.ok("[1]"),
                Scripted.ok(iban + " was charged twice"), Scripted.ok("[1]"));
        HelpDeskHttp unredacted = new HelpDeskHttp(camel, new HelpDeskHttp.Desk("Testdesk", request -> request,
                body -> "", "check TESTDESK_TOKEN", text -> text), http.baseUrl(), new HttpPolicy(2, 2,
                Duration.ofMillis(10), Duration.ofSeconds(30), Duration.ofSeconds(5), new LogRedaction(false, "")),
                HelpDeskHttp.Pacer.NONE, waits::add);

        String redacted;
        String kept;
        try (LogCapture log = LogCapture.start()) {
            assertEquals("[1]", get());
            redacted = log.text();
        }
        try (LogCapture log = LogCapture.start()) {
            assertEquals("[1]", unredacted.send(HelpDeskHttp.Request.get(http.baseUrl() + "/tickets",
                    "listing tickets"), answer -> {
                        JsonRecords.split(answer.body(), null, "id");
                        return answer.body();
                    }));
            kept = log.text();
        }

        assertTrue(redacted.contains("the answer is not JSON: Unrecognized token '[IBAN]'"), redacted);
        assertFalse(redacted.contains(iban), redacted);
        assertTrue(kept.contains(iban), "the help desk's words as they came: " + kept);
    }

    @Test
    void serverErrorsBeyondTheRetriesAreUnavailableForNow() {
        answer(Scripted.status(500), Scripted.status(502), Scripted.status(500));

        HelpDeskApiException e = assertThrows(HelpDeskApiException.class, this::get);

        assertTrue(e.isUnavailable());
        assertEquals(3, received.get(), "the first try and two retries");
        assertTrue(e.getMessage().contains("3 times in a row"), e.getMessage());
    }

    @Test
    void refusedCredentialsStopEveryCallUntilTheNextPoll() {
        answer(Scripted.status(401));

        HelpDeskApiException first = assertThrows(HelpDeskApiException.class, this::get);
        HelpDeskApiException second = assertThrows(HelpDeskApiException.class, this::get);

        assertTrue(first.isRefusedCredentials());
        assertTrue(first.getMessage().contains("check TESTDESK_TOKEN"), first.getMessage());
        assertEquals(first, second);
        assertEquals(1, received.get(), "nothing more was sent with the refused credentials");
        assertTrue(!first.getMessage().contains("secret"), "the token is not in the message");

        http.reopen();
        assertEquals("[]", get());
        assertEquals(2, received.get());
    }

    @Test
    void aForbiddenWriteRejectsThatTicketOnly() {
        answer(Scripted.status(403));

        HelpDeskApiException e = assertThrows(HelpDeskApiException.class, () -> http.send(
                HelpDeskHttp.Request.json("PUT", http.baseUrl() + "/tickets/1", "{}", "updating ticket 1"),
                answer -> true));

        assertTrue(e.isRejected());
        assertEquals("[]", get(), "the client stays open");
    }

    @Test
    void aWriteWhoseAnswerWasLostIsLookedForBeforeItIsSentAgain() {
        answer(new Scripted(0, null, null, ""), Scripted.status(500));
        AtomicInteger lookups = new AtomicInteger();

        boolean result = http.send(HelpDeskHttp.Request.json("POST", http.baseUrl() + "/notes", "{}", "the note"),
                answer -> false, () -> lookups.incrementAndGet() == 2 ? Optional.of(true) : Optional.empty());

        assertTrue(result, "the guard found the note the second time it looked");
        assertEquals(2, received.get(), "sent after the reset, not after the note was found");
        assertEquals(2, lookups.get());
    }

    @Test
    void aDeskCanSayThatA403ToOneTicketRefusesTheWholeAccount() {
        HelpDeskHttp strict = new HelpDeskHttp(camel, new HelpDeskHttp.Desk("Testdesk", request -> request, body -> "",
                "check TESTDESK_TOKEN", text -> text, answer -> answer.body().contains("disabled")),
                http.baseUrl(), new HttpPolicy(0, 0, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5)),
                HelpDeskHttp.Pacer.NONE, waits::add);
        answer(new Scripted(403, null, null, "{\"error\":\"API token access disabled!\"}"));

        HelpDeskApiException e = assertThrows(HelpDeskApiException.class, () -> strict.send(
                HelpDeskHttp.Request.json("PUT", strict.baseUrl() + "/tickets/1", "{}", "updating ticket 1"),
                answer -> true));

        assertTrue(e.isRefusedCredentials());
        assertThrows(HelpDeskApiException.class, () -> strict.send(HelpDeskHttp.Request.get(strict.baseUrl()
                + "/tickets", "listing tickets"), answer -> true));
        assertEquals(1, received.get(), "the client closed: nothing more was sent");
    }
}
