package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.ClusterNodes.Lead;
import io.tickettriage.ClusterNodes.Run;

import io.tickettriage.config.TriageProperties;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import io.tickettriage.state.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the packaged jar on one help desk, sharing the state database and a cluster service: a directory
 * ({@code triage.cluster.service = file}) or a ZooKeeper server ({@code zookeeper}). The leader is killed with SIGKILL
 * mid-batch, again and again, and started again as a follower: another node takes over within 15 s each time, every
 * ticket is written exactly once with one note (an update the killed leader could not record as landed is sent once
 * more, unchanged, by the next leader), and no write reached the help desk while two nodes believed themselves leader.
 */
class FailoverIT {

    private static final String API_KEY = "failover-test-key-93c1";
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(15);
    private static final String DESK = "freshdesk";

    @TempDir
    Path work;

    @Test
    void withAFileLockTheLeaderKilledMidBatchIsReplacedWithinSecondsAndNothingIsWrittenTwice() throws Exception {
        failover(Map.of("TRIAGE_CLUSTER_SERVICE", "file",
                "TRIAGE_CLUSTER_FILE_ROOT", work.resolve("cluster").toString()), 5);
    }

    /** Fewer kills: the body is the same as with the file lock, and the whole build has minutes, not hours. */
    @Test
    void withZooKeeperTheLeaderKilledMidBatchIsReplacedWithinSecondsAndNothingIsWrittenTwice() throws Exception {
        try (TestingServer zookeeper = new TestingServer()) {
            // The shortest session the server grants (2 ticks of its default 3 s): a dead leader's session, and with
            // it its lead, lapses 6 to 9 s after the kill.
            failover(Map.of("TRIAGE_CLUSTER_SERVICE", "zookeeper",
                    "TRIAGE_CLUSTER_ZOOKEEPER_NODES", zookeeper.getConnectString(),
                    "TRIAGE_CLUSTER_ZOOKEEPER_SESSION_TIMEOUT", "PT6S"), 3);
        }
    }

    /** The whole failover acceptance, with the cluster service of {@code cluster} (environment variables). */
    private void failover(Map<String, String> cluster, int kills) throws Exception {
        TestDatabase database = TestDatabase.fresh();
        PackagedJar jar = new PackagedJar(work);
        try (FreshdeskSimulator simulator = FreshdeskSimulator.start(
                SimulatorSettings.defaults(API_KEY, SimulatedFreshdesk.demoGroups()))) {
            // Slow answers stretch the batch, so that each kill lands in the middle of it.
            simulator.slowDown(Duration.ofMillis(100));
            List<Long> ids = TestTickets.seed(simulator, 60);
            List<Run> runs = new ArrayList<>();
            try {
                triageWithKills(new Nodes(new ClusterNodes(jar, database), simulator, cluster), ids, runs, kills);
            } finally {
                // A failed assertion must not leave nodes running against a database that goes with this JVM.
                for (Run run : runs) {
                    run.process().destroyForcibly().waitFor();
                }
            }
        }
    }

    /** How to start one more node: the same jar, help desk, database and cluster service for all. */
    private record Nodes(ClusterNodes cluster, FreshdeskSimulator simulator, Map<String, String> service) {
    }

