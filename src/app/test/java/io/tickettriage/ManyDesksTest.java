package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import io.tickettriage.triage.TriageStatistics;
import io.tickettriage.triage.Watermark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three desks in one deployment ({@code triage.desks}): two Freshdesk accounts whose ticket ids are the same, and an
 * OTOBO. Each desk is triaged with its own settings, and its state, beans, routes and metrics carry its name, so that
 * the two Freshdesk accounts never mistake each other's tickets.
 */
class ManyDesksTest {

    @TempDir
    Path work;

    @Test
    void eachDeskIsTriagedOnceWithItsOwnSettingsAndKeepsItsOwnState() throws Exception {
        try (SimulatedHelpDesk customers = SimulatedHelpDesks.start("freshdesk", 0, Clock.systemUTC());
             SimulatedHelpDesk partners = SimulatedHelpDesks.start("freshdesk", 0, Clock.systemUTC());
             SimulatedHelpDesk it = SimulatedHelpDesks.start("otobo", 0, Clock.systemUTC());
             LogCapture log = LogCapture.start()) {
            Map<String, SimulatedHelpDesk> desks = new TreeMap<>(Map.of("customers", customers, "partners", partners,
                    "it", it));
            Map<String, List<String>> ids = new TreeMap<>();
            desks.forEach((desk, helpDesk) -> ids.put(desk, TestTickets.seed(helpDesk, 4)));
            assertEquals(ids.get("customers"), ids.get("partners"), "both accounts number their tickets alike");

            Map<String, String> properties = new HashMap<>(Map.of("triage.desks", "customers, partners, it",
                    // One setting for every desk but one.
                    "triage.marker-tag", "triaged",
                    "partners.triage.marker-tag", "partner-triaged"));
            desks.forEach((desk, helpDesk) -> {
                properties.put(desk + ".triage.helpdesk", helpDesk.helpdesk());
                helpDesk.adapterProperties().forEach((key, value) -> properties.put(desk + "." + key, value));
            });
            try (RunningTriage triage = RunningTriage.start(RunningTriage.testProperties(work, properties))) {
                triage.poll();
                triage.poll();

                desks.forEach((desk, helpDesk) -> {
                    Map<String, Integer> once = ids.get(desk).stream()
                            .collect(Collectors.toMap(id -> id, id -> 1, (a, b) -> a, TreeMap::new));
                    assertEquals(once, new TreeMap<>(helpDesk.updatesByTicket()), desk + ": each ticket written once");
                    ids.get(desk).forEach(id -> assertEquals(1, helpDesk.ticket(id).notes().size(),
                            desk + ": one note on " + id));
                    TriageStatistics.Snapshot counted = deskBean(triage, desk, "triageStatistics",
                            TriageStatistics.class).snapshot();
                    assertEquals(List.of(2L, 4L, 4L), List.of(counted.polls(), counted.classified(), counted.updated()),
                            desk + " counted its own polls and tickets: " + counted.oneLine());
                    assertTrue(deskBean(triage, desk, "watermark", Watermark.class).current().isAfter(Instant.EPOCH));
                    assertTrue(triage.context().getRoute(desk + "-triage") != null, desk + " has its own route");
                });
                ids.get("partners").forEach(id -> assertTrue(partners.ticket(id).tags().contains("partner-triaged"),
                        "the partners desk uses its own marker tag"));
                ids.get("customers").forEach(id -> assertTrue(customers.ticket(id).tags().contains("triaged")
                        && !customers.ticket(id).tags().contains("partner-triaged"), "the others the shared one"));

            }
            // Each desk's secrets came as its own settings (customers.freshdesk.api-key, ...), and none was logged.
            desks.values().forEach(helpDesk -> helpDesk.secrets().forEach(secret ->
                    assertFalse(log.text().contains(secret), "a desk's secret in the log")));
            // One state store, every record under its desk's name: the same id of both accounts twice, apart.
            List<String> written = Files.readAllLines(work.resolve("triaged-tickets.txt"));
            String predictions = Files.readString(work.resolve("predictions.jsonl"));
            for (String desk : desks.keySet()) {
                for (String id : ids.get(desk)) {
                    assertTrue(written.contains(desk + ":" + id), desk + ":" + id + " written, in " + written);
                    assertTrue(predictions.contains("\"" + desk + ":" + id + "\""), desk + ":" + id + " predicted");
                }
            }
        }
    }

    @Test
    void aDeskSettingThatIsNoSettingIsReportedWithItsName() {
        Map<String, String> properties = Map.of("triage.desks", "it", "it.triage.helpdesk", "otobo",
                "it.otobo.bse-url", "http://127.0.0.1:1");
        assertEquals("it.otobo.bse-url is not a setting: otobo.bse-url is not a key of config/application.properties "
                + "(a desk's settings are the same keys with its name in front)", startupFailure(properties));
    }

    @Test
    void aDeskNameMustBeUsableAsAKeyAndUnique() {
        assertEquals("triage.desks names the desk 'IT desk': a desk's name is lower case letters, digits and dashes, "
                + "starting with a letter, at most 40 characters", startupFailure(Map.of("triage.desks", "IT desk")));
        assertEquals("triage.desks names the desk 'it' twice", startupFailure(Map.of("triage.desks", "it, it")));
        assertEquals("triage.desks names the desk 'freshdesk', which is how keys of config/application.properties "
                + "begin (freshdesk.*); give the desk another name, e.g. freshdesk-1",
                startupFailure(Map.of("triage.desks", "freshdesk")));
    }

    @Test
    void aDeskOfAnUnknownHelpDeskIsReportedBeforeAnythingStarts() {
        assertEquals("triage.helpdesk is 'jira', which is not a help desk ticket-triage knows; use one of: "
                + "freshdesk, zammad, otobo, rt", startupFailure(Map.of("triage.desks", "it", "it.triage.helpdesk", "jira")));
    }

    private String startupFailure(Map<String, String> properties) {
        Main main = TriageRuntime.create(RunningTriage.testProperties(work, properties), Clock.systemUTC());
        Exception failure = assertThrows(Exception.class, main::start);
        main.stop();
        return TicketTriageApplication.startupProblem(failure);
    }

    private static <T> T deskBean(RunningTriage triage, String desk, String bean, Class<T> type) {
        return triage.context().getRegistry().lookupByNameAndType(desk + "." + bean, type);
    }
}
