package io.tickettriage.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Which nodes of the cluster live and which desks each leads, as the nodes themselves last said. */
public interface ClusterRoster {

    /** This node lives and leads {@code leads}. */
    void renew(String node, Set<String> leads);

    /** The nodes that renewed within {@code window}, with the desks each leads. */
    Map<String, Set<String>> living(Duration window);

    /** This node leaves, as it stops: the others need not wait for it to age out. */
    void leave(String node);
}
