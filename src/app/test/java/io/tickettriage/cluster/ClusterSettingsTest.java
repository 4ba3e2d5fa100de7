package io.tickettriage.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.config.TriageProperties;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** One trigger prefix decides whether a node polls on its own or only as its help desk's leader. */
class ClusterSettingsTest {

    @Test
    void aSingleNodeKeepsItsTriggersAsTheyAre() throws Exception {
        ClusterSettings single = settings(Map.of());
        assertFalse(single.clustered());
        assertEquals("", single.triggerPrefix());
    }

    @Test
    void aFileClusterPutsTheTriggersUnderMasterPerHelpDesk() throws Exception {
        ClusterSettings cluster = settings(Map.of("triage.cluster.service", "file",
                "triage.cluster.file.root", "/shared/triage", "triage.cluster.node", "node-a"));
        assertTrue(cluster.clustered());
        assertEquals("master:triage-zammad:", cluster.triggerPrefix());
        assertEquals("node-a", cluster.node());
        assertEquals(Optional.of(new Election.FileLock("/shared/triage", Duration.ofSeconds(1))), cluster.election());
    }

    @Test
    void zooKeeperAndKubernetesHaveTheirDefaults() throws Exception {
        assertEquals(Optional.of(new Election.ZooKeeper("zk1:2181,zk2:2181", "/ticket-triage", Duration.ofSeconds(10))),
                settings(Map.of("triage.cluster.service", "zookeeper",
                        "triage.cluster.zookeeper.nodes", "zk1:2181,zk2:2181")).election());
        assertEquals(Optional.of(new Election.Kubernetes("", "", Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(2))), settings(Map.of("triage.cluster.service", "kubernetes")).election());
    }

    @Test
    void inKubernetesTheNodeIsTheHostNameThatIsThePodsName() throws Exception {
        String host = InetAddress.getLocalHost().getHostName();
        assertEquals(host, settings(Map.of("triage.cluster.service", "kubernetes")).node());
        assertEquals(host + "-" + ProcessHandle.current().pid(),
                settings(Map.of("triage.cluster.service", "zookeeper", "triage.cluster.zookeeper.nodes", "zk:2181"))
                        .node());
    }

    private static ClusterSettings settings(Map<String, String> keys) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            keys.forEach(camel.getPropertiesComponent()::addInitialProperty);
            return ClusterSettings.from(new TriageProperties(camel.getPropertiesComponent()), "zammad");
        }
    }
}
