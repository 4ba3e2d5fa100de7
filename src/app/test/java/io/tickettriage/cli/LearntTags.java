package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.LinearTicketModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What every desk's train-from-history test checks of a model trained with a tags head. */
final class LearntTags {

    private LearntTags() {
    }

    /**
     * The bundle's model has a queue and a tags head, and the tags are the customers' own (among them {@code vip}),
     * never ticket-triage's marker, review or duplicate values, in any case.
     */
    static void assertCustomersTagsOnly(Path bundle) throws Exception {
        try (LinearTicketModel model = LinearTicketModel.load(bundle.resolve("model.onnx"))) {
            assertEquals(List.of("queue", "tags"), model.heads().stream().map(HeadSpec::name).toList());
            Set<String> tags = new TreeSet<>(model.descriptor().head("tags").map(HeadSpec::labels).orElseThrow());
            assertTrue(tags.contains("vip") && tags.size() > 1, "the tickets' own tags: " + tags);
            assertTrue(tags.stream().map(String::toLowerCase)
                    .noneMatch(Set.of("triaged", "needs-review", "possible-duplicate")::contains),
                    "never ticket-triage's own: " + tags);
        }
    }
}
