package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.sim.Fault;
import io.tickettriage.sim.zammad.SimulatedZammad;
import io.tickettriage.sim.zammad.ZammadSettings;
import io.tickettriage.sim.zammad.ZammadSimulator;
import io.tickettriage.sim.zammad.ZammadTicketDraft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Zammad misconfiguration stops startup with one line that names the key to fix. */
class ZammadStartupValidationTest {

    private static final String TOKEN = "zammad-startup-token-88d1";

    @TempDir
    Path state;
    ZammadSimulator simulator;

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void noCredentials() {
        start(s -> s);
        assertStartupFails(Map.of("zammad.api-token", ""), "Zammad credentials are not set: set ZAMMAD_API_TOKEN (or "
                + "ZAMMAD_API_TOKEN_FILE), or ZAMMAD_USERNAME and ZAMMAD_PASSWORD (or ZAMMAD_PASSWORD_FILE)");
    }

    @Test
    void aLoginWithoutPassword() {
        start(s -> s);
        assertStartupFails(Map.of("zammad.api-token", "", "zammad.username", "agent@example.com"),
                "zammad.password is not set: set ZAMMAD_PASSWORD, or ZAMMAD_PASSWORD_FILE to a file that holds it");
    }

    @Test
    void aWrongTokenAndAWrongPassword() {
        start(s -> s.withBasicLogin("agent@example.com", "right"));
        assertStartupFails(Map.of("zammad.api-token", "not-the-token"), "Zammad at " + simulator.baseUrl()
                + " rejected the API token (HTTP 401: Can't find User for Token); check ZAMMAD_API_TOKEN");
        assertStartupFails(Map.of("zammad.api-token", "", "zammad.username", "agent@example.com",
                "zammad.password", "wrong"), "Zammad at " + simulator.baseUrl() + " rejected the login (HTTP 401: "
                + "Invalid BasicAuth credentials); check ZAMMAD_USERNAME and ZAMMAD_PASSWORD");
    }

    @Test
    void zammadRefusingTheAccountWith403IsARefusalButNotAuthorizedForGroupsIsNot() {
        start(s -> s.withGroupsListable(false));
        simulator.disableTokenAccess(true);
        assertStartupFails(Map.of(), "Zammad at " + simulator.baseUrl() + " rejected the API token (HTTP 403: API "
                + "token access disabled!); check ZAMMAD_API_TOKEN");
    }

    @Test
    void anUnreachableZammadIsNamedAfterTheRetries() {
        start(s -> s);
        ZammadSimulator stopped = ZammadSimulator.start(ZammadSettings.defaults(TOKEN, SimulatedZammad.DEMO_GROUPS));
        String gone = stopped.baseUrl();
        stopped.close();
        Main main = TriageRuntime.create(properties(Map.of("zammad.base-url", gone)), Clock.systemUTC());
        Exception failure = assertThrows(Exception.class, main::start);
        main.stop();
        String problem = TicketTriageApplication.startupProblem(failure);
        assertTrue(problem.startsWith("cannot reach Zammad at " + gone + " while reading the ticket priorities"),
                problem);
        assertTrue(problem.endsWith("check zammad.base-url"), problem);
    }

    @Test
    void fetchSettingsAreCheckedAtTheStartNotOnTheFirstPoll() {
        start(s -> s);
        assertStartupFails(Map.of("zammad.search.overlap", "2 minutes"), "zammad.search.overlap must be an ISO-8601 "
                + "duration such as PT2M, was '2 minutes'");
        assertStartupFails(Map.of("zammad.page-size", "500"), "zammad.page-size must be 1..200, was 500");
    }

    @Test
    void theTokenFromAFile() throws Exception {
        start(s -> s);
        Path secret = Files.writeString(state.resolve("token"), TOKEN + "\n");
        Main main = TriageRuntime.create(properties(Map.of("zammad.api-token", "",
                "zammad.api-token-file", secret.toString())), Clock.systemUTC());
        main.start();
        main.stop();
    }

    @Test
    void notAZammadUrl() {
        start(s -> s);
        assertStartupFails(Map.of("zammad.base-url", "ftp://zammad.example.com"),
                "zammad.base-url gives 'ftp://zammad.example.com', which is not an http(s) URL with a host");
        assertStartupFails(Map.of("zammad.base-url", simulator.baseUrl() + "/api/v1"), "Zammad at "
                + simulator.baseUrl() + "/api/v1 has no /api/v1/ticket_priorities (HTTP 404); is zammad.base-url "
                + "really a Zammad (without /api/v1)?");
    }

