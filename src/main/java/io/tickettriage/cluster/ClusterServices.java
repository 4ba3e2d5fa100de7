package io.tickettriage.cluster;

import io.tickettriage.config.ConfigurationException;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;

/**
 * Puts a node into its help desk's election: the cluster service of {@code triage.cluster.service}, started with the
 * context.
 */
public final class ClusterServices {

    private ClusterServices() {
    }

    /**
     * Adds the election's cluster service to the context (camel-master finds it there) and follows the help desk's
     * namespace in it.
     *
     * @return what the service last said about this node, for the poll, health and metrics
     */
    public static Leadership join(CamelContext context, ClusterSettings cluster, Clock clock) {
        Election election = cluster.election()
                .orElseThrow(() -> new IllegalStateException("a single node joins no cluster"));
        CamelClusterService service = election.service(cluster.node());
        Leadership leadership = new Leadership(cluster.node(), cluster.namespace(), clock);
        try {
            context.addService(service);
            service.getView(cluster.namespace()).addEventListener(leadership);
        } catch (Exception e) {
            throw new ConfigurationException("cannot join the cluster (" + election.where() + "): " + e.getMessage());
        }
        return leadership;
    }
}
