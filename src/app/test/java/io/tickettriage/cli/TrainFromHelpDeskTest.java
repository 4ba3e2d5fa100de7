package io.tickettriage.cli;

import io.tickettriage.adapter.LabelMapping;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.state.FilePredictionLog;
import io.tickettriage.triage.Outcome;
import io.tickettriage.triage.Prediction;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.MutableClock;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.freshdesk.SimGroup;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import io.tickettriage.sim.freshdesk.TicketDraft;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --from-helpdesk freshdesk} through the real command line against a Freshdesk simulator that holds a
 * help desk's history: resolved and closed tickets people put in groups, and the tickets that must not be learned from.
 */
class TrainFromHelpDeskTest {

    private static final String API_KEY = "history-key-7f3a9c";
    private static final int PER_QUEUE = 12;
    private static final int PAGE_SIZE = 20;
    private static final String REVIEW_GROUP = "Triage Review";
    /** A group only an agent's correction puts a ticket in. */
    private static final SimGroup ESCALATIONS = new SimGroup(43_000_100_900L, "Escalations", "agents only");

    @TempDir
    Path dir;
    private FreshdeskSimulator simulator;
    private Map<String, SimGroup> groups;
    private Path config;
    private final Properties properties = new Properties();
    private ToolRun last;
    private MutableClock clock;
    private Map<String, String> shippedQueues;
    private int used;
    private int listed;

