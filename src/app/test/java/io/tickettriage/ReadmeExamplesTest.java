package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples of the README and the manual are the tested ones, character for character: the YAML application that
 * {@link ForeignYamlAppTest} runs and the Java route of {@link EmbeddedInAnotherCamelAppTest} (both in the embedding
 * page), the Kubernetes deployment that {@link KubernetesManifestTest} checks (in the cluster page), and the README's
 * test command, which is the one CI runs.
 */
class ReadmeExamplesTest {

    private static final Path README = Path.of("README.md");
    private static final Path EMBEDDING = Path.of("src/site/markdown/embedding.md");
    private static final Path CLUSTER = Path.of("src/site/markdown/cluster.md");

    @Test
    void theYamlApplicationIsTheTestedFile() throws Exception {
        String yaml = Files.readString(Path.of("src/app/test/resources/foreign-app/triage-freshdesk.camel.yaml"));
        assertTrue(Files.readString(EMBEDDING).contains("```yaml\n" + yaml + "```"),
                EMBEDDING + " shows triage-freshdesk.camel.yaml as it is");
    }

    @Test
    void theKubernetesDeploymentIsTheManifestFile() throws Exception {
        String manifest = Files.readString(Path.of("src/app/main/kubernetes/ticket-triage.yaml"));
        assertTrue(Files.readString(CLUSTER).contains("```yaml\n" + manifest + "```"),
                CLUSTER + " shows src/app/main/kubernetes/ticket-triage.yaml as it is");
    }

    @Test
    void theJavaRouteIsTheTestedOne() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/app/test/java/io/tickettriage/EmbeddedInAnotherCamelAppTest.java"));
        int first = indexOf(lines, "String freshdesk = ");
        int last = first;
        while (!lines.get(last).strip().equals("};")) {
            last++;
        }
        int indent = lines.get(first).indexOf('S');
        StringBuilder route = new StringBuilder();
        for (String line : lines.subList(first, last + 1)) {
            route.append(line.length() > indent ? line.substring(indent) : line.strip()).append('\n');
        }
        assertTrue(Files.readString(EMBEDDING).contains("```java\n" + route + "```"),
                EMBEDDING + " shows the host route of EmbeddedInAnotherCamelAppTest as it is:\n" + route);
    }

    @Test
    void theReadmesTestCommandIsTheOneCiRuns() throws Exception {
        List<String> ci = Files.readAllLines(Path.of(".ci/run"));
        String command = ci.get(ci.size() - 1).strip();
        assertTrue(Files.readString(README).contains("```bash\n" + command + "\n```"),
                "README.md shows the test command that .ci/run runs: " + command);
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + start);
    }
}
