package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped configuration with its Prometheus metrics on starts and polls without a WARN: Camel's exchange event
 * meters of exchanges a route made and of those a ProducerTemplate made (every help-desk call) share one set of tag
 * keys, so Prometheus registers both instead of refusing the second kind.
 */
class MetricsStartupTest {

    private static final String EXCHANGE_METER = "camel_exchange_event_notifier_seconds_count{";

    @TempDir
    Path state;

    @Test
    void startingAndPollingWithMetricsOnLogsNoWarningAndEveryExchangeIsMeasured() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String log;
        String metrics;
        try (SimulatedFreshdesk helpDesk = SimulatedFreshdesk.start(0, Clock.systemUTC());
             LogCapture capture = LogCapture.start()) {
            TestTickets.seed(helpDesk, 5);
            Map<String, String> properties = new HashMap<>(helpDesk.adapterProperties());
            properties.putAll(Map.of("camel.management.enabled", "true", "camel.management.port",
                    String.valueOf(port), "triage.poll.cron", "0 0 0 1 1 ? 2099"));
            // As java -jar runs: the poll at startup comes from a route, the help-desk calls from a ProducerTemplate.
            Main main = TriageRuntime.create(RunningTriage.testProperties(state, properties), Clock.systemUTC());
            main.start();
            try {
                long deadline = System.currentTimeMillis() + 30_000;
                while (helpDesk.updatesByTicket().size() < 5) {
                    assertTrue(System.currentTimeMillis() < deadline, "the startup poll wrote the 5 tickets");
                    Thread.sleep(100);
                }
                metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + port + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            } finally {
                main.stop();
            }
            log = capture.text();
        }

        List<String> warnings = log.lines().filter(line -> line.startsWith("WARN") || line.startsWith("ERROR"))
                .toList();
        assertEquals(List.of(), warnings, log);
        List<String> exchanges = metrics.lines().filter(line -> line.startsWith(EXCHANGE_METER)).toList();
        assertTrue(exchanges.stream().anyMatch(line -> line.contains("routeId=\"\"")
                        && line.contains("endpointName=\"kamelet:help-desk-request-action")),
                "a help-desk call, sent by a ProducerTemplate: " + exchanges);
        assertTrue(exchanges.stream().anyMatch(line -> line.contains("routeId=\"freshdesk-triage-at-start\"")),
                "an exchange of the startup poll's route: " + exchanges);
    }
}
