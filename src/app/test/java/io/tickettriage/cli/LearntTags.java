package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What every desk's train-from-history test sets up and checks for a model trained with a tags head. */
final class LearntTags {

    /**
     * The train options after the bundle: queue and tags heads, triaged tickets learnt from, tags on 3 tickets enough
     * (the desks' histories are small), no settings search.
     */
    static final String[] TRAIN_OPTIONS = {"--include-triaged", "--label", "queue=queue", "--label", "tags=tags",
        "--fewest-per-tag", "3", "--search-budget", "0"};

    private LearntTags() {
    }

    /** Four billing tickets of the demo corpus after the first {@code skip}: the triaged ones of the history. */
    static List<CorpusTicket> triagedBilling(int skip) {
        return DemoCorpus.load().training().stream().filter(t -> t.queue().equals("billing")).skip(skip).limit(4)
                .toList();
    }

    /** The ticket's own tags, then ticket-triage's marker, review and duplicate values as the desk keeps them. */
    static List<String> withOurs(CorpusTicket ticket, String... ours) {
        List<String> tags = new ArrayList<>(ticket.tags());
        tags.addAll(List.of(ours));
        return tags;
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
