package io.tickettriage.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;

/**
 * How the nodes of a help desk elect their leader: the settings of one {@code triage.cluster.service}, and the Camel
 * cluster service they make. Each node's service carries the node's name as its id: ZooKeeper tells the leader from the
 * followers by it, so two nodes must never share one.
 */
public sealed interface Election permits Election.FileLock, Election.ZooKeeper, Election.Kubernetes {

    /** A new, unstarted cluster service for {@code node}. */
    CamelClusterService service(String node);

    /** Where the nodes meet, for the startup log and for errors. */
    String where();

    /**
     * camel-file's FileLockClusterService: an operating-system lock on a file under {@code root}, with a heartbeat.
     *
     * @param interval how often the leader renews its claim and a follower checks it; all nodes must use the same
     */
    record FileLock(String root, Duration interval) implements Election {

        @Override
        public CamelClusterService service(String node) {
            FileLockClusterService service = new FileLockClusterService();
            service.setId(node);
            service.setRoot(root);
            service.setAcquireLockDelay(interval.toMillis(), TimeUnit.MILLISECONDS);
            service.setAcquireLockInterval(interval.toMillis(), TimeUnit.MILLISECONDS);
            return service;
        }

        @Override
        public String where() {
            return "file lock under " + root;
        }
    }

    /**
     * camel-zookeeper's ZooKeeperClusterService: Curator's leader latch on an ephemeral node under
     * {@code basePath/triage-<desk>}. The node goes with its session, so a leader that dies is replaced once
     * ZooKeeper expires its session, and one cut off from the ensemble stops leading when its session is suspended.
     *
     * @param nodes          the ensemble, host:port,host:port
     * @param sessionTimeout how long the ensemble waits for a silent node before it lets another lead; the servers'
     *                       limits (2 to 20 ticks, 6 to 60 s by default) apply
     */
    record ZooKeeper(String nodes, String basePath, Duration sessionTimeout) implements Election {

        @Override
        public CamelClusterService service(String node) {
            ZooKeeperClusterService service = new ZooKeeperClusterService();
            service.setId(node);
            service.setNodes(nodes);
            service.setBasePath(basePath);
            service.setSessionTimeout(sessionTimeout.toMillis());
            return service;
        }

        @Override
        public String where() {
            return "ZooKeeper " + nodes + " under " + basePath;
        }
    }

    /**
     * camel-kubernetes' KubernetesClusterService: a coordination.k8s.io Lease named {@code leaders-triage-<desk>}
     * that the leader renews. A pod leads only while it runs and is ready (the service lists the pods), and only
     * until {@code renewDeadline} after its last renewal; a follower takes a Lease left unrenewed for
     * {@code leaseDuration}, and waits one more {@code leaseDuration} before it polls, so that the old leader has
     * stopped.
     *
     * @param namespace where the pods and the Lease are; empty: the pod's own namespace
     * @param masterUrl the API server; empty: the one the pod runs in (its service account), or {@code ~/.kube/config}
     */
    record Kubernetes(String namespace, String masterUrl, Duration leaseDuration, Duration renewDeadline,
                      Duration retryPeriod) implements Election {

        @Override
        public CamelClusterService service(String node) {
            KubernetesConfiguration api = new KubernetesConfiguration();
            if (!masterUrl.isEmpty()) {
                api.setMasterUrl(masterUrl);
            }
            // With a configuration of its own: camel-kubernetes 4.18 drops a master URL set on a service without one.
            KubernetesClusterService service = new KubernetesClusterService(api);
            service.setId(node);
            service.setPodName(node);
            service.setLeaseResourceType(LeaseResourceType.Lease);
            if (!namespace.isEmpty()) {
                // Where the Lease and the pods are looked up (setKubernetesNamespace only reaches a client built
                // from a master URL).
                service.setKubernetesResourcesNamespace(namespace);
            }
            service.setLeaseDurationMillis(leaseDuration.toMillis());
            service.setRenewDeadlineMillis(renewDeadline.toMillis());
            service.setRetryPeriodMillis(retryPeriod.toMillis());
            return service;
        }

        @Override
        public String where() {
            return "Kubernetes Lease in " + (namespace.isEmpty() ? "the pod's namespace" : "namespace " + namespace);
        }
    }
}
