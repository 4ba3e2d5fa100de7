package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camel's own configuration applies to every call to the help desk, because every call goes through Camel's HTTP
 * component in the help-desk-request-action Kamelet: the service, booted as {@code java -jar} boots it, against the
 * Freshdesk simulator over real HTTP(S).
 */
class CamelHttpSettingsTest {

    private static final String API_KEY = "settings-key-5d1e8a";
    private static final String KAMELET = "help-desk-request-action.kamelet.yaml";

    @TempDir
    Path dir;
    private FreshdeskSimulator simulator;
    private WireMockServer proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.stop();
        }
        simulator.close();
    }

    private Map<String, String> properties(String state, Map<String, String> extra) {
        return RunningTriage.properties(simulator, API_KEY, dir.resolve(state), extra);
    }

    /** The PUTs of the last poll, by ticket id: one per seeded ticket proves the whole poll ran. */
    private Set<Long> updated() {
        return simulator.requests().stream().filter(request -> request.method().equals("PUT"))
                .map(request -> Long.parseLong(request.path().substring(request.path().lastIndexOf('/') + 1)))
                .collect(Collectors.toSet());
    }

    @Test
    void aHelpDeskBehindTheCustomersOwnCaIsTrustedThroughCamelSslAlone() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create(Files.createDirectory(dir.resolve("tls")));
        simulator = FreshdeskSimulator.start(SimulatorSettings.defaults(API_KEY, SimulatedFreshdesk.demoGroups()),
                ca.serverContext());
        assertTrue(simulator.baseUrl().startsWith("https://"), simulator.baseUrl());
        List<Long> tickets = TestTickets.seed(simulator, 3);

        Exception untrusted = assertThrows(Exception.class, () -> RunningTriage.start(properties("untrusted",
                Map.of())).close(), "the JVM's own trust store does not know the customer's CA");
        assertTrue(Stream.iterate((Throwable) untrusted, t -> t != null, Throwable::getCause)
                .anyMatch(t -> t instanceof SSLHandshakeException
                        || String.valueOf(t.getMessage()).contains("SSLHandshakeException")), "refused on the "
                + "handshake: " + untrusted);

        try (RunningTriage triage = RunningTriage.start(properties("trusted", Map.of(
                "camel.ssl.enabled", "true",
                "camel.ssl.trust-store", "file:" + ca.trustStore(),
                "camel.ssl.trust-store-password", TestCertificateAuthority.PASSWORD)))) {
            triage.poll();
        }

        assertEquals(Set.copyOf(tickets), updated(), "every ticket was triaged over HTTPS");
    }

    @Test
    void theCallsGoThroughTheProxyConfiguredOnCamelsHttpComponent() throws Exception {
        simulator = FreshdeskSimulator.start(SimulatorSettings.defaults(API_KEY, SimulatedFreshdesk.demoGroups()));
        List<Long> tickets = TestTickets.seed(simulator, 3);
        proxy = new WireMockServer(WireMockConfiguration.options().dynamicPort().enableBrowserProxying(true));
        proxy.start();

        try (RunningTriage triage = RunningTriage.start(properties("state", Map.of(
                "camel.component.http.proxy-host", "127.0.0.1",
                "camel.component.http.proxy-port", String.valueOf(proxy.port()))))) {
            triage.poll();
        }

        assertEquals(Set.copyOf(tickets), updated());
        List<String> proxied = proxy.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(request -> request.getMethod() + " " + request.getUrl().replaceFirst("\\?.*", "")).sorted()
                .toList();
        List<String> received = simulator.requests().stream().map(request -> request.method() + " "
                + request.path()).sorted().toList();
        assertEquals(received, proxied, "every call the help desk received came through the proxy");
        assertTrue(proxied.stream().anyMatch(call -> call.startsWith("GET /api/v2/groups")), "the startup check too: "
                + proxied);
    }

    @Test
    void aHeaderAddedInTheKameletsYamlReachesTheHelpDesk() throws Exception {
        simulator = FreshdeskSimulator.start(SimulatorSettings.defaults(API_KEY, SimulatedFreshdesk.demoGroups()));
        List<Long> tickets = TestTickets.seed(simulator, 3);
        Path kamelets = Files.createDirectory(dir.resolve("kamelets"));
        try (Stream<Path> shipped = Files.list(Path.of("routes", "kamelets"))) {
            for (Path kamelet : shipped.toList()) {
                Files.copy(kamelet, kamelets.resolve(kamelet.getFileName()));
            }
        }
        String yaml = Files.readString(kamelets.resolve(KAMELET));
        // The one line an engineer adds for the API gateway in front of the help desk.
        String edited = yaml.replace("        - to:\n",
                "        - setHeader: {name: X-Gateway-Key, constant: acme-gateway-7}\n        - to:\n");
        assertNotEquals(yaml, edited, "the Kamelet has the step the line goes before");
        Files.writeString(kamelets.resolve(KAMELET), edited);

        Map<String, String> extra = new HashMap<>(Map.of("triage.kamelets.location", "file:" + kamelets));
        try (RunningTriage triage = RunningTriage.start(properties("state", extra))) {
            triage.poll();
        }

        assertEquals(Set.copyOf(tickets), updated());
        List<RecordedRequest> calls = simulator.requests();
        assertTrue(calls.size() > tickets.size(), "the listing and the updates: " + calls);
        assertTrue(calls.stream().anyMatch(call -> call.path().startsWith("/api/v2/groups")),
                "the startup check went through the Kamelet too: " + calls);
        for (RecordedRequest call : calls) {
            assertEquals("acme-gateway-7", call.header("X-Gateway-Key"), call.method() + " " + call.path());
        }
    }
}
