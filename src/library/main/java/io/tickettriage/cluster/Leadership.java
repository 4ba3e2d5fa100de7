package io.tickettriage.cluster;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node leads its help desk, as the cluster service last said. The poll asks before every ticket, so a
 * node that lost the lead stops writing at once, not only at its next trigger; health and metrics show it.
 */
public final class Leadership implements CamelClusterEventListener.Leadership {

    private static final Logger LOG = LoggerFactory.getLogger("triage");

    private final String node;
    private final String namespace;
    private final Clock clock;
    /** Null until the cluster service first speaks, so that the first role is logged too. */
    private final AtomicReference<Boolean> leader = new AtomicReference<>();

    public Leadership(String node, String namespace, Clock clock) {
        this.node = node;
        this.namespace = namespace;
        this.clock = clock;
    }

    @Override
    public void leadershipChanged(CamelClusterView view, CamelClusterMember newLeader) {
        // No leader (null) while the lock is free: this node follows until it holds it.
        changeTo(newLeader != null && newLeader.isLocal());
    }

    /** The node stepped out of the election (its view stopped), which not every cluster service tells listeners. */
    public void steppedOut() {
        changeTo(false);
    }

    private void changeTo(boolean leads) {
        if (!Boolean.valueOf(leads).equals(leader.getAndSet(leads))) {
            // The instant, not only the log's time of day: FailoverIT holds every write against these intervals.
            LOG.info("Node {} {} {} since {}", node, leads ? "is the leader of" : "follows in", namespace,
                    clock.instant());
        }
    }

    public boolean isLeader() {
        return Boolean.TRUE.equals(leader.get());
    }

    public String role() {
        return isLeader() ? "leader" : "follower";
    }

    public String node() {
        return node;
    }

    public String namespace() {
        return namespace;
    }
}
