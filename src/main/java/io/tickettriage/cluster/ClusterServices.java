package io.tickettriage.cluster;

import io.tickettriage.config.ConfigurationException;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;

/**
 * Puts a node into its desks' elections: one cluster service of {@code triage.cluster.service} for the node, started
 * with the context, and in it one namespace per desk ({@code triage-<desk>}), so that the node may lead one desk and
 * follow in another.
 */
public final class ClusterServices {

    private final CamelContext context;
    private final Clock clock;
    private CamelClusterService service;

    public ClusterServices(CamelContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    /**
     * Follows the desk's namespace in the node's cluster service, which the first desk adds to the context
     * (camel-master finds it there).
     *
     * @return what the service last said about this node, for the poll, health and metrics
     */
    /** The node's cluster service, once a desk joined. */
    public synchronized CamelClusterService service() {
        if (service == null) {
            throw new IllegalStateException("no desk has joined the cluster yet");
        }
        return service;
    }

    public synchronized Leadership join(ClusterSettings cluster) {
        Election election = cluster.election()
                .orElseThrow(() -> new IllegalStateException("a single node joins no cluster"));
        Leadership leadership = new Leadership(cluster.node(), cluster.namespace(), clock);
        try {
            if (service == null) {
                CamelClusterService created = election.service(cluster.node());
                context.addService(created);
                service = created;
            }
            service.getView(cluster.namespace()).addEventListener(leadership);
        } catch (Exception e) {
            throw new ConfigurationException("cannot join the cluster (" + election.where() + "): " + e.getMessage());
        }
        return leadership;
    }
}
