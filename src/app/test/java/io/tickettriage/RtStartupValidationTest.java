package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.sim.MutableClock;
import io.tickettriage.sim.rt.RtSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Request Tracker misconfiguration stops startup with one line that names what to fix: a wrong URL, refused
 * credentials, a queue or custom field RT does not have.
 */
class RtStartupValidationTest {

    private static final String TOKEN = "1-12-" + "5e".repeat(16);
    private static final String PASSWORD = "rt-startup-pw-4a7c";

    @TempDir
    Path state;
    RtSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = RtSimulator.start(0, new MutableClock(Instant.now()), TOKEN, "triage", PASSWORD);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void noCredentials() {
        assertStartupFails(Map.of("rt.token", ""), "rt.token: RT credentials are missing: set RT_TOKEN (or "
                + "RT_TOKEN_FILE), or rt.user and RT_PASSWORD (or RT_PASSWORD_FILE)");
    }

    @Test
    void aWrongTokenAndAWrongPassword() {
        assertStartupFails(Map.of("rt.token", "1-12-not-the-token"), "RT at " + simulator.baseUrl() + " refused an "
                + "auth token (HTTP 401); check RT_TOKEN or RT_TOKEN_FILE (an auth token of the RT user, which must "
                + "be enabled and privileged)");
        assertStartupFails(Map.of("rt.token", "", "rt.user", "triage", "rt.password", "wrong"), "RT at "
                + simulator.baseUrl() + " refused user triage (HTTP 401); check rt.user and RT_PASSWORD or "
                + "RT_PASSWORD_FILE");
    }

    @Test
    void theTokenWinsOverTheLoginAndBothMayComeFromFiles() throws Exception {
        Path token = Files.writeString(state.resolve("token"), TOKEN + "\n");
        startAndStop(Map.of("rt.token", "", "rt.token-file", token.toString(), "rt.user", "triage",
                "rt.password", "wrong"));
        Path password = Files.writeString(state.resolve("password"), PASSWORD + "\n");
        startAndStop(Map.of("rt.token", "", "rt.user", "triage", "rt.password-file", password.toString()));
    }

    @Test
    void anUnreachableRtIsNamedAfterTheRetries() {
        String gone = simulator.baseUrl();
        simulator.close();
        String problem = startupFailure(Map.of());
        assertTrue(problem.startsWith("cannot reach RT at " + gone + " while asking RT for its version"), problem);
        assertTrue(problem.endsWith("check rt.base-url"), problem);
    }

    @Test
    void aUrlThatIsNoRtWebRoot() {
        assertStartupFails(Map.of("rt.base-url", "ftp://rt.example.com"), "rt.base-url must be RT's http(s) web "
                + "root, e.g. https://rt.example.com, was 'ftp://rt.example.com'");
        assertStartupFails(Map.of("rt.base-url", simulator.baseUrl() + "/REST/2.0"), "rt.base-url must be RT's web "
                + "root without /REST/2.0, was '" + simulator.baseUrl() + "/REST/2.0'");
        assertStartupFails(Map.of("rt.base-url", simulator.baseUrl() + "/rt"), "rt.base-url gives "
                + simulator.baseUrl() + "/rt, which has no /REST/2.0/rt (HTTP 404): is it RT's web root (without "
                + "/REST/2.0), and RT 4.4 or later with REST2?");
    }

    @Test
    void everyQueueNamedIsOneRtHas() {
        assertStartupFails(Map.of("rt.select.queues", "General, Genral"), "rt.select.queues names the queue "
                + "'Genral', which this RT does not have (or the RT user may not see it: it needs SeeQueue there)");
        assertStartupFails(Map.of("rt.review-queue", "Review"), "rt.review-queue names the queue 'Review', which "
                + "this RT does not have (or the RT user may not see it: it needs SeeQueue there)");
        assertStartupFails(Map.of("rt.queue-mapping", RunningTriage.shippedMappingWith("rt.queue-mapping", "sales",
                "Presales")),
                "rt.queue-mapping for 'sales' names the queue 'Presales', which this RT does not have (or the RT "
                        + "user may not see it: it needs SeeQueue there)");
    }

    @Test
    void theCustomFieldsAreOnesRtHas() {
        assertStartupFails(Map.of("rt.custom-field.marker", "Triaged"), "rt.custom-field.marker names the custom "
                + "field 'Triaged', which this RT does not have as a ticket custom field (or the RT user may not see "
                + "it: it needs SeeCustomField); create it (Admin > Custom Fields, applies to tickets, applied to the "
                + "queues), or set rt.custom-field.marker empty to do without");
        assertStartupFails(Map.of("rt.custom-field.marker", RtSimulator.CONFIDENCE_FIELD), "rt.custom-field.marker "
                + "names the custom field 'Triage confidence', which takes 1 value(s); the marker needs one that "
                + "takes several (Freeform, \"Enter multiple values\"), so that it keeps the values others put there");
        startAndStop(Map.of("rt.custom-field.marker", "", "rt.custom-field.confidence", ""));
    }

    @Test
    void fetchSettingsAreCheckedAtTheStartNotOnTheFirstPoll() {
        assertStartupFails(Map.of("rt.page-size", "500"), "rt.page-size must be 1..100, was 500");
        assertStartupFails(Map.of("rt.time-zone", "Mars/Olympus"), "rt.time-zone must be a time zone such as UTC "
                + "or Europe/Berlin (the RT user's time zone, else RT's $Timezone), was 'Mars/Olympus'");
    }

    @Test
    void theReviewFallbackNeedsAReviewQueue() {
        assertStartupFails(Map.of("rt.review-queue", ""), "triage.queue.fallback is 'review' but rt.review-queue is "
                + "not set: name the RT queue that reviews uncertain tickets, or set triage.queue.fallback=unchanged");
    }

    @Test
    void theSecretsNeverReachTheMessages() {
        String problem = startupFailure(Map.of("rt.select.queues", "Genral"));
        assertFalse(problem.contains(TOKEN), problem);
    }

    private void startAndStop(Map<String, String> overrides) {
        Main main = TriageRuntime.create(properties(overrides), Clock.systemUTC());
        try {
            main.start();
        } finally {
            main.stop();
        }
    }

    private void assertStartupFails(Map<String, String> overrides, String expected) {
        assertEquals(expected, startupFailure(overrides));
    }

    private String startupFailure(Map<String, String> overrides) {
        Main main = TriageRuntime.create(properties(overrides), Clock.systemUTC());
        Exception failure = assertThrows(Exception.class, main::start);
        main.stop();
        return TicketTriageApplication.startupProblem(failure);
    }

    private Map<String, String> properties(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "triage.helpdesk", "rt",
                "rt.base-url", simulator.baseUrl(),
                "rt.token", TOKEN,
                "triage.state.directory", state.toString(),
                "triage.retry.delay-ms", "20",
                "camel.management.enabled", "false"));
        properties.putAll(overrides);
        return properties;
    }
}
