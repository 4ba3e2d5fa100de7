package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.DemoDesk;
import io.tickettriage.sim.MutableClock;
import io.tickettriage.sim.otobo.OperationType;
import io.tickettriage.sim.otobo.OtoboSettings;
import io.tickettriage.sim.otobo.OtoboSimulator;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --from-helpdesk otobo} through the real command line against an OTOBO simulator holding a help desk's
 * history: tickets people closed in a queue, and the tickets that must not be learned from.
 */
class TrainFromOtoboTest {

    private static final String PASSWORD = "otobo-history-pw-93c1";
    private static final int PAGE_SIZE = 10;
    private static final int PER_QUEUE = 8;
    /** Queue → the demo corpus queue whose tickets it holds; Misc is not mapped. */
    private static final Map<String, String> QUEUES = Map.of("Billing & Payments", "billing", "Technical Support",
            "technical-support", "Sales", "sales", "Misc", "orders-shipping");
    private static final List<String> PRIORITIES = List.of("2 low", "3 normal", "4 high", "5 very high");
    /** otobo.dynamic-field.tags by default, a multiselect field of the simulator's desk. */
    private static final String TAGS_FIELD = "TriageTags";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofDays(400)));
    private OtoboSimulator simulator;
    private final Properties properties = new Properties();
    private Path config;
    private ToolRun last;
    private Iterator<CorpusTicket> others;
    private int used;
    private int listed;

    @BeforeEach
    void seedTheHistory() throws Exception {
        simulator = OtoboSimulator.start(OtoboSettings.defaults("triage-bot", PASSWORD).withClock(clock));
        DemoCorpus corpus = DemoCorpus.load();
        others = corpus.heldOut().iterator();
        // Closed before the default --since window (a year): never listed.
        create(others.next(), "Sales", "closed successful", List.of());
        clock.set(Instant.now().minus(Duration.ofDays(30)));
        // A priority no mapping names: the ticket learns the priority's own name. The oldest of its queue, so that
        // it is trained on rather than held out with the newest.
        simulator.createHandledTicket("Sales", "closed successful", "1 very low", "Catalogue request",
                "Please send me your printed catalogue when it is convenient.", List.of());
        used++;
        for (Map.Entry<String, String> queue : QUEUES.entrySet()) {
            corpus.training().stream().filter(t -> t.queue().equals(queue.getValue())).limit(PER_QUEUE)
                    .forEach(t -> tag(create(t, queue.getKey(), used % 3 == 0 ? "closed unsuccessful"
                            : "closed successful", List.of()), customerTags(t)));
            used += PER_QUEUE;
        }
        for (int i = 0; i < 4; i++) {
            create(others.next(), "Billing & Payments", i % 2 == 0 ? "open" : "new", List.of());
        }
        create(others.next(), "Sales", "merged", List.of());
        for (int i = 0; i < 3; i++) {
            create(others.next(), "Technical Support", "closed successful", List.of("triaged"));
        }
        for (int i = 0; i < 2; i++) {
            create(others.next(), DemoDesk.REVIEW_QUEUE, "closed successful", List.of());
        }
        listed = used + 4 + 1 + 3 + 2;
        clock.set(Instant.now());

        Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        properties.setProperty("otobo.base-url", simulator.webserviceUrl());
        properties.setProperty("otobo.user-login", "triage-bot");
        properties.setProperty("otobo.password-file", dir.resolve("password").toString());
        properties.setProperty("otobo.page-size", String.valueOf(PAGE_SIZE));
        properties.setProperty("otobo.get-batch-size", "5");
        properties.setProperty("otobo.review-queue", DemoDesk.REVIEW_QUEUE);
        properties.setProperty("triage.retry.delay-ms", "50");
        properties.setProperty("otobo.queue-mapping",
                "billing=Billing & Payments,technical-support=Technical Support,sales=Sales");
        properties.setProperty("otobo.priority-mapping", "low=2 low,medium=3 normal,high=4 high,urgent=5 very high");
        config = dir.resolve("application.properties");
        writeConfig();
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    private String create(CorpusTicket ticket, String queue, String state, List<String> marker) {
        String id = simulator.createHandledTicket(queue, state, PRIORITIES.get(List.of("low", "medium", "high",
                "urgent").indexOf(ticket.priority())), ticket.subject(), ticket.description(), marker);
        clock.advance(Duration.ofSeconds(61));
        return id;
    }

    /** Agents' values in the tags field, as they set them in the agent interface. */
    private void tag(String id, List<String> tags) {
        tags.forEach(tag -> simulator.addDynamicFieldValue(id, TAGS_FIELD, tag));
    }

    /** The tags people gave a ticket: the corpus's topics, and the customer's standing. */
    private static List<String> customerTags(CorpusTicket ticket) {
        List<String> tags = new ArrayList<>(ticket.tags());
        tags.add("vip");
        return tags;
    }

    private void writeConfig() throws Exception {
        try (Writer out = Files.newBufferedWriter(config)) {
            properties.store(out, "train --from-helpdesk otobo test");
        }
    }

    private int run(String... args) {
        last = ToolRun.of("", args);
        assertFalse(last.out().contains(PASSWORD) || last.err().contains(PASSWORD), "the password is never shown");
        return last.exitCode();
    }

    private String[] train(Path bundle, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--from-helpdesk", "otobo", "--config",
                config.toString(), "--out", bundle.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void trainsOnTicketsPeopleClosedInAQueue() throws Exception {
        Path bundle = dir.resolve("bundle");
        assertEquals(0, run(train(bundle)), last.err());
        String err = last.err();

        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        assertEquals(used, manifest.path("rows").asInt(), "only tickets of a closed state in a queue, by people");
        JsonNode source = manifest.path("source");
        assertEquals("otobo", source.path("helpdesk").asText());
        assertEquals(simulator.webserviceUrl(), source.path("url").asText());
        assertEquals(listed, source.path("ticketsListed").asInt(), "the year-old ticket is not listed");
        JsonNode leftOut = source.path("leftOut");
        assertEquals(5, leftOut.path("not closed").asInt(), "open, new and merged");
        assertEquals(3, leftOut.path("labelled by ticket-triage (marker field)").asInt());
        assertEquals(2, leftOut.path("in the review queue").asInt());
        assertTrue(err.contains(listed + " tickets listed, " + used + " used (0 corrected by agents, kept); left out 5 not closed, 3 labelled by "
                + "ticket-triage (marker field), 2 in the review queue"), err);
        int searches = simulator.answered(OperationType.TICKET_SEARCH);
        assertTrue(searches > 1, "more than one page");
        assertTrue(err.contains("OTOBO: " + searches + " pages, " + listed + " tickets listed, " + used + " kept"),
                err);

        try (LinearTicketModel model = LinearTicketModel.load(bundle.resolve("model.onnx"))) {
            assertEquals(Set.of("billing", "technical-support", "sales", "Misc"), labels(model, "queue"),
                    "mapped labels, else the queue's name; never the review queue");
            assertTrue(labels(model, "priority").contains("1 very low"), labels(model, "priority").toString());
        }
        assertEquals(0, run("classify", "--model", bundle.resolve("model.onnx").toString(),
                "Please refund the duplicate charge on my invoice"));
        assertTrue(last.out().lines().anyMatch(l -> l.matches("\\s+queue\\s+\\S.*")), last.out());
    }

    @Test
    void aTagsHeadLearnsTheTagsFieldsValuesWithoutOurs() throws Exception {
        // Triaged months ago and closed as it stood: the review and the duplicate value beside the topics, and the
        // marker, in the tags field too. The oldest of the history, so that they are trained on rather than held out
        // with the newest.
        clock.set(Instant.now().minus(Duration.ofDays(200)));
        for (CorpusTicket t : LearntTags.triagedBilling(PER_QUEUE)) {
            List<String> tags = LearntTags.withOurs(t, "triaged", "needs-review", "possible-duplicate");
            tag(create(t, "Billing & Payments", "closed successful", List.of("triaged")), tags);
        }
        clock.set(Instant.now());
        Path bundle = dir.resolve("tagged");
        assertEquals(0, run(train(bundle, LearntTags.TRAIN_OPTIONS)), last.err());
        assertTrue(last.err().contains("tags: the dynamic field TriageTags, sent with each ticket; ticket-triage's "
                + "own needs-review, possible-duplicate, triaged are left out"), last.err());
        JsonNode source = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).path("source");
        assertEquals(used + 3 + 4, source.path("ticketsUsed").asInt());
        LearntTags.assertCustomersTagsOnly(bundle);

        // Without a tags field there is nothing to learn the head from: said before anything is read.
        properties.setProperty("otobo.dynamic-field.tags", "");
        writeConfig();
        assertEquals(2, run(train(dir.resolve("no-field"), "--label", "tags=tags")));
        assertEquals("ticket-triage train: a tags head learns the values of otobo.dynamic-field.tags, which is empty "
                + "(off): name the multiselect dynamic field that holds the tickets' tags", last.err().strip());
    }

    @Test
    void includeTriagedLearnsFromMarkedTickets() throws Exception {
        assertEquals(0, run(train(dir.resolve("bundle"), "--include-triaged")), last.err());
        JsonNode source = new ObjectMapper().readTree(dir.resolve("bundle/manifest.json").toFile()).path("source");
        assertEquals(used + 3, source.path("ticketsUsed").asInt());
    }

    @Test
    void aRefusedPasswordIsOneClearLineAndExitCode2() throws Exception {
        Files.writeString(dir.resolve("password"), "not-" + PASSWORD);
        assertEquals(2, run(train(dir.resolve("bundle"))));
        List<String> lines = last.err().strip().lines().toList();
        assertEquals(1, lines.size(), last.err());
        assertTrue(lines.get(0).startsWith("ticket-triage train: "), lines.get(0));
        assertTrue(lines.get(0).contains("check otobo.user-login and OTOBO_PASSWORD"), lines.get(0));
        assertFalse(last.err().contains("not-" + PASSWORD));
        assertFalse(Files.exists(dir.resolve("bundle")));
    }

    @Test
    void twoLabelsForOneQueueStopTheRun() throws Exception {
        properties.setProperty("otobo.queue-mapping", "sales=Sales,presales=Sales");
        writeConfig();
        assertEquals(2, run(train(dir.resolve("bundle"))));
        assertEquals("ticket-triage train: otobo.queue-mapping for 'sales' and otobo.queue-mapping for 'presales' "
                + "both name queue Sales, so its tickets cannot be given one label to learn: keep one of the two",
                last.err().strip());
    }

    private static Set<String> labels(LinearTicketModel model, String head) {
        return new TreeSet<>(model.descriptor().head(head).map(HeadSpec::labels).orElseThrow());
    }
}
