package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.ClusterNodes.Lead;
import io.tickettriage.ClusterNodes.Run;

import io.tickettriage.config.TriageProperties;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import io.tickettriage.state.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three desks (two Freshdesk accounts and an OTOBO) on two nodes of the packaged jar, sharing the state database and
 * an election (a cluster directory, or ZooKeeper). Every desk is served by one node and the desks spread over both
 * nodes; when a node dies by SIGKILL, the desks it led move to the other within 15 s, and every ticket of every desk
 * is written with exactly one note, with no write to a desk while two nodes believed they led it.
 */
class DesksAcrossNodesIT {

    private static final List<String> DESKS = List.of("customers", "partners", "it");
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path work;

    @Test
    void withAFileLockEveryDeskIsServedTheDesksSpreadAndThoseOfADeadNodeMove() throws Exception {
        spreadAndFailover(Map.of("triage.cluster.service", "file",
                "triage.cluster.file.root", work.resolve("cluster").toString()));
    }

    /** The same with ZooKeeper, whose views tell their listeners when a node steps out of an election. */
    @Test
    void withZooKeeperEveryDeskIsServedTheDesksSpreadAndThoseOfADeadNodeMove() throws Exception {
        try (TestingServer zookeeper = new TestingServer()) {
            spreadAndFailover(Map.of("triage.cluster.service", "zookeeper",
                    "triage.cluster.zookeeper.nodes", zookeeper.getConnectString(),
                    "triage.cluster.zookeeper.session-timeout", "PT6S"));
        }
    }

    /** The whole acceptance, with the cluster service of {@code service} (settings). */
    private void spreadAndFailover(Map<String, String> service) throws Exception {
        PackagedJar jar = new PackagedJar(work);
        ClusterNodes nodes = new ClusterNodes(jar, TestDatabase.fresh());
        Map<String, SimulatedHelpDesk> helpDesks = new LinkedHashMap<>();
        List<Run> runs = new ArrayList<>();
        try {
            helpDesks.put("customers", SimulatedHelpDesks.start("freshdesk", 0, Clock.systemUTC()));
            helpDesks.put("partners", SimulatedHelpDesks.start("freshdesk", 0, Clock.systemUTC()));
            helpDesks.put("it", SimulatedHelpDesks.start("otobo", 0, Clock.systemUTC()));
            Map<String, List<String>> ids = new HashMap<>();
            helpDesks.forEach((desk, helpDesk) -> {
                // Slow answers stretch each batch, so that the kill lands in the middle of one.
                helpDesk.slowDown(Duration.ofMillis(60));
                ids.put(desk, new ArrayList<>(TestTickets.seed(helpDesk, 12)));
            });
            // One node first, which takes every desk; the second one then gets its share.
            Run one = start(nodes, helpDesks, service, "node-1");
            runs.add(one);
            jar.waitFor(Duration.ofSeconds(90), () -> allWritten(helpDesks, ids) && DESKS.stream()
                    .allMatch(desk -> nodes.leadSince(one, desk).isPresent()), one.process(), one.logName());
            Run two = start(nodes, helpDesks, service, "node-2");
            runs.add(two);
            jar.waitFor(Duration.ofSeconds(60), () -> spread(nodes, runs), two.process(), two.logName());
            assertTrue(nodes.log(one).contains("Node node-1 leads more than its share of 2 desks and gives "),
                    "node-1 gave a desk up");
            Map<String, String> before = new LinkedHashMap<>();
            DESKS.forEach(desk -> before.put(desk, nodes.leaderOf(desk, runs).orElseThrow().node()));

            // The node that leads the most desks dies, with new tickets waiting on every desk.
            Run victim = runs.stream().max((a, b) -> Long.compare(desksLedBy(a, before), desksLedBy(b, before)))
                    .orElseThrow();
            Run survivor = victim == one ? two : one;
            helpDesks.forEach((desk, helpDesk) -> ids.get(desk).addAll(TestTickets.seed(helpDesk, 12)));
            int writesBefore = writes(helpDesks).size();
            jar.waitFor(Duration.ofSeconds(30), () -> writes(helpDesks).size() > writesBefore, victim.process(),
                    victim.logName());
            victim.process().destroyForcibly().waitFor();
            Instant killedAt = Instant.now();
            runs.set(runs.indexOf(victim), victim.ended(killedAt));

            jar.waitFor(TAKEOVER_LIMIT.plusSeconds(5), () -> DESKS.stream().allMatch(desk ->
                    nodes.leaderOf(desk, List.of(survivor)).isPresent()), survivor.process(), survivor.logName());
            List<Duration> takeovers = new ArrayList<>();
            for (String desk : DESKS) {
                if (before.get(desk).equals(victim.node())) {
                    Duration takeover = Duration.between(killedAt, nodes.leadSince(survivor, desk).orElseThrow());
                    takeovers.add(takeover);
                    assertTrue(takeover.compareTo(TAKEOVER_LIMIT) < 0, desk + " moved after " + takeover);
                }
            }
            jar.waitFor(Duration.ofSeconds(90), () -> allWritten(helpDesks, ids), survivor.process(),
                    survivor.logName());
            survivor.process().destroy();
            survivor.process().waitFor();
            runs.set(runs.indexOf(survivor), survivor.ended(Instant.now()));
            List<String> givenUp = runs.stream()
                    .flatMap(run -> nodes.log(run).lines().filter(line -> line.contains(" gives "))).toList();
            System.out.println("DesksAcrossNodesIT with " + service.get("triage.cluster.service") + ": leaders before "
                    + "the kill " + before + " (" + givenUp + "), " + victim.node() + " killed; takeovers (ms): "
                    + takeovers.stream().map(Duration::toMillis).toList());

            assertEquals(2, takeovers.size(), "the killed node led two of the three desks");
            helpDesks.forEach((desk, helpDesk) -> {
                ids.get(desk).forEach(id -> assertEquals(1, helpDesk.ticket(id).notes().size(),
                        desk + ": exactly one note on " + id));
                List<Lead> ofDesk = nodes.leads(runs, desk);
                for (int i = 1; i < ofDesk.size(); i++) {
                    Lead earlier = ofDesk.get(i - 1);
                    assertTrue(earlier.until() != null && ofDesk.get(i).from().isAfter(earlier.until()),
                            desk + ": two nodes led at once: " + earlier + " and " + ofDesk.get(i));
                }
                for (RecordedRequest write : writes(helpDesk)) {
                    assertTrue(ofDesk.stream().anyMatch(lead -> lead.covers(write.receivedAt())),
                            desk + ": a write outside any node's lead at " + write.receivedAt() + "; " + ofDesk);
                }
            });
        } finally {
            // A failed assertion must not leave nodes running against a database that goes with this JVM.
            for (Run run : runs) {
                run.process().destroyForcibly().waitFor();
            }
            helpDesks.values().forEach(SimulatedHelpDesk::close);
        }
    }

