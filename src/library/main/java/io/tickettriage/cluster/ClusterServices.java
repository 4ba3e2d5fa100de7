package io.tickettriage.cluster;

import io.tickettriage.config.ConfigurationException;
import java.time.Clock;
import org.apache.camel.CamelContext;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.cluster.CamelPreemptiveClusterView;

/**
 * Puts a node into its desks' elections: one cluster service of {@code triage.cluster.service} for the node, started
 * with the context, and in it one namespace per desk ({@code triage-<desk>}), so that the node may lead one desk and
 * follow in another.
 */
public final class ClusterServices {

    private final CamelContext context;
    private final Clock clock;
    private CamelClusterService service;
    /** The view of each namespace the node follows, by namespace. */
    private final Map<String, CamelClusterView> views = new HashMap<>();

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
            CamelClusterView view = service.getView(cluster.namespace());
            view.addEventListener(leadership);
            views.put(cluster.namespace(), view);
        } catch (Exception e) {
            throw new ConfigurationException("cannot join the cluster (" + election.where() + "): " + e.getMessage());
        }
        return leadership;
    }

    /**
     * Steps out of a namespace's election, so that another node can lead it. Camel has two ways: a preemptive view
     * (Kubernetes) is disabled, and gives its Lease up; any other view is stopped, which releases a file lock or
     * leaves ZooKeeper's queue. The Kubernetes view, only stopped, would keep its Lease while its pod is ready.
     */
    public synchronized void stepOut(String namespace) throws Exception {
        if (views.get(namespace) instanceof CamelPreemptiveClusterView preemptive) {
            preemptive.setDisabled(true);
        } else {
            service.stopView(namespace);
        }
    }

    /** Steps back into a namespace's election, as a follower while another node leads it. */
    public synchronized void stepIn(String namespace) throws Exception {
        if (views.get(namespace) instanceof CamelPreemptiveClusterView preemptive) {
            preemptive.setDisabled(false);
        } else {
            service.startView(namespace);
        }
    }
}
