package io.tickettriage.cluster;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code triage.cluster.*} keys: whether several nodes share one help desk, and how they elect the one that
 * polls it.
 *
 * @param node      this node's name in logs, health and metrics; with Kubernetes the pod's name, which is how the
 *                  Lease names its holder and how the other pods see whether the holder still runs
 * @param namespace what the nodes of one desk compete for: {@code triage-<desk>}, so each desk has a leader
 *                  of its own
 * @param election  how the leader is elected; empty on a single node, with no election at all
 */
public record ClusterSettings(String node, String namespace, Optional<Election> election) {

    /** The values of {@code triage.cluster.service}. */
    public enum Service {
        NONE,
        /** A lock on a file in a directory every node sees. */
        FILE,
        /** An ensemble every node reaches. */
        ZOOKEEPER,
        /** A Lease in the namespace the pods run in. */
        KUBERNETES
    }

    /** host:port, comma-separated: what the ZooKeeper client accepts, checked here so that a typo fails at start. */
    private static final Pattern ZOOKEEPER_NODES = Pattern.compile("[^\\s,:/]+:\\d{1,5}(,[^\\s,:/]+:\\d{1,5})*");
    /** A path of ZooKeeper's: absolute, no trailing slash (the help desk's namespace is appended to it). */
    private static final Pattern ZOOKEEPER_PATH = Pattern.compile("(/[^/\\s]+)+");
    /** camel-kubernetes' default: each retry waits up to 1.2 retry periods. */
    private static final double KUBERNETES_JITTER = 1.2;

    public static ClusterSettings from(TriageProperties properties, String desk) {
        Service service = properties.choice("triage.cluster.service", Service.NONE);
        Optional<Election> election = switch (service) {
            case NONE -> Optional.empty();
            case FILE -> Optional.of(fileLock(properties));
            case ZOOKEEPER -> Optional.of(zooKeeper(properties));
            case KUBERNETES -> Optional.of(kubernetes(properties));
        };
        // In Kubernetes the host name is the pod's name, what the Lease must hold; elsewhere the process id keeps two
        // nodes on one machine apart.
        String node = properties.text("triage.cluster.node",
                service == Service.KUBERNETES ? hostName() : hostName() + "-" + ProcessHandle.current().pid());
        return new ClusterSettings(node, "triage-" + desk, election);
    }

    public boolean clustered() {
        return election.isPresent();
    }

    /**
     * What the routes' triggers are prefixed with ({@code {{triage.cluster.leader-only}}}): a {@code master:}
     * endpoint, so that only the leader's triggers fire, or nothing on a single node.
     */
    public String triggerPrefix() {
        return clustered() ? "master:" + namespace + ":" : "";
    }

    private static Election.FileLock fileLock(TriageProperties properties) {
        String root = properties.text("triage.cluster.file.root", "");
        if (root.isEmpty()) {
            throw new ConfigurationException("triage.cluster.service = file needs triage.cluster.file.root: a "
                    + "directory every node of the help desk can lock files in");
        }
        return new Election.FileLock(root, positive(properties, "triage.cluster.file.interval", Duration.ofSeconds(1)));
    }

    private static Election.ZooKeeper zooKeeper(TriageProperties properties) {
        String nodes = properties.text("triage.cluster.zookeeper.nodes", "");
        if (nodes.isEmpty()) {
            throw new ConfigurationException("triage.cluster.service = zookeeper needs triage.cluster.zookeeper.nodes: "
                    + "the ensemble's servers as host:port,host:port");
        }
        if (!ZOOKEEPER_NODES.matcher(nodes).matches()) {
            throw new ConfigurationException("triage.cluster.zookeeper.nodes must be host:port,host:port (no spaces), "
                    + "was '" + nodes + "'");
        }
        String basePath = properties.text("triage.cluster.zookeeper.base-path", "/ticket-triage");
        if (!ZOOKEEPER_PATH.matcher(basePath).matches()) {
            throw new ConfigurationException("triage.cluster.zookeeper.base-path must be an absolute path without a "
                    + "trailing slash, such as /ticket-triage, was '" + basePath + "'");
        }
        return new Election.ZooKeeper(nodes, basePath,
                positive(properties, "triage.cluster.zookeeper.session-timeout", Duration.ofSeconds(10)));
    }

    private static Election.Kubernetes kubernetes(TriageProperties properties) {
        Duration lease = positive(properties, "triage.cluster.kubernetes.lease-duration", Duration.ofSeconds(15));
        Duration renew = positive(properties, "triage.cluster.kubernetes.renew-deadline", Duration.ofSeconds(10));
        Duration retry = positive(properties, "triage.cluster.kubernetes.retry-period", Duration.ofSeconds(2));
        // camel-kubernetes' own rules, checked here so that they fail with the keys' names.
        if (lease.compareTo(renew) <= 0) {
            throw new ConfigurationException("triage.cluster.kubernetes.lease-duration (" + lease + ") must be longer "
                    + "than triage.cluster.kubernetes.renew-deadline (" + renew + ")");
        }
        if (renew.toMillis() <= KUBERNETES_JITTER * retry.toMillis()) {
            throw new ConfigurationException("triage.cluster.kubernetes.renew-deadline (" + renew + ") must be longer "
                    + "than 1.2 x triage.cluster.kubernetes.retry-period (" + retry + ")");
        }
        return new Election.Kubernetes(properties.text("triage.cluster.kubernetes.namespace", ""),
                properties.text("triage.cluster.kubernetes.master-url", ""), lease, renew, retry);
    }

    private static Duration positive(TriageProperties properties, String key, Duration defaultValue) {
        Duration value = properties.duration(key, defaultValue);
        if (value.toMillis() < 1) {
            throw new ConfigurationException(key + " must be positive, was " + value);
        }
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