    @BeforeEach
    void seedTheHistory() throws Exception {
        // The demo desk's groups, named as the shipped configuration maps the demo corpus's queues.
        shippedQueues = LabelMapping.parse(TriageProperties.load("file:config/application.properties")
                .text("freshdesk.queue-mapping", ""), "freshdesk.queue-mapping");
        groups = SimulatedFreshdesk.demoGroups().stream().collect(Collectors.toMap(SimGroup::name, g -> g));
        clock = new MutableClock(Instant.now().minus(Duration.ofDays(400)));
        List<SimGroup> deskGroups = new ArrayList<>(SimulatedFreshdesk.demoGroups());
        deskGroups.add(ESCALATIONS);
        simulator = FreshdeskSimulator.start(SimulatorSettings.defaults(API_KEY, deskGroups).withClock(clock));

        DemoCorpus corpus = DemoCorpus.load();
        Map<String, List<CorpusTicket>> byQueue = corpus.training().stream()
                .collect(Collectors.groupingBy(CorpusTicket::queue, TreeMap::new, Collectors.toList()));
        List<CorpusTicket> others = corpus.heldOut();
        // Resolved before the default --since window (a year): never listed.
        for (int i = 0; i < 4; i++) {
            simulator.createTicket(ticket(others.get(i), 4, groupOf(shippedQueues, others.get(i)), List.of()));
        }
        clock.set(Instant.now().minus(Duration.ofDays(30)));
        int n = 0;
        for (List<CorpusTicket> queue : byQueue.values()) {
            for (CorpusTicket t : queue.subList(0, PER_QUEUE)) {
                simulator.createTicket(ticket(t, n++ % 2 == 0 ? 4 : 5, groupOf(shippedQueues, t), customerTags(t)));
                used++;
                clock.advance(Duration.ofSeconds(1));
            }
        }
        List<TicketDraft> leftOut = new ArrayList<>();
        for (int i = 4; i < 10; i++) {
            leftOut.add(ticket(others.get(i), 2, groupOf(shippedQueues, others.get(i)), List.of()));
        }
        for (int i = 10; i < 14; i++) {
            leftOut.add(ticket(others.get(i), 3, groupOf(shippedQueues, others.get(i)), List.of()));
        }
        for (int i = 14; i < 19; i++) {
            leftOut.add(ticket(others.get(i), 4, null, List.of()));
        }
        for (int i = 19; i < 24; i++) {
            leftOut.add(ticket(others.get(i), 5, groupOf(shippedQueues, others.get(i)), List.of("Triaged")));
        }
        for (int i = 24; i < 27; i++) {
            leftOut.add(ticket(others.get(i), 4, groups.get(REVIEW_GROUP).id(), List.of()));
        }
        leftOut.forEach(simulator::createTicket);
        listed = used + leftOut.size();
        clock.set(Instant.now());

        Files.writeString(dir.resolve("api-key"), API_KEY + "\n");
        properties.setProperty("freshdesk.base-url", simulator.baseUrl());
        properties.setProperty("freshdesk.api-key-file", dir.resolve("api-key").toString());
        properties.setProperty("freshdesk.page-size", String.valueOf(PAGE_SIZE));
        properties.setProperty("freshdesk.review-group", REVIEW_GROUP);
        properties.setProperty("triage.retry.delay-ms", "50");
        Map<String, String> queues = new LinkedHashMap<>(shippedQueues);
        // Unmapped: its tickets are labelled with the group's name.
        queues.remove("general-inquiry");
        // Mapped by id rather than name.
        queues.put("technical-support", String.valueOf(groups.get(shippedQueues.get("technical-support")).id()));
        // A group this account does not have: no ticket can be in it.
        queues.put("legacy", "Old Hardware");
        properties.setProperty("freshdesk.queue-mapping", queues.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        properties.setProperty("freshdesk.priority-mapping", "low=1,medium=2,high=3,critical=urgent");
        config = dir.resolve("application.properties");
        writeConfig();
    }

    private void writeConfig() throws Exception {
        try (Writer out = Files.newBufferedWriter(config)) {
            properties.store(out, "train --from-helpdesk test");
        }
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    private TicketDraft ticket(CorpusTicket ticket, int status, Long groupId, List<String> tags) {
        return new TicketDraft(ticket.subject(), ticket.descriptionHtml(), status,
                List.of("low", "medium", "high", "urgent").indexOf(ticket.priority()) + 1, groupId, tags,
                "customer@example.com");
    }

    /** The tags people gave a ticket: the corpus's topics, and the customer's standing. */
    private static List<String> customerTags(CorpusTicket ticket) {
        List<String> tags = new ArrayList<>(ticket.tags());
        tags.add("vip");
        return tags;
    }

    private long groupOf(Map<String, String> shippedQueues, CorpusTicket ticket) {
        return groups.get(shippedQueues.get(ticket.queue())).id();
    }

    private int run(String... args) {
        last = ToolRun.of("", args);
        assertFalse(last.out().contains(API_KEY) || last.err().contains(API_KEY), "the API key is never shown");
        return last.exitCode();
    }

    private String[] train(Path bundle, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--from-helpdesk", "freshdesk", "--config",
                config.toString(), "--out", bundle.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private List<RecordedRequest> ticketPages() {
        return simulator.requests().stream().filter(r -> r.path().equals("/api/v2/tickets")).toList();
    }

    @Test
    void trainsOnResolvedAndClosedTicketsPeopleGaveAGroupPagingThroughTheHistory() throws Exception {
        Path bundle = dir.resolve("bundle");
        // A state folder of the test's own: the working directory's state/ may hold a demo's predictions.
        Path noState = dir.resolve("no-state");
        assertEquals(0, run(train(bundle, "--state", noState.toString())), last.err());
        String err = last.err();

        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        assertEquals(used, manifest.path("rows").asInt(), "only resolved and closed tickets with a group");
        assertEquals(manifest.path("rows").asInt(),
                manifest.path("trainingRows").asInt() + manifest.path("heldOutRows").asInt());
        JsonNode source = manifest.path("source");
        assertEquals(simulator.baseUrl(), source.path("url").asText());
        assertEquals(listed, source.path("ticketsListed").asInt(), "the year-old tickets are not listed");
        assertEquals(used, source.path("ticketsUsed").asInt());
        JsonNode leftOut = source.path("leftOut");
        assertEquals(10, leftOut.path("not resolved or closed").asInt());
        assertEquals(5, leftOut.path("labelled by ticket-triage (marker tag)").asInt());
        assertEquals(5, leftOut.path("without a group").asInt());
        assertEquals(3, leftOut.path("in the review group").asInt());
        assertEquals(64, manifest.path("dataSha256").asText().length());
        assertTrue(manifest.path("data").asText().startsWith("Freshdesk " + simulator.baseUrl()
                + ", resolved and closed tickets updated since "), manifest.path("data").asText());
        assertFalse(Files.readString(bundle.resolve("manifest.json")).contains(API_KEY));

        try (LinearTicketModel model = LinearTicketModel.load(bundle.resolve("model.onnx"))) {
            assertEquals(Set.of("account-access", "billing", "orders-shipping", "returns-refunds", "sales",
                            "service-outage", "technical-support", "General Inquiries"),
                    labels(model, "queue"), "mapped labels, else the group's name; never the review group");
            assertEquals(Set.of("low", "medium", "high", "critical"), labels(model, "priority"));
        }
        assertEquals(0, run("classify", "--model", bundle.resolve("model.onnx").toString(),
                "Please refund the duplicate charge on invoice 5512"));
        assertTrue(last.out().lines().anyMatch(l -> l.matches("\\s+queue\\s+billing\\s.*")), last.out());

        assertTrue(err.contains("freshdesk.queue-mapping for 'legacy' names the group 'Old Hardware', which this Freshdesk account "
                + "does not have; it is ignored"), err);
        assertTrue(err.contains("no prediction log in --state " + noState + ": no corrections by agents are known, "
                + "so every "
                + "ticket with ticket-triage's marker is left out"), err);
        assertTrue(err.contains(listed + " tickets listed, " + used + " used (0 corrected by agents, kept); left out "
                + "10 not resolved or closed, "
                + "5 labelled by ticket-triage (marker tag), 5 without a group, 3 in the review group"), err);

        List<RecordedRequest> pages = ticketPages();
        assertEquals((listed + PAGE_SIZE - 1) / PAGE_SIZE, pages.size(), "every page, following the Link headers");
        assertTrue(err.contains("Freshdesk: " + pages.size() + " pages, " + listed + " tickets listed, " + used
                + " kept"), err);
        for (int page = 0; page < pages.size(); page++) {
            String query = pages.get(page).query();
            assertEquals(200, pages.get(page).status());
            assertTrue(query.contains("per_page=" + PAGE_SIZE) && query.contains("include=description")
                    && query.contains("order_by=updated_at") && query.contains("order_type=asc"), query);
            assertEquals(page > 0, query.contains("page=" + (page + 1)), query);
        }
    }

    @Test
    void oneLabelTrainsAModelWithThatHeadOnly() throws Exception {
        Path noState = dir.resolve("no-state");
        for (String head : List.of("queue", "priority")) {
            Path bundle = dir.resolve(head + "-only");
            assertEquals(0, run(train(bundle, "--state", noState.toString(), "--label", head + "=" + head)),
                    last.err());
            try (LinearTicketModel model = LinearTicketModel.load(bundle.resolve("model.onnx"))) {
                assertEquals(List.of(head), model.heads().stream().map(HeadSpec::name).toList());
            }
            List<String> inManifest = new ArrayList<>();
            new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).path("heads")
                    .forEach(name -> inManifest.add(name.asText()));
            assertEquals(List.of(head), inManifest);
        }
    }

    @Test
    void aTagsHeadLearnsTheTicketsOwnTagsWithoutOurs() throws Exception {
        // Triaged months ago and closed as it stood: the marker, the review and the duplicate tag (in any case, as
        // Freshdesk keeps a tag as typed) beside the topics. The oldest of the history, so that they are trained on
        // rather than held out with the newest.
        clock.set(Instant.now().minus(Duration.ofDays(200)));
        for (CorpusTicket t : LearntTags.triagedBilling(PER_QUEUE)) {
            List<String> tags = LearntTags.withOurs(t, "Triaged", "Needs-Review", "possible-duplicate");
            simulator.createTicket(ticket(t, 5, groupOf(shippedQueues, t), tags));
            clock.advance(Duration.ofSeconds(1));
        }
        clock.set(Instant.now());
        Path bundle = dir.resolve("tagged");
        assertEquals(0, run(train(bundle, LearntTags.TRAIN_OPTIONS)), last.err());
        assertTrue(last.err().contains("tags: the tickets' tags; ticket-triage's own needs-review, "
                + "possible-duplicate, triaged are left out"), last.err());
        JsonNode source = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).path("source");
        assertEquals(used + 4 + 5, source.path("ticketsUsed").asInt());
        assertEquals("the tickets' tags", source.path("tagsFrom").asText());
        LearntTags.assertCustomersTagsOnly(bundle);
        assertTrue(ticketPages().size() > 0 && simulator.requests().stream()
                .allMatch(r -> r.path().equals("/api/v2/tickets") || r.path().equals("/api/v2/groups")),
                "the tags come with the listing: no call of their own");
    }

    @Test
    void aTriagedTicketAgentsCorrectedTeachesTheirValueAndAnUntouchedOneStaysOut() throws Exception {
        // ticket-triage wrote billing; an agent moved the ticket to Escalations, where it was closed.
        CorpusTicket text = DemoCorpus.load().heldOut().get(30);
        long id = simulator.createTicket(ticket(text, 5, ESCALATIONS.id(), List.of("Triaged")));
        Path state = dir.resolve("state");
        Instant version = Instant.now().minus(Duration.ofDays(2));
        try (FilePredictionLog log = FilePredictionLog.open(state)) {
            log.record(new Prediction("freshdesk:" + id, version, "triage-demo",
                    Map.of("queue", new HeadPrediction("queue", List.of(new ScoredLabel("billing", 0.97)))),
                    Map.of("queue", "billing"), Set.of("queue"), version));
            log.settle(new Outcome("freshdesk:" + id, version, Map.of(), Set.of("queue"), Instant.now()));
        }

        Path bundle = dir.resolve("bundle");
        assertEquals(0, run(train(bundle, "--state", state.toString())), last.err());
        assertTrue(last.err().contains((listed + 1) + " tickets listed, " + (used + 1) + " used (1 corrected by "
                + "agents, kept); left out 10 not resolved or closed, 5 labelled by ticket-triage (marker tag), "), last.err());
        JsonNode source = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).path("source");
        assertEquals(1, source.path("correctedByAgents").asInt());
        assertEquals("left out unless corrected by agents", source.path("markerTagged").asText());
        try (LinearTicketModel model = LinearTicketModel.load(bundle.resolve("model.onnx"))) {
            assertTrue(labels(model, "queue").contains("Escalations"), "the agents' group, not ticket-triage's");
        }

        assertEquals(0, run(train(dir.resolve("all"), "--state", state.toString(), "--include-triaged")), last.err());
        assertTrue(last.err().contains((listed + 1) + " tickets listed, " + (used + 6) + " used; left out "),
                last.err());
    }

