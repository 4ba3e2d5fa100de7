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
import io.tickettriage.sim.rt.RtSimulator;
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
 * {@code train --from-helpdesk rt} through the real command line against a Request Tracker simulator holding a help
 * desk's history: tickets people resolved in a queue, and the tickets that must not be learned from. HTTP Basic
 * with the password from a file, as a site without auth tokens would run it.
 */
class TrainFromRtTest {

    private static final String PASSWORD = "rt-history-pw-5be0";
    private static final String USER = "triage-bot";
    private static final int PAGE_SIZE = 10;
    private static final int PER_QUEUE = 8;
    /** Queue → the demo corpus queue whose tickets it holds; Incoming is not mapped. */
    private static final Map<String, String> QUEUES = Map.of("Billing & Payments", "billing", "Technical Support",
            "technical-support", "Sales", "sales", "Incoming", "orders-shipping");
    private static final List<Integer> PRIORITIES = List.of(0, 50, 100, 150);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofDays(400)));
    private RtSimulator simulator;
    private final Properties properties = new Properties();
    private Path config;
    private ToolRun last;
    private Iterator<CorpusTicket> others;
    private int used;
    private int listed;

    @BeforeEach
    void seedTheHistory() throws Exception {
        simulator = RtSimulator.start(0, clock, "1-7-" + "ab".repeat(16), USER, PASSWORD);
        DemoCorpus corpus = DemoCorpus.load();
        others = corpus.heldOut().iterator();
        // Resolved before the default --since window (a year): never listed.
        create(others.next(), "Sales", "resolved");
        clock.set(Instant.now().minus(Duration.ofDays(30)));
        // A priority no mapping names: the ticket learns the number. The oldest of its queue, so that it is trained
        // on rather than held out with the newest.
        simulator.createHandledTicket("Sales", 25, "resolved", "Catalogue request",
                "Please send me your printed catalogue when it is convenient.");
        clock.advance(Duration.ofSeconds(61));
        used++;
        for (Map.Entry<String, String> queue : QUEUES.entrySet()) {
            corpus.training().stream().filter(t -> t.queue().equals(queue.getValue())).limit(PER_QUEUE)
                    .forEach(t -> tag(create(t, queue.getKey(), "resolved"), customerTags(t)));
            used += PER_QUEUE;
        }
        for (int i = 0; i < 4; i++) {
            create(others.next(), "Billing & Payments", i % 2 == 0 ? "open" : "stalled");
        }
        create(others.next(), "Sales", "rejected");
        for (int i = 0; i < 3; i++) {
            int id = create(others.next(), "Technical Support", "resolved");
            simulator.addCustomFieldValue(id, RtSimulator.MARKER_FIELD, "triaged");
            clock.advance(Duration.ofSeconds(1));
        }
        for (int i = 0; i < 2; i++) {
            create(others.next(), DemoDesk.REVIEW_QUEUE, "resolved");
        }
        listed = used + 4 + 1 + 3 + 2;
        clock.set(Instant.now());

        Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        properties.setProperty("rt.base-url", simulator.baseUrl());
        properties.setProperty("rt.user", USER);
        properties.setProperty("rt.password-file", dir.resolve("password").toString());
        properties.setProperty("rt.page-size", String.valueOf(PAGE_SIZE));
        properties.setProperty("rt.review-queue", DemoDesk.REVIEW_QUEUE);
        properties.setProperty("triage.retry.delay-ms", "50");
        properties.setProperty("rt.queue-mapping",
                "billing=Billing & Payments,technical-support=Technical Support,sales=Sales");
        properties.setProperty("rt.priority-mapping", "low=0,medium=50,high=100,urgent=150");
        config = dir.resolve("application.properties");
        writeConfig();
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    private int create(CorpusTicket ticket, String queue, String status) {
        int id = simulator.createHandledTicket(queue, PRIORITIES.get(List.of("low", "medium", "high", "urgent")
                .indexOf(ticket.priority())), status, ticket.subject(), ticket.description());
        clock.advance(Duration.ofSeconds(61));
        return id;
    }

    /** Values in the tags field (rt.custom-field.tags by default), as an agent sets them. */
    private void tag(int id, List<String> tags) {
        tags.forEach(tag -> simulator.addCustomFieldValue(id, RtSimulator.TAGS_FIELD, tag));
    }

    /** The tags people gave a ticket: the corpus's topics, and the customer's standing. */
    private static List<String> customerTags(CorpusTicket ticket) {
        List<String> tags = new ArrayList<>(ticket.tags());
        tags.add("vip");
        return tags;
    }

    private void writeConfig() throws Exception {
        try (Writer out = Files.newBufferedWriter(config)) {
            properties.store(out, "train --from-helpdesk rt test");
        }
    }

    private int run(String... args) {
        last = ToolRun.of("", args);
        assertFalse(last.out().contains(PASSWORD) || last.err().contains(PASSWORD), "the password is never shown");
        return last.exitCode();
    }

    private String[] train(Path bundle, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--from-helpdesk", "rt", "--config",
                config.toString(), "--out", bundle.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void trainsOnTicketsPeopleResolvedInAQueue() throws Exception {
        Path bundle = dir.resolve("bundle");
        assertEquals(0, run(train(bundle)), last.err());
        String err = last.err();

        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        assertEquals(used, manifest.path("rows").asInt(), "only tickets resolved in a queue, by people");
        JsonNode source = manifest.path("source");
        assertEquals("rt", source.path("helpdesk").asText());
        assertEquals(simulator.baseUrl(), source.path("url").asText());
        assertEquals(listed, source.path("ticketsListed").asInt(), "the year-old ticket is not listed");
        JsonNode leftOut = source.path("leftOut");
        assertEquals(5, leftOut.path("not resolved").asInt(), "open, stalled and rejected");
        assertEquals(3, leftOut.path("labelled by ticket-triage (marker field)").asInt());
        assertEquals(2, leftOut.path("in the review queue").asInt());
        assertTrue(err.contains(listed + " tickets listed, " + used + " used (0 corrected by agents, kept); left out "
                + "5 not resolved, 3 labelled by ticket-triage (marker field), 2 in the review queue"), err);
        int pages = source.path("pages").asInt();
        assertTrue(pages > 1, "more than one page: " + pages);
        assertTrue(err.contains("RT: " + pages + " pages, " + listed + " tickets listed, " + used + " kept"), err);

        try (LinearTicketModel model = LinearTicketModel.load(bundle.resolve("model.onnx"))) {
            assertEquals(Set.of("billing", "technical-support", "sales", "Incoming"), labels(model, "queue"),
                    "mapped labels, else the queue's name; never the review queue");
            assertTrue(labels(model, "priority").contains("25"), labels(model, "priority").toString());
        }
        // The text is the Create transaction's: a model trained on subjects alone would not know this one.
        assertEquals(0, run("classify", "--model", bundle.resolve("model.onnx").toString(),
                "Please refund the duplicate charge on my invoice"));
        assertTrue(last.out().lines().anyMatch(l -> l.matches("\\s+queue\\s+\\S.*")), last.out());
    }

    @Test
    void aTagsHeadLearnsTheTagsFieldsValuesWithoutOurs() throws Exception {
        // Triaged months ago and resolved as it stood: the review and the duplicate value beside the topics, and the
        // marker, in the tags field too. The oldest of the history, so that they are trained on rather than held out
        // with the newest.
        clock.set(Instant.now().minus(Duration.ofDays(200)));
        for (CorpusTicket t : LearntTags.triagedBilling(PER_QUEUE)) {
            int id = create(t, "Billing & Payments", "resolved");
            simulator.addCustomFieldValue(id, RtSimulator.MARKER_FIELD, "triaged");
            List<String> tags = LearntTags.withOurs(t, "triaged", "needs-review", "possible-duplicate");
            tag(id, tags);
        }
        clock.set(Instant.now());
        Path bundle = dir.resolve("tagged");
        assertEquals(0, run(train(bundle, LearntTags.TRAIN_OPTIONS)), last.err());
        assertTrue(last.err().contains("tags: the custom field " + RtSimulator.TAGS_FIELD + ", sent with each "
                + "ticket; ticket-triage's own needs-review, possible-duplicate, triaged are left out"), last.err());
        JsonNode source = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).path("source");
        assertEquals(used + 3 + 4, source.path("ticketsUsed").asInt());
        LearntTags.assertCustomersTagsOnly(bundle);

        // Without a tags field there is nothing to learn the head from: said before anything is read.
        properties.setProperty("rt.custom-field.tags", "");
        writeConfig();
        assertEquals(2, run(train(dir.resolve("no-field"), "--label", "tags=tags")));
        assertEquals("ticket-triage train: a tags head learns the values of rt.custom-field.tags, which is empty "
                + "(off): name the multi-value custom field that holds the tickets' tags", last.err().strip());
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
        assertTrue(lines.get(0).contains("check rt.user and RT_PASSWORD or RT_PASSWORD_FILE"), lines.get(0));
        assertFalse(last.err().contains("not-" + PASSWORD));
        assertFalse(Files.exists(dir.resolve("bundle")));
    }

    @Test
    void twoLabelsForOneQueueStopTheRun() throws Exception {
        properties.setProperty("rt.queue-mapping", "sales=Sales,presales=Sales");
        writeConfig();
        assertEquals(2, run(train(dir.resolve("bundle"))));
        assertEquals("ticket-triage train: rt.queue-mapping for 'sales' and rt.queue-mapping for 'presales' "
                + "both name queue Sales, so its tickets cannot be given one label to learn: keep one of the two",
                last.err().strip());
    }

    private static Set<String> labels(LinearTicketModel model, String head) {
        return new TreeSet<>(model.descriptor().head(head).map(HeadSpec::labels).orElseThrow());
    }
}
