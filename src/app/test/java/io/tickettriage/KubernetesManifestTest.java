package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.tickettriage.config.TriageProperties;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes deployment that src/site/markdown/cluster.md shows, src/app/main/kubernetes/ticket-triage.yaml, holds
 * together: the variables it sets are configuration keys the service reads, and the replicas' service account may do
 * with Leases and pods what the leader election does.
 */
class KubernetesManifestTest {

    private static final Path MANIFEST = Path.of("src/app/main/kubernetes/ticket-triage.yaml");
    private static final Set<String> LEASE_VERBS = Set.of("get", "list", "watch", "create", "update", "patch");

    @Test
    void everyVariableTheReplicasGetIsAConfigurationKey() throws Exception {
        Properties configuration = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            configuration.load(reader);
        }
        Set<String> variables = configuration.stringPropertyNames().stream().map(TriageProperties::environmentName)
                .collect(Collectors.toSet());
        JsonNode container = deployment().at("/spec/template/spec/containers/0");
        List<String> set = new ArrayList<>();
        container.get("env").forEach(variable -> set.add(variable.get("name").asText()));
        assertTrue(set.containsAll(List.of("TRIAGE_STATE_STORE", "TRIAGE_STATE_JDBC_URL", "TRIAGE_CLUSTER_SERVICE",
                "TRIAGE_CLUSTER_NODE")), "the replicas share the database and elect by a Lease: " + set);
        for (String name : set) {
            assertTrue(variables.contains(name), name + " is no key of config/application.properties");
        }
        assertEquals("metadata.name", env(container, "TRIAGE_CLUSTER_NODE").at("/valueFrom/fieldRef/fieldPath")
                .asText(), "the node is the pod's name, which the Lease names");
        assertEquals("kubernetes", env(container, "TRIAGE_CLUSTER_SERVICE").get("value").asText());
        assertEquals("jdbc", env(container, "TRIAGE_STATE_STORE").get("value").asText());
    }

    @Test
    void theReplicasMayHoldLeasesAndSeeThePods() throws Exception {
        List<JsonNode> documents = documents();
        JsonNode deployment = deployment();
        assertEquals(2, deployment.at("/spec/replicas").asInt());
        String account = deployment.at("/spec/template/spec/serviceAccountName").asText();
        assertTrue(ofKind(documents, "ServiceAccount").stream()
                .anyMatch(sa -> sa.at("/metadata/name").asText().equals(account)), "no ServiceAccount " + account);
        JsonNode binding = ofKind(documents, "RoleBinding").stream()
                .filter(b -> StreamSupport.stream(b.get("subjects").spliterator(), false).anyMatch(subject ->
                        subject.get("kind").asText().equals("ServiceAccount")
                                && subject.get("name").asText().equals(account)))
                .findFirst().orElseThrow(() -> new AssertionError("no RoleBinding for " + account));
        JsonNode role = ofKind(documents, "Role").stream()
                .filter(r -> r.at("/metadata/name").asText().equals(binding.at("/roleRef/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no Role " + binding.at("/roleRef/name")));
        assertTrue(allows(role, "coordination.k8s.io", "leases", LEASE_VERBS), "leases: " + role);
        assertTrue(allows(role, "", "pods", Set.of("get", "list")), "pods: " + role);
    }

    @Test
    void theProbesAskTheManagementPortsHealth() throws Exception {
        JsonNode container = deployment().at("/spec/template/spec/containers/0");
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            JsonNode get = container.at("/" + probe + "/httpGet");
            assertEquals("/observe/health", get.get("path").asText(), probe);
            String port = get.get("port").asText();
            assertTrue(port.equals("9876") || StreamSupport.stream(container.get("ports").spliterator(), false)
                    .anyMatch(p -> p.get("name").asText().equals(port) && p.get("containerPort").asInt() == 9876),
                    probe + " asks port " + port);
        }
    }

    private static boolean allows(JsonNode role, String group, String resource, Set<String> verbs) {
        Set<String> granted = StreamSupport.stream(role.get("rules").spliterator(), false)
                .filter(rule -> texts(rule.get("apiGroups")).contains(group)
                        && texts(rule.get("resources")).contains(resource))
                .flatMap(rule -> texts(rule.get("verbs")).stream())
                .collect(Collectors.toSet());
        return granted.contains("*") || granted.containsAll(verbs);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode env(JsonNode container, String name) {
        return StreamSupport.stream(container.get("env").spliterator(), false)
                .filter(variable -> variable.get("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode deployment() throws Exception {
        List<JsonNode> deployments = ofKind(documents(), "Deployment");
        assertEquals(1, deployments.size(), "one Deployment");
        return deployments.get(0);
    }

    private static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(document -> document.path("kind").asText().equals(kind)).toList();
    }

    private static List<JsonNode> documents() throws Exception {
        ObjectMapper mapper = JsonMapper.builder().build();
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(MANIFEST.toFile())) {
            mapper.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }
}