    @Test
    void forADeskOfSeveralTheDesksOwnSettingsAndCorrectionsCount() throws Exception {
        // The same correction, recorded by the desk "support" of a deployment with several desks.
        CorpusTicket text = DemoCorpus.load().heldOut().get(30);
        long id = simulator.createTicket(ticket(text, 5, ESCALATIONS.id(), List.of("Triaged")));
        Path state = dir.resolve("state");
        Instant version = Instant.now().minus(Duration.ofDays(2));
        try (FilePredictionLog log = FilePredictionLog.open(state)) {
            log.record(new Prediction("support:" + id, version, "triage-demo",
                    Map.of("queue", new HeadPrediction("queue", List.of(new ScoredLabel("billing", 0.97)))),
                    Map.of("queue", "billing"), Set.of("queue"), version));
            log.settle(new Outcome("support:" + id, version, Map.of(), Set.of("queue"), Instant.now()));
        }
        // The desk's own marker tag, which the shared one is not.
        properties.setProperty("triage.desks", "support");
        properties.setProperty("triage.marker-tag", "not-ours");
        properties.setProperty("support.triage.marker-tag", "triaged");
        writeConfig();

        assertEquals(0, run(train(dir.resolve("support"), "--desk", "support", "--state", state.toString())),
                last.err());
        assertTrue(last.err().contains((listed + 1) + " tickets listed, " + (used + 1) + " used (1 corrected by "
                + "agents, kept); left out 10 not resolved or closed, 5 labelled by ticket-triage (marker tag), "),
                last.err());
        // Without --desk, neither the desk's marker nor its corrections: the marked tickets are all used.
        assertEquals(0, run(train(dir.resolve("shared"), "--state", state.toString())), last.err());
        assertTrue(last.err().contains((listed + 1) + " tickets listed, " + (used + 6) + " used (0 corrected by "
                + "agents, kept)"), last.err());
    }

