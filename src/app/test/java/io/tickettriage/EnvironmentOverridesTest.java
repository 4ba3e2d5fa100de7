package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every configured key, Camel's own included, takes its value from the environment variable of its name. */
class EnvironmentOverridesTest {

    @TempDir
    Path state;

    @Test
    void everyKeyMapsToItsUpperCaseNameWithUnderscores() {
        Map<String, String> overrides = TriageRuntime.environmentOverrides(
                Set.of("camel.management.port", "freshdesk.api-key", "triage.poll.cron"),
                Map.of("CAMEL_MANAGEMENT_PORT", "19876", "FRESHDESK_API_KEY", "k", "UNRELATED", "x"));

        assertEquals(Map.of("camel.management.port", "19876", "freshdesk.api-key", "k"), overrides);
    }

    @Test
    void camelManagementPortFromTheEnvironmentMovesTheManagementServer() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (SimulatedHelpDesk helpDesk = SimulatedFreshdesk.start(0, Clock.systemUTC())) {
            Map<String, String> properties = new HashMap<>(helpDesk.adapterProperties());
            properties.put("triage.state.directory", state.toString());
            Main main = TriageRuntime.createPolledOnDemand(properties, Clock.systemUTC(),
                    Map.of("CAMEL_MANAGEMENT_PORT", String.valueOf(port), "CAMEL_MANAGEMENT_ENABLED", "true"));
            main.start();
            try {
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
                assertTrue(health.body().contains("UP"), health.body());
            } finally {
                main.stop();
            }
        }
    }
}
