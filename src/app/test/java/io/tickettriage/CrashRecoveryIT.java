package io.tickettriage;

import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing written twice, across a hard crash: the packaged jar is killed with SIGKILL in the middle of
 * a batch, started again on the same state directory, and every ticket ends up written exactly once.
 */
class CrashRecoveryIT {

    private static final String API_KEY = "crash-test-key-5e0b";

    @TempDir
    Path work;

    /** Where the two runs keep their state, as the environment tells the jar: here the state directory. */
    Map<String, String> stateEnvironment() {
        return Map.of("TRIAGE_STATE_DIRECTORY", work.resolve("state").toString());
    }

    /** Whether a watermark was committed. */
    boolean watermarkCommitted() {
        return Files.exists(work.resolve("state/freshdesk.watermark"));
    }

    @Test
    void killedMidBatchThenRestartedWritesEveryTicketExactlyOnce() throws Exception {
        try (FreshdeskSimulator simulator = FreshdeskSimulator.start(
                SimulatorSettings.defaults(API_KEY, SimulatedFreshdesk.demoGroups()))) {
            List<Long> ids = TestTickets.seed(simulator, 30);
            long stuck = ids.get(14);
            // The 15th update is rate-limited for a minute: the process sits in the client's Retry-After wait, mid-batch.
            simulator.injectFault(new Fault("PUT", "/api/v2/tickets/" + stuck, 429, 60, 1));

            Process first = start(simulator, "first.log");
            waitFor(Duration.ofSeconds(60), () -> simulator.requests().stream()
                    .anyMatch(r -> r.status() == 429), first, "first.log");
            first.destroyForcibly().waitFor();

            assertFalse(watermarkCommitted(), "the crashed batch was not committed");
            assertTrue(successfulPuts(simulator).size() >= 14, "the first run got through part of the batch");
            assertFalse(successfulPuts(simulator).containsKey(stuck));

            Process second = start(simulator, "second.log");
            try {
                waitFor(Duration.ofSeconds(60), () -> ids.stream().allMatch(id -> tags(simulator, id).contains("triaged")),
                        second, "second.log");
            } finally {
                second.destroy();
                second.waitFor();
            }

            Map<Long, Long> puts = successfulPuts(simulator);
            assertEquals(ids.size(), puts.size(), "every ticket was written");
            assertTrue(puts.values().stream().allMatch(count -> count == 1), "no ticket was written twice: " + puts);
            assertTrue(ids.stream().allMatch(id -> simulator.notes(id).size() == 1), "exactly one note per ticket");
        }
    }

    private Process start(FreshdeskSimulator simulator, String logName) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of(
                "FRESHDESK_BASE_URL", simulator.baseUrl(),
                "FRESHDESK_API_KEY", API_KEY,
                "TRIAGE_POLL_CRON", "0/1 * * * * ?",
                "TRIAGE_FIRST_POLL_LOOK_BACK", "P1D",
                "CAMEL_MANAGEMENT_ENABLED", "false"));
        environment.putAll(stateEnvironment());
        return new PackagedJar(work).start(environment, logName);
    }

    private void waitFor(Duration limit, BooleanSupplier condition, Process process, String logName)
            throws Exception {
        new PackagedJar(work).waitFor(limit, condition, process, logName);
    }

    private static Map<Long, Long> successfulPuts(FreshdeskSimulator simulator) {
        return simulator.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.status() == 200)
                .map(RecordedRequest::path)
                .collect(Collectors.groupingBy(p -> Long.parseLong(p.substring(p.lastIndexOf('/') + 1)),
                        Collectors.counting()));
    }

    static List<String> tags(FreshdeskSimulator simulator, long id) {
        JsonNode ticket = simulator.ticket(id).orElseThrow();
        return FreshdeskTriageRouteTest.tags(ticket);
    }
}
