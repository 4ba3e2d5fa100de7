package io.tickettriage.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed Kamelet reference pages are what the definitions make now. The pages are compared in memory; nothing
 * is written into the project folder.
 */
class KameletReferenceTest {

    private static final String HOW = "\nRegenerate the pages from the project folder:\n  " + KameletReference.REGENERATE;

    private final KameletReference reference = new KameletReference();

    @Test
    void theCommittedPagesAreTheGeneratedOnes() throws Exception {
        Map<String, String> pages = reference.pages(KameletReference.KAMELETS);
        Set<String> committed;
        try (Stream<Path> files = Files.list(KameletReference.PAGES)) {
            committed = files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(pages.keySet(), committed, "the pages are not those of routes/kamelets/" + HOW);
        for (Map.Entry<String, String> page : pages.entrySet()) {
            assertEquals(page.getValue(), Files.readString(KameletReference.PAGES.resolve(page.getKey())),
                    page.getKey() + " is not what its Kamelet's definition makes now" + HOW);
        }
    }

    @Test
    void aPageShowsEveryPropertyTheDataTypesAndAUsableRoute(@TempDir Path kamelets) throws Exception {
        Files.writeString(kamelets.resolve("acme-send-sink.kamelet.yaml"), """
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: acme-send-sink
                  labels:
                    camel.apache.org/kamelet.type: sink
                  annotations:
                    camel.apache.org/provider: "Acme"
                    camel.apache.org/kamelet.group: "Acme"
                    camel.apache.org/kamelet.support.level: "Stable"
                spec:
                  definition:
                    title: Acme Send Sink
                    description: Sends a message to Acme.
                    required: [url, token]
                    properties:
                      url:
                        title: URL
                        description: Where | to send
                        type: string
                        example: "https://acme.example"
                      token:
                        title: Token
                        description: The token
                        type: string
                        format: password
                      mode:
                        title: Mode
                        description: How
                        type: string
                        enum: ["fast", "safe"]
                        default: safe
                  dataTypes:
                    in:
                      default: text
                      types:
                        text:
                          format: "text-plain"
                          description: The message
                          mediaType: text/plain
                  dependencies:
                    - "camel:http"
                """);
        Map<String, String> pages = reference.pages(kamelets);
        assertEquals(Set.of("acme-send-sink.md", KameletReference.INDEX), pages.keySet());
        String page = pages.get("acme-send-sink.md");
        assertTrue(page.startsWith("<!-- Generated from routes/kamelets/acme-send-sink.kamelet.yaml"), page);
        assertTrue(page.contains("\n# Acme Send Sink\n"), page);
        assertTrue(page.contains("| `url` | URL | Where \\| to send | string |  | yes |"), page);
        assertTrue(page.contains("| `token` | Token | The token | string (password) |  | yes |"), page);
        assertTrue(page.contains("| `mode` | Mode | How | string: `fast`, `safe` | `safe` | no |"), page);
        assertTrue(page.contains("| in | `text` (default) | text-plain | text/plain | The message |"), page);
        assertTrue(page.contains("- `camel:http`"), page);
        assertTrue(page.contains("""
                      steps:
                        - to:
                            uri: kamelet:acme-send-sink
                            parameters:
                              url: "https://acme.example"
                              token: "{{token}}"
                """), page);
        assertTrue(pages.get(KameletReference.INDEX).contains("| [acme-send-sink](acme-send-sink.md) | sink | Acme Send Sink |"));
    }
}