    private static Run start(ClusterNodes nodes, Map<String, SimulatedHelpDesk> helpDesks,
                             Map<String, String> service, String node) throws Exception {
        Map<String, String> settings = new HashMap<>(service);
        settings.put("triage.desks", String.join(",", DESKS));
        helpDesks.forEach((desk, helpDesk) -> {
            settings.put(desk + ".triage.helpdesk", helpDesk.helpdesk());
            helpDesk.adapterProperties().forEach((key, value) -> settings.put(desk + "." + key, value));
        });
        Map<String, String> environment = new HashMap<>();
        settings.forEach((key, value) -> environment.put(TriageProperties.environmentName(key), value));
        return nodes.start(node, environment);
    }

    private static boolean allWritten(Map<String, SimulatedHelpDesk> helpDesks, Map<String, List<String>> ids) {
        return helpDesks.entrySet().stream().allMatch(desk -> ids.get(desk.getKey()).stream()
                .allMatch(id -> !desk.getValue().ticket(id).notes().isEmpty()
                        && desk.getValue().ticket(id).tags().contains("triaged")));
    }

    private static List<RecordedRequest> writes(Map<String, SimulatedHelpDesk> helpDesks) {
        return helpDesks.values().stream().flatMap(helpDesk -> writes(helpDesk).stream()).toList();
    }

    /** The successful writes a help desk received: all but reads and OTOBO's logins. */
    private static List<RecordedRequest> writes(SimulatedHelpDesk helpDesk) {
        return helpDesk.requests().stream().filter(r -> r.status() < 300 && !r.method().equals("GET")
                && !r.path().endsWith("/Session")).toList();
    }

    /** Every desk has a leader, and each of the two nodes leads at least one. */
    private static boolean spread(ClusterNodes nodes, List<Run> runs) {
        List<Optional<Run>> leaders = DESKS.stream().map(desk -> nodes.leaderOf(desk, runs)).toList();
        return leaders.stream().allMatch(Optional::isPresent)
                && leaders.stream().map(Optional::orElseThrow).distinct().count() == runs.size();
    }

    private static long desksLedBy(Run run, Map<String, String> leaders) {
        return leaders.values().stream().filter(run.node()::equals).count();
    }
}
