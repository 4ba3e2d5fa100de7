package io.tickettriage.sim.rtreal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultMix;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedTicket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real Request Tracker 5, started fresh for one test from the demo desk's pristine database, behind the
 * help-desk-neutral face the shared acceptance suite uses. ticket-triage talks to it through {@link #baseUrl()}, a
 * recording proxy that injects the faults a test asks for; what people do in RT (file, route, close a ticket, look at
 * it) goes to RT directly as an agent, and is not counted.
 *
 * <p>RT has no tags: a ticket's tags are the values of the multi-value custom field {@code Triage}, the marker. Its
 * notes are its comments (internal) and correspondence (not internal), oldest first. Its priority is RT's number.
 */
public final class RealRequestTracker implements SimulatedHelpDesk {

    /** RT's own queue, where new tickets arrive in the demo desk. */
    public static final String INCOMING_QUEUE = PristineRt.INCOMING_QUEUE;
    public static final String MARKER_FIELD = PristineRt.MARKER_FIELD;
    private static final String CUSTOMER = "customer@example.com";
    private static final int HISTORY_PAGE = 100;

    private final RealRt.Instance instance;
    private final String apiToken;
    private final RtProxy proxy;
    private final RtRest agent;
    private final Map<String, String> queueNames = new ConcurrentHashMap<>();

    private RealRequestTracker(RealRt.Instance instance, String apiToken, String agentToken) {
        ObjectMapper json = new ObjectMapper();
        this.instance = instance;
        this.apiToken = apiToken;
        this.proxy = new RtProxy(instance.server().url(), json, MARKER_FIELD, PristineRt.CONFIDENCE_FIELD);
        this.agent = new RtRest(URI.create(instance.server().url() + RtProxy.REST), agentToken, json);
        instance.proxy().serve(proxy);
    }

    /**
     * A fresh RT for a test of a suite, with the next one already starting for the next test.
     *
     * @throws IllegalStateException when RT is not installed here or did not start, with the reason
     */
    public static RealRequestTracker start() {
        return start(true);
    }

    /** A fresh RT for the one test that needs one in this JVM: nothing more is started. */
    public static RealRequestTracker startAlone() {
        return start(false);
    }

    private static RealRequestTracker start(boolean keepSpare) {
        RealRt rt = RealRt.shared();
        return new RealRequestTracker(rt.next(keepSpare), rt.pristine().apiToken(), rt.pristine().agentToken());
    }

    /** How long RT took to start for this test (from the copy of the database to its first answer). */
    public Duration startTime() {
        return instance.server().startTime();
    }

    /** How long the test waited for it: less than {@link #startTime()} when it started during an earlier test. */
    public Duration waitedForStart() {
        return instance.waited();
    }

    /** RT's own address, past the proxy. */
    URI rtUrl() {
        return instance.server().url();
    }

    /** Queues a fault for the requests whose method and REST2 path ({@code /REST/2.0/...}) match. */
    public void injectFault(Fault fault) {
        proxy.inject(fault);
    }

    @Override
    public String helpdesk() {
        return "rt";
    }

    /** The proxy's address, which RT also gives as its own in every link. */
    @Override
    public String baseUrl() {
        return instance.proxy().baseUrl();
    }

    @Override
    public Map<String, String> adapterProperties() {
        return Map.of("rt.base-url", baseUrl(), "rt.token", apiToken);
    }

    @Override
    public Map<String, String> pageSize(int tickets) {
        return Map.of("rt.page-size", String.valueOf(tickets));
    }

    /** The API user's auth string, and its secret part alone ({@code 1-<user id>-<secret>}). */
    @Override
    public List<String> secrets() {
        return List.of(apiToken, apiToken.substring(apiToken.lastIndexOf('-') + 1));
    }

    /** A customer's ticket in General, status new, as RT files one from a mail or the web. */
    @Override
    public String createTicket(String subject, String body) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("Queue", INCOMING_QUEUE);
        ticket.put("Subject", subject);
        ticket.put("Requestor", CUSTOMER);
        ticket.put("Content", body);
        ticket.put("ContentType", "text/plain");
        return agent.post("/ticket", ticket).path("id").asText();
    }

    /**
     * An administrator disables a queue (REST2 {@code PUT /queue/{name}} with {@code Disabled}): RT then refuses to
     * move a ticket there, in a 200, and makes the update's other changes.
     */
    public void disableQueue(String name) {
        agent.put("/queue/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20"), Map.of("Disabled", 1));
    }

    /** Back to General, open, with the marker field emptied: the ticket matches the adapter's selection again. */
    @Override
    public void returnToIncoming(String id) {
        agent.put("/ticket/" + id, Map.of("Queue", INCOMING_QUEUE, "Status", "open",
                "CustomFields", Map.of(MARKER_FIELD, List.of())));
    }

    @Override
    public SimulatedTicket ticket(String id) {
        JsonNode ticket = agent.get("/ticket/" + id, Map.of());
        // RT has no tags: the marker field's values, then the tags field's, stand in for them.
        List<String> tags = new ArrayList<>(values(ticket, MARKER_FIELD));
        tags.addAll(values(ticket, PristineRt.TAGS_FIELD));
        return new SimulatedTicket(id, Optional.of(queueName(ticket.path("Queue").path("id").asText())),
                ticket.path("Priority").asText(), tags, notes(id));
    }

    /** The values of the ticket's custom field {@code name}. */
    private static List<String> values(JsonNode ticket, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode field : ticket.path("CustomFields")) {
            if (field.path("name").asText().equals(name)) {
                field.path("values").forEach(value -> {
                    if (!value.isNull()) {
                        values.add(value.asText());
                    }
                });
            }
        }
        return values;
    }

    /** Comments (internal) and correspondence, oldest first: each transaction's first text part. */
    private List<SimulatedTicket.SimulatedNote> notes(String id) {
        List<SimulatedTicket.SimulatedNote> notes = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode history = agent.get("/ticket/" + id + "/history", Map.of("fields", "Type",
                    "per_page", String.valueOf(HISTORY_PAGE), "page", String.valueOf(page)));
            for (JsonNode transaction : history.path("items")) {
                String type = transaction.path("Type").asText();
                if (type.equals("Comment") || type.equals("Correspond")) {
                    notes.add(new SimulatedTicket.SimulatedNote(content(transaction.path("id").asText()),
                            type.equals("Comment")));
                }
            }
            if (page >= history.path("pages").asInt(1)) {
                return notes;
            }
        }
    }

    /** A transaction's text: with {@code fields=Content}, REST2 gives it decoded (GET /attachment/{id} as base64). */
    private String content(String transactionId) {
        JsonNode attachments = agent.get("/transaction/" + transactionId + "/attachments",
                Map.of("fields", "Content,ContentType"));
        String text = "";
        for (JsonNode attachment : attachments.path("items")) {
            String content = attachment.path("Content").asText("");
            if (attachment.path("ContentType").asText().startsWith("text/plain") && !content.isEmpty()) {
                return content;
            }
            if (text.isEmpty()) {
                text = content;
            }
        }
        return text;
    }

    private String queueName(String queueId) {
        return queueNames.computeIfAbsent(queueId, id -> agent.get("/queue/" + id, Map.of()).path("Name").asText());
    }

    /** @param priority RT's number, as {@code rt.priority-mapping} gives it */
    @Override
    public void agentRoutes(String id, String queue, String priority) {
        agent.put("/ticket/" + id, Map.of("Queue", queue, "Priority", Integer.parseInt(priority)));
    }

    /** Resolved, RT's status for a finished ticket. */
    @Override
    public void agentCloses(String id) {
        agent.put("/ticket/" + id, Map.of("Status", "resolved"));
    }

    /**
     * RT has no tags: a customer's tag is one more value of the marker field, which triage must keep. REST2 replaces a
     * multi-value field's values with the list it is sent, so the list is the current one plus the tag.
     */
    @Override
    public void addCustomerTag(String id, String tag) {
        addValue(id, MARKER_FIELD, tag);
    }

    /** The tags field, where the adapter adds the tags it predicts. */
    @Override
    public void addCustomerTagWhereTagsGo(String id, String tag) {
        addValue(id, PristineRt.TAGS_FIELD, tag);
    }

    private void addValue(String id, String field, String value) {
        List<String> values = new ArrayList<>(values(agent.get("/ticket/" + id, Map.of()), field));
        values.add(value);
        agent.put("/ticket/" + id, Map.of("CustomFields", Map.of(field, values)));
    }

    @Override
    public Map<String, Integer> updatesByTicket() {
        return proxy.fieldWrites();
    }

    @Override
    public int pagesServed() {
        return proxy.pagesServed();
    }

    @Override
    public void garbleInListings(String id) {
        proxy.garble(id);
    }

    @Override
    public void rejectNextUpdate(String id) {
        proxy.refuseNextUpdate(id);
    }

    /**
     * The fault strikes the next calls that carry the part, whichever they are: the comment ({@code POST
     * /ticket/{id}/comment}) is the note; the marker is the call whose body sets the marker field (the adapter sends
     * it with the comment, or without notes in a {@code PUT}); the fields are a {@code PUT /ticket/{id}} with the
     * queue, the priority or the confidence field.
     */
    @Override
    public void faultWrites(WritePart part, Fault.Kind kind, int status, int count) {
        proxy.injectForPart(part, kind, statusOf(kind, status), status == 429 ? 1 : 0, count);
    }

    /** A page of tickets is a search answer: {@code GET /REST/2.0/tickets}. */
    @Override
    public void faultPages(Fault.Kind kind, int status, int count) {
        proxy.inject(fault("GET", RtProxy.SEARCH, kind, status, count));
    }

    /** Only a status fault and a lost answer have a status; a 429 asks to wait a second. */
    private static Fault fault(String method, String path, Fault.Kind kind, int status, int count) {
        return new Fault(method, path, kind, statusOf(kind, status), status == 429 ? 1 : 0, count);
    }

    private static int statusOf(Fault.Kind kind, int status) {
        return kind == Fault.Kind.STATUS || kind == Fault.Kind.APPLIED_THEN_FAILED ? status : 0;
    }

    @Override
    public void mixFaults(FaultMix mix) {
        proxy.mix(mix);
    }

    @Override
    public void listRawRecord(String json) {
        proxy.listRaw(json);
    }

    @Override
    public void slowDown(Duration delay) {
        proxy.slowDown(delay);
    }

    @Override
    public void revokeCredentials() {
        proxy.revoke(true);
    }

    @Override
    public void restoreCredentials() {
        proxy.revoke(false);
    }

    @Override
    public List<RecordedRequest> requests() {
        return proxy.requests();
    }

    /** The new tickets in General, through the proxy, with the fields triage writes. */
    @Override
    public String howToLook(Path secretFile) {
        return "curl -sG -H \"Authorization: token $(cat " + secretFile + ")\" '" + baseUrl() + RtProxy.SEARCH
                + "' --data-urlencode \"query=Queue='" + INCOMING_QUEUE + "' OR CF.{" + MARKER_FIELD
                + "} IS NOT NULL\" -d fields=Subject,Queue,Priority,Status,CustomFields";
    }

    @Override
    public void close() {
        instance.proxy().close();
        instance.server().close();
    }
}