    private void triageWithKills(Nodes nodes, List<Long> ids, List<Run> runs, int kills) throws Exception {
        PackagedJar jar = nodes.cluster().jar();
        FreshdeskSimulator simulator = nodes.simulator();
        Random random = new Random();
        List<Duration> takeovers = new ArrayList<>();
        Run one = start(nodes, "node-1");
        Run other = start(nodes, "node-2");
        runs.add(one);
        runs.add(other);
        jar.waitFor(Duration.ofSeconds(60), () -> leaderOf(nodes, one, other).isPresent(), one.process(),
                one.logName());
        Run leader = leaderOf(nodes, one, other).orElseThrow();
        Run follower = leader == one ? other : one;
        assertHealth(leader, "leader");
        assertHealth(follower, "follower");

        for (int kill = 1; kill <= kills; kill++) {
            Run killing = leader;
            Run takingOver = follower;
            int writesBefore = writes(simulator).size();
            // Mid-batch: after the leader has written something of its own, at a random moment.
            jar.waitFor(Duration.ofSeconds(30), () -> writes(simulator).size() > writesBefore,
                    killing.process(), killing.logName());
            Thread.sleep(random.nextInt(1500));
            assertTrue(unwritten(simulator, ids) > 0, "kill " + kill + " came after the batch was through");
            killing.process().destroyForcibly().waitFor();
            Instant killedAt = Instant.now();
            runs.set(runs.indexOf(killing), killing.ended(killedAt));
            Run restarted = start(nodes, "node-" + (runs.size() + 1));
            runs.add(restarted);
            // Either the old follower or the restarted node may win: with the file lock a node that just started
            // tries the lock at once, one that watched the leader waits until its heartbeat is stale; ZooKeeper
            // hands the lead to the one that queued first once the dead leader's session expires.
            jar.waitFor(TAKEOVER_LIMIT.plusSeconds(5), () -> leaderOf(nodes, takingOver, restarted).isPresent(),
                    takingOver.process(), takingOver.logName());
            leader = leaderOf(nodes, takingOver, restarted).orElseThrow();
            follower = leader == takingOver ? restarted : takingOver;
            Duration takeover = Duration.between(killedAt, nodes.cluster().leadSince(leader, DESK).orElseThrow());
            takeovers.add(takeover);
            assertTrue(takeover.compareTo(TAKEOVER_LIMIT) < 0, "takeover " + kill + " took " + takeover);
        }
        Run lastLeader = leader;
        jar.waitFor(Duration.ofSeconds(60), () -> unwritten(simulator, ids) == 0
                && ids.stream().allMatch(id -> !simulator.notes(id).isEmpty()), lastLeader.process(),
                lastLeader.logName());
        // The leader first: the follower may lead for the moments until it stops as well.
        for (Run run : List.of(leader, follower)) {
            run.process().destroy();
            run.process().waitFor();
            runs.set(runs.indexOf(run), run.ended(Instant.now()));
        }
        System.out.println("FailoverIT takeovers with " + nodes.service().get("TRIAGE_CLUSTER_SERVICE") + " (ms): "
                + takeovers.stream().map(Duration::toMillis).toList());

        assertTrue(ids.stream().allMatch(id -> simulator.notes(id).size() == 1), "exactly one note per ticket");
        List<Lead> leads = nodes.cluster().leads(runs, DESK);

        for (int i = 1; i < leads.size(); i++) {
            assertTrue(leads.get(i).from().isAfter(leads.get(i - 1).until()),
                    "two nodes led at once: " + leads.get(i - 1) + " and " + leads.get(i));
        }
        for (RecordedRequest write : writes(simulator)) {
            assertTrue(leads.stream().anyMatch(lead -> lead.covers(write.receivedAt())),
                    "a write outside any node's lead: " + write.method() + " " + write.path() + " at "
                            + write.receivedAt() + "; leads " + leads);
        }
        Map<String, List<RecordedRequest>> puts = writes(simulator).stream().filter(r -> r.method().equals("PUT"))
                .collect(Collectors.groupingBy(RecordedRequest::path));
        assertEquals(ids.size(), puts.size(), "every ticket was written");
        // The field update is the one call the write ledger sends again when a node died before it could record
        // that the call landed (the note, which must not land twice, is looked for instead): the same update, once
        // more, by the next leader, never a second decision.
        puts.forEach((path, sent) -> {
            assertTrue(sent.size() <= 2 && sent.stream().map(RecordedRequest::body).distinct().count() == 1,
                    path + " was written with different updates or more than twice: " + sent.size());
            assertTrue(sent.size() == 1 || !leadAt(leads, sent.get(0)).equals(leadAt(leads, sent.get(1))),
                    path + " was updated twice by one leader");
        });
    }

    private static Lead leadAt(List<Lead> leads, RecordedRequest request) {
        return leads.stream().filter(lead -> lead.covers(request.receivedAt())).findFirst().orElseThrow();
    }

    private static Run start(Nodes nodes, String node) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of(
                "FRESHDESK_BASE_URL", nodes.simulator().baseUrl(),
                "FRESHDESK_API_KEY", API_KEY));
        environment.putAll(nodes.service());
        return nodes.cluster().start(node, environment);
    }

    /** The successful writes the help desk received, in order. */
    private static List<RecordedRequest> writes(FreshdeskSimulator simulator) {
        return simulator.requests().stream()
                .filter(r -> !r.method().equals("GET") && r.status() < 300)
                .toList();
    }

    private static long unwritten(FreshdeskSimulator simulator, List<Long> ids) {
        return ids.stream().filter(id -> !CrashRecoveryIT.tags(simulator, id).contains("triaged")).count();
    }

    private static Optional<Run> leaderOf(Nodes nodes, Run one, Run other) {
        return nodes.cluster().leaderOf(DESK, List.of(one, other));
    }

    /**
     * The node's full health, once its management server answers: a node that has just started (the follower, often)
     * may not listen yet when the other one already leads.
     */
    private static String health(HttpClient http, Run run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + run.managementPort() + "/observe/health?exposureLevel=full")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                // A node that just started is not ready until its desks run (their startup checks come first).
                if (health.startsWith("{\"status\":\"UP\"") || System.nanoTime() > deadline) {
                    return health;
                }
                Thread.sleep(200);
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** The leader's and the follower's health both say UP, with the node's role; the metric says it too. */
    private static void assertHealth(Run run, String role) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String health = health(http, run);
        assertTrue(health.startsWith("{\"status\":\"UP\"")
                && health.contains(run.node() + " is the " + role + " of triage-freshdesk"), run.node() + ": " + health);
        String metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + run.managementPort() + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String gauge = role.equals("leader") ? " 1.0" : " 0.0";
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("triage_leader{")
                && line.contains("node=\"" + run.node() + "\"") && line.endsWith(gauge)), run.node() + ": " + metrics);
    }
}
