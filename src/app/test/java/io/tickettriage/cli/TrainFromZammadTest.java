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
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.zammad.ZammadSettings;
import io.tickettriage.sim.zammad.ZammadSimulator;
import io.tickettriage.sim.zammad.ZammadTicketDraft;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --from-helpdesk zammad} through the real command line against a Zammad simulator holding a help desk's
 * history: closed tickets people put in groups, and the tickets that must not be learned from.
 */
class TrainFromZammadTest {

    private static final String TOKEN = "zammad-history-token-4b1e";
    private static final int PAGE_SIZE = 10;
    private static final int PER_GROUP = 8;
    /** Group → the demo corpus queue whose tickets it holds. */
    private static final Map<String, String> GROUPS = Map.of("Billing", "billing", "Technical Support",
            "technical-support", "Sales", "sales", "Hardware", "orders-shipping");
    private static final List<String> PRIORITIES = List.of("1 low", "2 normal", "3 high");

    @TempDir
    Path dir;
    private ZammadSimulator simulator;
    private final Properties properties = new Properties();
    private Path config;
    private ToolRun last;
    private Instant at = Instant.now().minus(Duration.ofDays(30));
    private Iterator<CorpusTicket> others;
    private int used;
    private int listed;

    @BeforeEach
    void seedTheHistory() throws Exception {
        simulator = ZammadSimulator.start(ZammadSettings.defaults(TOKEN, List.of("Users", "Billing",
                "Technical Support", "Sales", "Hardware", "Triage Review")));
        DemoCorpus corpus = DemoCorpus.load();
        others = corpus.heldOut().iterator();
        // Closed before the default --since window (a year): never listed.
        create(others.next(), "Billing", "closed", List.of(), Instant.now().minus(Duration.ofDays(400)));
        create(others.next(), "Sales", "closed", List.of(), Instant.now().minus(Duration.ofDays(380)));
        for (Map.Entry<String, String> group : GROUPS.entrySet()) {
            corpus.training().stream().filter(t -> t.queue().equals(group.getValue())).limit(PER_GROUP)
                    .forEach(t -> create(t, group.getKey(), "closed", customerTags(t), next()));
            used += PER_GROUP;
        }
        for (int i = 0; i < 5; i++) {
            create(others.next(), "Billing", i % 2 == 0 ? "open" : "new", List.of(), next());
        }
        for (int i = 0; i < 3; i++) {
            create(others.next(), "Sales", "merged", List.of(), next());
        }
        for (int i = 0; i < 4; i++) {
            create(others.next(), "Technical Support", "closed", List.of("triaged"), next());
        }
        for (int i = 0; i < 3; i++) {
            create(others.next(), "Triage Review", "closed", List.of(), next());
        }
        listed = used + 5 + 3 + 4 + 3;

        Files.writeString(dir.resolve("token"), TOKEN + "\n");
        properties.setProperty("zammad.base-url", simulator.baseUrl());
        properties.setProperty("zammad.api-token-file", dir.resolve("token").toString());
        properties.setProperty("zammad.page-size", String.valueOf(PAGE_SIZE));
        properties.setProperty("zammad.review-group", "Triage Review");
        properties.setProperty("triage.retry.delay-ms", "50");
        // Hardware is not mapped: its tickets learn the group's name.
        properties.setProperty("zammad.queue-mapping",
                "billing=Billing,technical-support=Technical Support,sales=Sales");
        properties.setProperty("zammad.priority-mapping", "low=1 low,medium=2 normal,high=3 high");
        config = dir.resolve("application.properties");
        writeConfig();
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    private Instant next() {
        at = at.plusSeconds(60);
        return at;
    }

    private void create(CorpusTicket ticket, String group, String state, List<String> tags, Instant when) {
        String priority = PRIORITIES.get(Math.min(2, List.of("low", "medium", "high", "urgent")
                .indexOf(ticket.priority())));
        simulator.createTicket(ZammadTicketDraft.email(ticket.subject(), ticket.descriptionHtml()).inGroup(group)
                .inState(state).withPriority(priority).withTags(tags).at(when));
    }

    /** The tags people gave a ticket: the corpus's topics, and the customer's standing. */
    private static List<String> customerTags(CorpusTicket ticket) {
        List<String> tags = new ArrayList<>(ticket.tags());
        tags.add("vip");
        return tags;
    }

    private void writeConfig() throws Exception {
        try (Writer out = Files.newBufferedWriter(config)) {
            properties.store(out, "train --from-helpdesk zammad test");
        }
    }

    private int run(String... args) {
        last = ToolRun.of("", args);
        assertFalse(last.out().contains(TOKEN) || last.err().contains(TOKEN), "the token is never shown");
        return last.exitCode();
    }

    private String[] train(Path bundle, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--from-helpdesk", "zammad", "--config",
                config.toString(), "--out", bundle.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private List<RecordedRequest> requests(String pathPrefix) {
        return simulator.requests().stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    @Test
    void trainsOnClosedTicketsPeopleGaveAGroupWithTheirFirstArticles() throws Exception {
        Path bundle = dir.resolve("bundle");
        assertEquals(0, run(train(bundle)), last.err());
        String err = last.err();

        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        assertEquals(used, manifest.path("rows").asInt(), "only closed tickets in a group, by people");
        JsonNode source = manifest.path("source");
        assertEquals("zammad", source.path("helpdesk").asText());
        assertEquals(simulator.baseUrl(), source.path("url").asText());
        assertEquals(listed, source.path("ticketsListed").asInt(), "the year-old tickets are not listed");
        assertEquals(used, source.path("ticketsUsed").asInt());
        JsonNode leftOut = source.path("leftOut");
        assertEquals(8, leftOut.path("not closed").asInt(), "open, new and merged");
        assertEquals(4, leftOut.path("labelled by ticket-triage (marker tag)").asInt());
        assertEquals(3, leftOut.path("in the review group").asInt());
        assertTrue(manifest.path("data").asText().startsWith("Zammad " + simulator.baseUrl()
                + ", closed tickets updated since "), manifest.path("data").asText());
        assertTrue(err.contains("Zammad " + simulator.baseUrl() + ", closed tickets updated since "), err);
        assertTrue(err.contains(listed + " tickets listed, " + used + " used (0 corrected by agents, kept); left out 8 not closed, 4 labelled by "
                + "ticket-triage (marker tag), 3 in the review group"), err);

        try (LinearTicketModel model = LinearTicketModel.load(bundle.resolve("model.onnx"))) {
            assertEquals(Set.of("billing", "technical-support", "sales", "Hardware"), labels(model, "queue"),
                    "mapped labels, else the group's name; never the review group");
            assertTrue(Set.of("low", "medium", "high").containsAll(labels(model, "priority")),
                    labels(model, "priority").toString());
        }
        assertEquals(0, run("classify", "--model", bundle.resolve("model.onnx").toString(),
                "Please refund the duplicate charge on my invoice"));
        assertTrue(last.out().lines().anyMatch(l -> l.matches("\\s+queue\\s+\\S.*")), last.out());

        List<RecordedRequest> searches = requests("/api/v1/tickets/search");
        assertTrue(searches.stream().allMatch(r -> r.status() == 200 && r.query().contains("per_page=" + PAGE_SIZE)
                && r.query().contains("sort_by=updated_at") && r.query().contains("expand=true")), "" + searches);
        int markerPages = 1;
        // Every page after the first starts at the newest ticket of the one before, which it lists again.
        int pages = (listed - PAGE_SIZE) / (PAGE_SIZE - 1) + 2;
        assertEquals(markerPages + pages, searches.size(), "the marker's search, then every page by key");
        assertTrue(err.contains("Zammad: " + searches.size() + " pages, " + listed + " tickets listed, " + used
                + " kept"), err);
        assertEquals(used, requests("/api/v1/ticket_articles/by_ticket/").size(),
                "the articles of the tickets used, and of no other");
    }

    @Test
    void aTagsHeadLearnsEachTicketsTagsReadOneCallPerTicketUsedWithoutOurOwn() throws Exception {
        // Triaged months ago and closed as it stood: the marker, the review and the duplicate tag beside the topics.
        // The oldest of the history, so that they are trained on rather than held out with the newest.
        Instant early = Instant.now().minus(Duration.ofDays(200));
        for (CorpusTicket t : LearntTags.triagedBilling(PER_GROUP)) {
            List<String> tags = LearntTags.withOurs(t, "triaged", "needs-review", "possible-duplicate");
            create(t, "Billing", "closed", tags, early);
            early = early.plusSeconds(60);
        }
        Path bundle = dir.resolve("tagged");
        assertEquals(0, run(train(bundle, LearntTags.TRAIN_OPTIONS)), last.err());
        assertTrue(last.err().contains("tags: the tickets' tags, one call per ticket used (GET /api/v1/tags): "
                + "Zammad's search answers carry none; ticket-triage's own needs-review, possible-duplicate, triaged "
                + "are left out"), last.err());

        int usedNow = used + 4 + 4;
        JsonNode source = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).path("source");
        assertEquals(usedNow, source.path("ticketsUsed").asInt());
        assertEquals(List.of("needs-review", "possible-duplicate", "triaged"), texts(source.path("tagsLeftOut")));
        assertEquals(usedNow, requests("/api/v1/tags").size(), "one tags call per ticket used, and for no other");
        assertTrue(requests("/api/v1/tags").stream().allMatch(r -> r.status() == 200
                && r.query().startsWith("object=Ticket&o_id=")), "" + requests("/api/v1/tags"));
        LearntTags.assertCustomersTagsOnly(bundle);
    }

    @Test
    void includeTriagedLearnsFromMarkedTicketsWithoutSearchingForThem() throws Exception {
        assertEquals(0, run(train(dir.resolve("bundle"), "--include-triaged")), last.err());
        JsonNode source = new ObjectMapper().readTree(dir.resolve("bundle/manifest.json").toFile()).path("source");
        assertEquals(used + 4, source.path("ticketsUsed").asInt());
        assertEquals("included", source.path("markerTagged").asText());
        assertTrue(requests("/api/v1/tickets/search").stream().noneMatch(r -> r.query().contains("tags")));
    }

    @Test
    void waitsOutAProxysRateLimitAsRetryAfterAsks() {
        // Zammad itself does not throttle its API; a reverse proxy in front of it may.
        simulator.injectFault(new Fault("GET", "/api/v1/tickets/search", 429, 1, 1));
        long start = System.nanoTime();
        assertEquals(0, run(train(dir.resolve("bundle"))), last.err());
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(1).toNanos(), "waited the Retry-After second");
        List<RecordedRequest> searches = requests("/api/v1/tickets/search");
        assertEquals(429, searches.get(0).status());
        assertEquals(searches.get(0).query(), searches.get(1).query(), "the same page again");
    }

    @Test
    void aRefusedTokenIsOneClearLineAndExitCode2() throws Exception {
        Files.writeString(dir.resolve("token"), "not-" + TOKEN);
        assertEquals(2, run(train(dir.resolve("bundle"))));
        List<String> lines = last.err().strip().lines().toList();
        assertEquals(1, lines.size(), last.err());
        assertTrue(lines.get(0).startsWith("ticket-triage train: Zammad at " + simulator.baseUrl()
                + " refused our credentials (HTTP 401"), lines.get(0));
        assertTrue(lines.get(0).endsWith("; check ZAMMAD_API_TOKEN (a token of an agent, with the ticket.agent "
                + "scope)"), lines.get(0));
        assertFalse(Files.exists(dir.resolve("bundle")));
    }

    @Test
    void twoLabelsForOneGroupStopTheRun() throws Exception {
        properties.setProperty("zammad.queue-mapping", "billing=Billing,invoices=Billing,sales=Sales");
        writeConfig();
        assertEquals(2, run(train(dir.resolve("bundle"))));
        assertEquals("ticket-triage train: zammad.queue-mapping for 'billing' and zammad.queue-mapping for 'invoices' "
                + "both name group Billing, so its tickets cannot be given one label to learn: keep one of the two",
                last.err().strip());
        assertTrue(simulator.requests().isEmpty(), "nothing is read");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static Set<String> labels(LinearTicketModel model, String head) {
        return new TreeSet<>(model.descriptor().head(head).map(HeadSpec::labels).orElseThrow());
    }
}
