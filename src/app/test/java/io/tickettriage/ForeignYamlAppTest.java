package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import io.tickettriage.triage.TriageDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A YAML route that no one in this project's runtime wrote ({@code foreign-app/classify-freshdesk.camel.yaml}, shown
 * verbatim in src/site/markdown/embedding.md), run by plain camel-main with the jar on the classpath: nothing of
 * ticket-triage is configured or bound, and none of its configuration is read.
 */
class ForeignYamlAppTest {

    @Test
    void aForeignYamlRouteFetchesAndClassifiesWithTheKameletsAlone() throws Exception {
        try (SimulatedHelpDesk helpDesk = SimulatedHelpDesks.start("freshdesk", 0, Clock.systemUTC())) {
            List<String> ids = TestTickets.seed(helpDesk, 4);
            Main host = new Main();
            host.addOverrideProperty("camel.main.routes-include-pattern",
                    "file:" + Path.of("src/app/test/resources/foreign-app/classify-freshdesk.camel.yaml"));
            host.addOverrideProperty("acme.freshdesk.url", helpDesk.baseUrl());
            host.addOverrideProperty("acme.freshdesk.api-key", helpDesk.adapterProperties().get("freshdesk.api-key"));
            host.start();
            try (ConsumerTemplate decisions = host.getCamelContext().createConsumerTemplate()) {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    keys.add(decisions.receiveBody("seda:acme-decisions", 30_000, TriageDecision.class).ticket()
                            .key());
                }
                assertEquals(ids.stream().map(id -> "freshdesk:" + id).toList(), keys);
                assertFalse(host.getCamelContext().getName().equals("ticket-triage"),
                        "the host keeps its own name: ticket-triage's configuration was not read");
            } finally {
                host.stop();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"freshdesk", "zammad", "otobo", "rt"})
    void aForeignYamlRouteTriagesABacklogExactlyOnceWithNotes(String desk, @TempDir Path state) throws Exception {
        try (SimulatedHelpDesk helpDesk = SimulatedHelpDesks.start(desk, 0, Clock.systemUTC())) {
            List<String> ids = TestTickets.seed(helpDesk, 5);
            Main host = new Main();
            host.addOverrideProperty("camel.main.routes-include-pattern",
                    "file:" + Path.of("src/app/test/resources/foreign-app/triage-" + desk + ".camel.yaml"));
            // The host's own settings, named as it likes: acme.<desk>.url and its credential.
            host.addOverrideProperty("acme." + desk + ".url", helpDesk.adapterProperties().get(desk + ".base-url"));
            host.addOverrideProperty("acme.otobo.login", helpDesk.adapterProperties()
                    .getOrDefault("otobo.user-login", ""));
            host.addOverrideProperty("acme.otobo.password", helpDesk.adapterProperties()
                    .getOrDefault("otobo.password", ""));
            host.addOverrideProperty("acme.freshdesk.api-key", helpDesk.adapterProperties()
                    .getOrDefault("freshdesk.api-key", ""));
            host.addOverrideProperty("acme.zammad.api-token", helpDesk.adapterProperties()
                    .getOrDefault("zammad.api-token", ""));
            host.addOverrideProperty("acme.rt.token", helpDesk.adapterProperties().getOrDefault("rt.token", ""));
            host.addOverrideProperty("acme.state", state.toString());
            host.start();
            try (ConsumerTemplate written = host.getCamelContext().createConsumerTemplate()) {
                for (int i = 0; i < ids.size(); i++) {
                    assertTrue(written.receiveBody("seda:acme-written", 20_000, TriageDecision.class) != null,
                            "a ticket was written");
                }
                // The second poll finds the same tickets marked and written: nothing more.
                Thread.sleep(2_500);
                assertEquals(null, written.receiveBodyNoWait("seda:acme-written"), "nothing written twice");
            } finally {
                host.stop();
            }
            for (String id : ids) {
                assertEquals(1, helpDesk.updatesByTicket().get(id), "ticket " + id + " written once");
                assertEquals(1, helpDesk.ticket(id).notes().size(), "one note on " + id);
                assertTrue(helpDesk.ticket(id).tags().contains("triaged"), "the marker on " + id);
                assertTrue(helpDesk.ticket(id).queue().isPresent(), "a queue on " + id);
            }
            assertTrue(Files.exists(state.resolve("triaged-tickets.txt")), "the ledger is in the app's own folder");
        }
    }
}
