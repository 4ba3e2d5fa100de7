package io.tickettriage.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.config.TriageProperties;
import java.time.Duration;
import java.util.Map;
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
        assertEquals(Duration.ofSeconds(1), cluster.interval());
    }

    private static ClusterSettings settings(Map<String, String> keys) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            keys.forEach(camel.getPropertiesComponent()::addInitialProperty);
            return ClusterSettings.from(new TriageProperties(camel.getPropertiesComponent()), "zammad");
        }
    }
}
