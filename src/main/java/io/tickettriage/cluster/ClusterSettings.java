package io.tickettriage.cluster;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The {@code triage.cluster.*} keys: whether several nodes share one help desk, and how they elect the one that
 * polls it.
 *
 * @param service   how the leader is elected; {@link Service#NONE} runs a single node, with no election at all
 * @param node      this node's name in logs, health and metrics
 * @param namespace what the nodes of one help desk compete for: {@code triage-<helpdesk>}, so each desk has a leader
 *                  of its own
 * @param fileRoot  the shared directory of {@link Service#FILE}
 * @param interval  how often the leader renews its claim and a follower checks it; all nodes must use the same
 */
public record ClusterSettings(Service service, String node, String namespace, String fileRoot, Duration interval) {

    /** How the leader is elected. */
    public enum Service {
        NONE,
        /** A lock on a file in a directory every node sees (camel-file's FileLockClusterService). */
        FILE
    }

    public static ClusterSettings from(TriageProperties properties, String helpdesk) {
        Service service = properties.choice("triage.cluster.service", Service.NONE);
        String root = properties.text("triage.cluster.file.root", "");
        if (service == Service.FILE && root.isEmpty()) {
            throw new ConfigurationException("triage.cluster.service = file needs triage.cluster.file.root: a "
                    + "directory every node of the help desk can lock files in");
        }
        Duration interval = properties.duration("triage.cluster.file.interval", Duration.ofSeconds(1));
        if (interval.toMillis() < 1) {
            throw new ConfigurationException("triage.cluster.file.interval must be positive, was " + interval);
        }
        return new ClusterSettings(service, properties.text("triage.cluster.node", defaultNode()),
                "triage-" + helpdesk, root, interval);
    }

    public boolean clustered() {
        return service != Service.NONE;
    }

    /**
     * What the routes' triggers are prefixed with ({@code {{triage.cluster.leader-only}}}): a {@code master:}
     * endpoint, so that only the leader's triggers fire, or nothing on a single node.
     */
    public String triggerPrefix() {
        return clustered() ? "master:" + namespace + ":" : "";
    }

    /** Host and process id: unique even for two nodes on one machine. */
    private static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
