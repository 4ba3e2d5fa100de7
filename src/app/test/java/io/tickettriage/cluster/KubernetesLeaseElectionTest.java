package io.tickettriage.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.tickettriage.config.TriageProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code triage.cluster.service = kubernetes} against an API server that keeps what it is sent (fabric8's mock server
 * in CRUD mode, with real Leases and Pods): two nodes, built from the configuration keys as the service builds them,
 * elect one leader through the Lease, and the other takes over once the leader is gone.
 */
class KubernetesLeaseElectionTest {

    private static final String NAMESPACE = "help-desk";
    /** Short leases, so that a handover takes seconds; the same relations as the defaults. */
    private static final Map<String, String> LEASES = Map.of(
            "triage.cluster.kubernetes.lease-duration", "PT2S",
            "triage.cluster.kubernetes.renew-deadline", "PT1.5S",
            "triage.cluster.kubernetes.retry-period", "PT0.25S");

    private KubernetesMockServer server;
    private KubernetesClient kubernetes;
    private final List<CamelContext> nodes = new ArrayList<>();
    private final List<ClusterServices> elections = new ArrayList<>();

    @BeforeEach
    void startApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        kubernetes = server.createClient();
    }

    @AfterEach
    void stop() {
        nodes.forEach(CamelContext::stop);
        kubernetes.close();
        server.destroy();
    }

    @Test
    void twoPodsElectOneLeaderThroughTheLeaseAndTheOtherTakesOverWhenItsPodIsNoLongerReady() throws Exception {
        pod("pod-a", true);
        pod("pod-b", true);
        Leadership a = join("pod-a");
        Leadership b = join("pod-b");

        await(() -> a.isLeader() || b.isLeader(), List.of(a, b));
        Leadership leader = a.isLeader() ? a : b;
        Leadership follower = leader == a ? b : a;
        assertEquals(Optional.of(leader.node()), holder());

        // What Kubernetes shows when the leader's container dies: its pod is no longer ready. camel-kubernetes
        // takes a Lease from a holder that is no ready pod of the namespace, not from one that only stopped renewing.
        nodes.get(leader == a ? 0 : 1).stop();
        pod(leader.node(), false);
        await(follower::isLeader, List.of(follower));
        assertEquals(Optional.of(follower.node()), holder());
    }

    /** What a node that leads more than its share of the desks does (DeskSpreader): the Lease goes to the other. */
    @Test
    void aPodThatStepsOutOfTheElectionHandsTheLeaseOnAndStepsBackInAsAFollower() throws Exception {
        pod("pod-a", true);
        pod("pod-b", true);
        Leadership a = join("pod-a");
        Leadership b = join("pod-b");
        await(() -> a.isLeader() || b.isLeader(), List.of(a, b));
        Leadership leader = a.isLeader() ? a : b;
        Leadership follower = leader == a ? b : a;
        ClusterServices leaders = elections.get(leader == a ? 0 : 1);

        leaders.stepOut(leader.namespace());
        await(follower::isLeader, List.of(a, b));
        assertEquals(Optional.of(follower.node()), holder());
        assertEquals("follower", leader.role(), "the pod that stepped out knows it follows");

        leaders.stepIn(leader.namespace());
        Thread.sleep(1000);
        assertEquals("follower", leader.role(), "back in, it follows the new leader");
        assertEquals(Optional.of(follower.node()), holder());
    }

    /** Until the condition holds, never with two of the running nodes leading at once. */
    private static void await(BooleanSupplier condition, List<Leadership> running) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertTrue(running.stream().filter(Leadership::isLeader).count() <= 1, "two pods lead at once");
            assertTrue(Instant.now().isBefore(deadline),
                    running.stream().map(node -> node.node() + ": " + node.role()).toList().toString());
            Thread.sleep(50);
        }
    }

    private Leadership join(String pod) throws Exception {
        Map<String, String> keys = new HashMap<>(LEASES);
        keys.putAll(Map.of("triage.cluster.service", "kubernetes",
                "triage.cluster.node", pod,
                "triage.cluster.kubernetes.namespace", NAMESPACE,
                "triage.cluster.kubernetes.master-url", server.url("/")));
        CamelContext camel = new DefaultCamelContext();
        keys.forEach(camel.getPropertiesComponent()::addInitialProperty);
        ClusterSettings settings = ClusterSettings.from(new TriageProperties(camel.getPropertiesComponent()),
                "freshdesk");
        ClusterServices services = new ClusterServices(camel, Clock.systemUTC());
        Leadership leadership = services.join(settings);
        elections.add(services);
        camel.start();
        nodes.add(camel);
        return leadership;
    }

    /** A running pod as the kubelet reports it: only one whose readiness probe passes may lead. */
    private void pod(String name, boolean ready) {
        kubernetes.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(name)
                .endMetadata().withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                .withStatus(ready ? "True" : "False").endCondition().endStatus().build())
                .createOr(NonDeletingOperation::update);
    }

    /** Who the Lease names as its holder. */
    private Optional<String> holder() {
        return Optional.ofNullable(lease()).map(lease -> lease.getSpec().getHolderIdentity())
                .filter(holder -> !holder.isEmpty());
    }

    private Lease lease() {
        return kubernetes.leases().inNamespace(NAMESPACE).withName("leaders-triage-freshdesk").get();
    }
}
