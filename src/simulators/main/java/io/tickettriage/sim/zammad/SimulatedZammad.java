package io.tickettriage.sim.zammad;

import io.tickettriage.sim.DemoDesk;
import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultMix;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedTicket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;

/**
 * The Zammad simulator set up as the demo desk: Zammad's incoming group "Users" plus the Nordlicht Systems groups
 * that config/application.properties maps, Zammad's default priorities and states, behind the help-desk-neutral
 * face the demo and the shared acceptance suite use.
 */
public final class SimulatedZammad implements SimulatedHelpDesk {

    /** The incoming group first (id 1, where customers' tickets land), then the demo desk's queues. */
    public static final List<String> DEMO_GROUPS = Stream.concat(Stream.of(ZammadSettings.INCOMING_GROUP),
            DemoDesk.QUEUES.stream()).toList();

    private final ZammadSimulator simulator;
    private final String token;

    private SimulatedZammad(ZammadSimulator simulator, String token) {
        this.simulator = simulator;
        this.token = token;
    }

    /** A simulator of the demo desk with a fresh random API token. */
    public static SimulatedZammad start(int port, Clock clock) {
        String token = "sim-" + UUID.randomUUID().toString().replace("-", "");
        return new SimulatedZammad(ZammadSimulator.start(ZammadSettings.defaults(token, DEMO_GROUPS)
                .withPort(port).withClock(clock)), token);
    }

    /** The simulator itself, for Zammad-specific checks. */
    public ZammadSimulator simulator() {
        return simulator;
    }

    @Override
    public String helpdesk() {
        return "zammad";
    }

    @Override
    public String baseUrl() {
        return simulator.baseUrl();
    }

    @Override
    public Map<String, String> adapterProperties() {
        return Map.of("zammad.base-url", simulator.baseUrl(), "zammad.api-token", token);
    }

    @Override
    public Map<String, String> pageSize(int tickets) {
        return Map.of("zammad.page-size", String.valueOf(tickets));
    }

    /** The token travels as it is ({@code Token token=…}), so the token itself is the only secret. */
    @Override
    public List<String> secrets() {
        return List.of(token);
    }

    /** A customer's mail, as Zammad stores it: HTML, in the incoming group, state new, priority 2 normal. */
    @Override
    public String createTicket(String subject, String body) {
        String html = body.isEmpty() ? "" : "<div>" + Entities.escape(body).replace("\n", "<br>") + "</div>";
        return String.valueOf(simulator.createTicket(ZammadTicketDraft.email(subject, html)));
    }

    /** Back to Users, without tags. */
    @Override
    public void returnToIncoming(String id) {
        simulator.returnToIncoming(Long.parseLong(id));
    }

    /** The queue is a group, the priority a Zammad priority name ("3 high"). */
    @Override
    public void agentRoutes(String id, String queue, String priority) {
        simulator.setAsAgent(Long.parseLong(id), queue, priority, Optional.empty());
    }

    /** Closed (the state Zammad's "close" sets), in the group and with the priority it has. */
    @Override
    public void agentCloses(String id) {
        SimulatedTicket ticket = ticket(id);
        simulator.setAsAgent(Long.parseLong(id), ticket.queue().orElseThrow(), ticket.priority(),
                Optional.of("closed"));
    }

    /**
     * Queue = group, priority = Zammad's priority name, notes = every article after the customer's first one, as
     * text.
     */
    @Override
    public SimulatedTicket ticket(String id) {
        long ticketId = Long.parseLong(id);
        JsonNode ticket = simulator.ticket(ticketId)
                .orElseThrow(() -> new IllegalArgumentException("no Zammad ticket " + id));
        List<JsonNode> articles = simulator.articles(ticketId);
        List<SimulatedTicket.SimulatedNote> notes = new ArrayList<>();
        for (JsonNode article : articles.subList(Math.min(1, articles.size()), articles.size())) {
            String body = article.path("body").asText();
            // As an agent reads it: an HTML note as its text.
            String text = article.path("content_type").asText().startsWith("text/html") ? Jsoup.parse(body).text()
                    : body;
            notes.add(new SimulatedTicket.SimulatedNote(text, article.path("internal").asBoolean()));
        }
        return new SimulatedTicket(id, Optional.of(ticket.path("group").asText()), ticket.path("priority").asText(),
                simulator.tags(ticketId), notes);
    }

    @Override
    public Map<String, Integer> updatesByTicket() {
        // Applied updates, not answered ones: an update whose answer was lost was written all the same.
        Map<String, Integer> updates = new HashMap<>();
        simulator.fieldUpdates().forEach((id, count) -> updates.put(String.valueOf(id), count));
        return updates;
    }

    @Override
    public int pagesServed() {
        return (int) simulator.requests().stream()
                .filter(r -> r.method().equals("GET") && r.status() == 200
                        && (r.path().equals("/api/v1/tickets") || r.path().equals("/api/v1/tickets/search")))
                .count();
    }

    @Override
    public void garbleInListings(String id) {
        simulator.garble(Long.parseLong(id), "updated_at", "yesterday");
    }

    @Override
    public void rejectNextUpdate(String id) {
        simulator.injectFault(new Fault("PUT", "/api/v1/tickets/" + id, 422, 0, 1));
    }

    @Override
    public void revokeCredentials() {
        simulator.revokeCredentials(true);
    }

    @Override
    public void restoreCredentials() {
        simulator.revokeCredentials(false);
    }

    @Override
    public List<RecordedRequest> requests() {
        return simulator.requests();
    }

    @Override
    public String howToLook(Path secretFile) {
        return "curl -s -H \"Authorization: Token token=$(cat " + secretFile + ")\" '" + baseUrl()
                + "/api/v1/tickets?expand=true'";
    }

    @Override
    public void close() {
        simulator.close();
    }

    /** The tag the demo desk's adapter marks written tickets with (triage.marker-tag as shipped). */
    static final String MARKER_TAG = "triaged";

    /**
     * NOTE and FIELDS are {@code PUT /api/v1/tickets/{id}}, which carries the note as its article; MARKER the tags
     * call that adds the marker tag ({@code POST /api/v1/tags/add} with item "triaged"; the review tag's call passes).
     */
    @Override
    public void faultWrites(WritePart part, Fault.Kind kind, int status, int count) {
        int retryAfter = status == 429 ? 1 : 0;
        switch (part) {
            case NOTE, FIELDS -> simulator.injectFault(new Fault("PUT", "/api/v1/tickets/\\d+", kind, status, retryAfter,
                    count));
            case MARKER -> simulator.faultTagCalls(MARKER_TAG, kind, status, count);
            default -> throw new IllegalArgumentException("unknown part " + part);
        }
    }

    /** The ticket search, which is how the adapter lists tickets ({@code GET /api/v1/tickets} too). */
    @Override
    public void faultPages(Fault.Kind kind, int status, int count) {
        simulator.injectFault(new Fault("GET", "/api/v1/tickets(/search)?", kind, status, status == 429 ? 1 : 0,
                count));
    }

    @Override
    public void mixFaults(FaultMix mix) {
        simulator.mixFaults(mix);
    }

    @Override
    public void addCustomerTag(String id, String tag) {
        simulator.addTag(Long.parseLong(id), tag);
    }

    @Override
    public void slowDown(Duration delay) {
        simulator.slowDown(delay);
    }

    /** Every search answer's first page carries the record, before the tickets. */
    @Override
    public void listRawRecord(String json) {
        simulator.listRawRecord(json);
    }
}