    @Test
    void waitsOutARateLimitAsRetryAfterAsks() {
        simulator.injectFault(new Fault("GET", "/api/v2/tickets", 429, 1, 1));
        long start = System.nanoTime();
        assertEquals(0, run(train(dir.resolve("bundle"))), last.err());
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(1).toNanos(), "waited the Retry-After second");
        List<RecordedRequest> pages = ticketPages();
        assertEquals(429, pages.get(0).status());
        assertEquals(pages.get(0).query(), pages.get(1).query(), "the same page again");
        assertEquals(200, pages.get(1).status());
    }

    @Test
    void givesUpClearlyWhenTheRateLimitNeverLifts() throws Exception {
        properties.setProperty("triage.retry.rate-limited-attempts", "1");
        writeConfig();
        simulator.injectFault(new Fault("GET", "/api/v2/tickets", 429, 1, 2));
        assertEquals(2, run(train(dir.resolve("bundle"))));
        assertEquals("ticket-triage train: Freshdesk at " + simulator.baseUrl() + " still refused listing tickets for "
                + "its rate limit (HTTP 429) after waiting as asked once; its API budget is shared with every other "
                + "client of the account", lastLine(last.err()));
    }

    @Test
    void aRejectedApiKeyIsOneClearLineAndExitCode2() throws Exception {
        Files.writeString(dir.resolve("api-key"), "not-" + API_KEY);
        assertEquals(2, run(train(dir.resolve("bundle"))));
        assertEquals("ticket-triage train: Freshdesk at " + simulator.baseUrl() + " refused our credentials "
                + "(HTTP 401: invalid_credentials) while listing groups; check FRESHDESK_API_KEY and its agent's "
                + "permissions", last.err().strip());
        assertFalse(last.err().contains("not-" + API_KEY));
        assertFalse(Files.exists(dir.resolve("bundle")));
    }

    @Test
    void aForbiddenListingSaysWhatWasRefused() {
        simulator.injectFault(new Fault("GET", "/api/v2/tickets", 403, 0, 1));
        assertEquals(2, run(train(dir.resolve("bundle"))));
        assertEquals("ticket-triage train: Freshdesk at " + simulator.baseUrl() + " refused our credentials (HTTP 403: "
                + "access_denied: You are not authorized to perform this action.) while listing tickets; check "
                + "FRESHDESK_API_KEY and its agent's permissions", lastLine(last.err()));
    }

    @Test
    void noQualifyingTicketIsAClearError() {
        assertEquals(2, run(train(dir.resolve("bundle"), "--since", Instant.now().plusSeconds(-1).toString())));
        assertTrue(lastLine(last.err()).startsWith("ticket-triage train: Freshdesk " + simulator.baseUrl()
                + ", resolved and closed tickets updated since "), last.err());
        assertTrue(lastLine(last.err()).endsWith("none of the 0 tickets is resolved or closed with a group set by "
                + "people; try an earlier --since"), last.err());
    }

    private static Set<String> labels(LinearTicketModel model, String head) {
        return new TreeSet<>(model.descriptor().head(head).map(HeadSpec::labels).orElseThrow());
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }
}