    @Test
    void anUnmappedLabel() {
        start(s -> s);
        assertStartupFails(Map.of("zammad.queue-mapping", RunningTriage.shippedMappingWith("zammad.queue-mapping",
                "billing", null)), "model label 'billing' is not mapped: add billing=<Zammad value> to "
                + "zammad.queue-mapping in config/application.properties");
    }

    @Test
    void namesZammadDoesNotHave() {
        start(s -> s);
        assertStartupFails(Map.of("zammad.priority-mapping", RunningTriage.shippedMappingWith(
                "zammad.priority-mapping", "high", "3 hihg")), "zammad.priority-mapping for 'high' names the priority "
                + "'3 hihg', which this Zammad does not have; its priorities are [1 low, 2 normal, 3 high]");
        assertStartupFails(Map.of("zammad.select.states", "new, opne"), "zammad.select.states names the state "
                + "'opne', which this Zammad does not have; its states are [new, open, pending reminder, closed, "
                + "merged, removed, pending close]");
        assertStartupFails(Map.of("zammad.queue-mapping", RunningTriage.shippedMappingWith("zammad.queue-mapping",
                "sales", "Salez")), "zammad.queue-mapping for 'sales' names the group 'Salez', "
                + "which this Zammad does not have; its groups are " + SimulatedZammad.DEMO_GROUPS);
        assertStartupFails(Map.of("zammad.review-group", "Review"), "zammad.review-group names the group 'Review', "
                + "which this Zammad does not have; its groups are " + SimulatedZammad.DEMO_GROUPS);
    }

    @Test
    void withoutPermissionToListGroupsTheStartWarnsAndGoesOn() throws Exception {
        start(s -> s.withGroupsListable(false));
        try (LogCapture log = LogCapture.start()) {
            Main main = TriageRuntime.create(properties(Map.of("zammad.queue-mapping",
                    RunningTriage.shippedMappingWith("zammad.queue-mapping", "sales", "Salez"))), Clock.systemUTC());
            main.start();
            main.stop();
            assertTrue(log.text().contains("the user may not list groups (that needs admin.group before Zammad 6.5)"),
                    log.text());
        }
    }

    @Test
    void aZammadWithoutElasticsearchIsReported() throws Exception {
        start(s -> s.withElasticsearch(false));
        long id = simulator.createTicket(ZammadTicketDraft.web("Exists", "b"));
        try (LogCapture log = LogCapture.start()) {
            Main main = TriageRuntime.create(properties(Map.of()), Clock.systemUTC());
            main.start();
            main.stop();
            assertTrue(log.text().contains("Zammad's ticket search does not find ticket " + id + ", which exists"),
                    log.text());
        }
    }

    @Test
    void aSearchThatFailsAtStartIsOnlyAWarning() throws Exception {
        start(s -> s);
        simulator.createTicket(ZammadTicketDraft.web("Exists", "b"));
        // More often than the retries reach (three by default).
        simulator.injectFault(new Fault("GET", "/api/v1/tickets/search", 500, 0, 4));
        try (LogCapture log = LogCapture.start()) {
            Main main = TriageRuntime.create(properties(Map.of()), Clock.systemUTC());
            main.start();
            main.stop();
            assertTrue(log.text().contains("Zammad: could not check that the ticket search works"), log.text());
        }
    }

    @Test
    void theReviewFallbackNeedsAReviewGroup() {
        start(s -> s);
        assertStartupFails(Map.of("zammad.review-group", ""), "triage.queue.fallback is 'review' but "
                + "zammad.review-group is not set: name the Zammad group that reviews uncertain tickets, or set "
                + "triage.queue.fallback=unchanged");
    }

    private void start(UnaryOperator<ZammadSettings> settings) {
        simulator = ZammadSimulator.start(settings.apply(ZammadSettings.defaults(TOKEN, SimulatedZammad.DEMO_GROUPS)));
    }

    private void assertStartupFails(Map<String, String> overrides, String expected) {
        Main main = TriageRuntime.create(properties(overrides), Clock.systemUTC());
        Exception failure = assertThrows(Exception.class, main::start);
        main.stop();
        assertEquals(expected, TicketTriageApplication.startupProblem(failure));
    }

    private Map<String, String> properties(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "triage.helpdesk", "zammad",
                "zammad.base-url", simulator.baseUrl(),
                "zammad.api-token", TOKEN,
                "triage.state.directory", state.toString(),
                "triage.retry.delay-ms", "20",
                "camel.management.enabled", "false"));
        properties.putAll(overrides);
        return properties;
    }
}
