package io.tickettriage;

import io.tickettriage.config.TriageProperties;
import io.tickettriage.state.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nodes a cluster test starts from the packaged jar, on one state database and polling every second, and what
 * their logs say about which node led which desk, and when.
 */
record ClusterNodes(PackagedJar jar, TestDatabase database) {

    private static final Pattern ROLE =
            Pattern.compile("Node (\\S+) (is the leader of|follows in) triage-(\\S+) since (\\S+)");

    /** One process of one node, and when the test saw it dead (null while it runs). */
    record Run(String node, Process process, int managementPort, Instant endedAt) {

        Run ended(Instant at) {
            return new Run(node, process, managementPort, at);
        }

        String logName() {
            return node + ".log";
        }
    }

    /**
     * When a node believed itself a desk's leader: from the instant it logged so to the instant it logged that it
     * follows (a node that stops gives up the lead before it exits, and ZooKeeper hands it on at once), or to its
     * death ({@code until} null while it lives).
     */
    record Lead(String desk, String node, Instant from, Instant until) {

        boolean covers(Instant moment) {
            return !moment.isBefore(from) && (until == null || !moment.isAfter(until));
        }
    }

    /** Starts the node {@code node} with the settings of {@code environment} (environment variables) as well. */
    Run start(String node, Map<String, String> environment) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> all = new HashMap<>(Map.of(
                "TRIAGE_POLL_CRON", "0/1 * * * * ?",
                "TRIAGE_FIRST_POLL_LOOK_BACK", "P1D",
                "TRIAGE_CLUSTER_NODE", node,
                "CAMEL_MANAGEMENT_PORT", String.valueOf(port)));
        database.properties().forEach((key, value) -> all.put(TriageProperties.environmentName(key), value));
        all.putAll(environment);
        return new Run(node, jar.start(all, node + ".log"), port, null);
    }

    /** The node's output so far; empty while the process has not opened its log yet. */
    String log(Run run) {
        try {
            return Files.exists(jar.log(run.logName())) ? Files.readString(jar.log(run.logName())) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the run last became the desk's leader; empty while it follows, and once it is dead. */
    Optional<Instant> leadSince(Run run, String desk) {
        Optional<Instant> since = Optional.empty();
        if (run.endedAt() != null) {
            return since;
        }
        Matcher roles = ROLE.matcher(log(run));
        while (roles.find()) {
            if (roles.group(3).equals(desk)) {
                since = roles.group(2).startsWith("is") ? Optional.of(Instant.parse(roles.group(4)))
                        : Optional.empty();
            }
        }
        return since;
    }

    /** The living run that leads the desk, if one does. */
    Optional<Run> leaderOf(String desk, List<Run> runs) {
        return runs.stream().filter(run -> leadSince(run, desk).isPresent()).findFirst();
    }

    /** Every lead of every run, of the desk, oldest first. */
    List<Lead> leads(List<Run> runs, String desk) {
        List<Lead> leads = new ArrayList<>();
        for (Run run : runs) {
            Matcher roles = ROLE.matcher(log(run));
            Instant open = null;
            while (roles.find()) {
                if (!roles.group(3).equals(desk)) {
                    continue;
                }
                Instant at = Instant.parse(roles.group(4));
                if (open != null) {
                    leads.add(new Lead(desk, run.node(), open, at));
                }
                open = roles.group(2).startsWith("is") ? at : null;
            }
            if (open != null) {
                leads.add(new Lead(desk, run.node(), open, run.endedAt()));
            }
        }
        leads.sort(Comparator.comparing(Lead::from));
        return leads;
    }
}
