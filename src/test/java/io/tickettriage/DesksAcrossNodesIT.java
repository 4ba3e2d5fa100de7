package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.config.TriageProperties;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import io.tickettriage.state.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three desks (two Freshdesk accounts and an OTOBO) on two nodes of the packaged jar, sharing the state database and
 * a cluster directory. Every desk is served by one node; when a node dies by SIGKILL, the desks it led move to the
 * other within 15 s, and every ticket of every desk is written with exactly one note, with no write to a desk while
 * two nodes believed they led it.
 */
class DesksAcrossNodesIT {

    private static final List<String> DESKS = List.of("customers", "partners", "it");
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(15);
    private static final Pattern ROLE = Pattern.compile("Node (\\S+) (is the leader of|follows in) triage-(\\S+) since (\\S+)");

    @TempDir
    Path work;

    /** One process of one node, and when the test saw it dead (null while it runs). */
    record Run(String node, Process process, Instant endedAt) {

        String logName() {
            return node + ".log";
        }
    }

    /** When a node led a desk: from the instant it logged so to the instant it logged otherwise, or died. */
    record Lead(String desk, String node, Instant from, Instant until) {

        boolean covers(Instant moment) {
            return !moment.isBefore(from) && (until == null || !moment.isAfter(until));
        }
    }

    @Test
    void everyDeskIsServedAndTheDesksOfADeadNodeMoveToTheOther() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        PackagedJar jar = new PackagedJar(work);
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
            Run one = start(jar, helpDesks, database, "node-1");
            Run two = start(jar, helpDesks, database, "node-2");
            runs.add(one);
            runs.add(two);
            jar.waitFor(Duration.ofSeconds(90), () -> DESKS.stream().allMatch(desk -> leaderOf(desk, runs)
                    .isPresent()) && allWritten(helpDesks, ids), one.process(), one.logName());
            Map<String, String> before = new LinkedHashMap<>();
            DESKS.forEach(desk -> before.put(desk, leaderOf(desk, runs).orElseThrow().node()));

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
            runs.set(runs.indexOf(victim), new Run(victim.node(), victim.process(), killedAt));

            jar.waitFor(TAKEOVER_LIMIT.plusSeconds(5), () -> DESKS.stream().allMatch(desk ->
                    leaderOf(desk, List.of(survivor)).isPresent()), survivor.process(), survivor.logName());
            List<Duration> takeovers = new ArrayList<>();
            for (String desk : DESKS) {
                if (before.get(desk).equals(victim.node())) {
                    Duration takeover = Duration.between(killedAt, leadSince(survivor, desk).orElseThrow());
                    takeovers.add(takeover);
                    assertTrue(takeover.compareTo(TAKEOVER_LIMIT) < 0, desk + " moved after " + takeover);
                }
            }
            jar.waitFor(Duration.ofSeconds(90), () -> allWritten(helpDesks, ids), survivor.process(),
                    survivor.logName());
            survivor.process().destroy();
            survivor.process().waitFor();
            runs.set(runs.indexOf(survivor), new Run(survivor.node(), survivor.process(), Instant.now()));
            System.out.println("DesksAcrossNodesIT leaders before the kill " + before + ", " + victim.node()
                    + " killed; takeovers (ms): " + takeovers.stream().map(Duration::toMillis).toList());

            assertTrue(takeovers.size() >= 1, "the killed node led a desk");
            List<Lead> leads = leads(runs);
            helpDesks.forEach((desk, helpDesk) -> {
                ids.get(desk).forEach(id -> assertEquals(1, helpDesk.ticket(id).notes().size(),
                        desk + ": exactly one note on " + id));
                List<Lead> ofDesk = leads.stream().filter(lead -> lead.desk().equals(desk)).toList();
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

    private Run start(PackagedJar jar, Map<String, SimulatedHelpDesk> helpDesks, TestDatabase database, String node)
            throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> settings = new HashMap<>(Map.of(
                "triage.desks", String.join(",", DESKS),
                "triage.poll.cron", "0/1 * * * * ?",
                "triage.first-poll.look-back", "P1D",
                "triage.cluster.service", "file",
                "triage.cluster.file.root", work.resolve("cluster").toString(),
                "triage.cluster.node", node,
                "camel.management.port", String.valueOf(port)));
        settings.putAll(database.properties());
        helpDesks.forEach((desk, helpDesk) -> {
            settings.put(desk + ".triage.helpdesk", helpDesk.helpdesk());
            helpDesk.adapterProperties().forEach((key, value) -> settings.put(desk + "." + key, value));
        });
        Map<String, String> environment = new HashMap<>();
        settings.forEach((key, value) -> environment.put(TriageProperties.environmentName(key), value));
        return new Run(node, jar.start(environment, node + ".log"), null);
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

    private static long desksLedBy(Run run, Map<String, String> leaders) {
        return leaders.values().stream().filter(run.node()::equals).count();
    }

    private Optional<Run> leaderOf(String desk, List<Run> runs) {
        return runs.stream().filter(run -> run.endedAt() == null && leadSince(run, desk).isPresent()).findFirst();
    }

    /** When the run last became the desk's leader; empty while it follows. */
    private Optional<Instant> leadSince(Run run, String desk) {
        Optional<Instant> since = Optional.empty();
        Matcher roles = ROLE.matcher(log(run));
        while (roles.find()) {
            if (roles.group(3).equals(desk)) {
                since = roles.group(2).startsWith("is") ? Optional.of(Instant.parse(roles.group(4)))
                        : Optional.empty();
            }
        }
        return since;
    }

    private List<Lead> leads(List<Run> runs) {
        List<Lead> leads = new ArrayList<>();
        for (Run run : runs) {
            Matcher roles = ROLE.matcher(log(run));
            Map<String, Instant> open = new HashMap<>();
            while (roles.find()) {
                String desk = roles.group(3);
                Instant at = Instant.parse(roles.group(4));
                Instant from = open.remove(desk);
                if (from != null) {
                    leads.add(new Lead(desk, run.node(), from, at));
                }
                if (roles.group(2).startsWith("is")) {
                    open.put(desk, at);
                }
            }
            open.forEach((desk, from) -> leads.add(new Lead(desk, run.node(), from, run.endedAt())));
        }
        leads.sort((a, b) -> a.from().compareTo(b.from()));
        return leads;
    }

    private String log(Run run) {
        try {
            return Files.readString(work.resolve(run.logName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
