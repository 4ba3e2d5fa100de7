package io.tickettriage.sim.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.sim.DemoDesk;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultMix;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedTicket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jsoup.nodes.Entities;

/**
 * The Freshdesk simulator set up as the demo desk (the Nordlicht Systems groups that config/application.properties
 * maps), behind the help-desk-neutral face the demo and the shared acceptance suite use.
 */
public final class SimulatedFreshdesk implements SimulatedHelpDesk {

    private final FreshdeskSimulator simulator;
    private final String apiKey;

    private SimulatedFreshdesk(FreshdeskSimulator simulator, String apiKey) {
        this.simulator = simulator;
        this.apiKey = apiKey;
    }

    /** A simulator of the demo desk with a fresh random API key. */
    public static SimulatedFreshdesk start(int port, Clock clock) {
        String apiKey = "sim-" + UUID.randomUUID();
        return new SimulatedFreshdesk(FreshdeskSimulator.start(SimulatorSettings.defaults(apiKey, demoGroups())
                .withPort(port).withClock(clock)), apiKey);
    }

    /** The help-desk-neutral face of a simulator started elsewhere (a test's own settings). */
    public static SimulatedFreshdesk around(FreshdeskSimulator simulator, String apiKey) {
        return new SimulatedFreshdesk(simulator, apiKey);
    }

    /** The demo desk's groups with Freshdesk-sized ids. */
    public static List<SimGroup> demoGroups() {
        List<SimGroup> groups = new ArrayList<>();
        for (int i = 0; i < DemoDesk.QUEUES.size(); i++) {
            groups.add(new SimGroup(43_000_100_001L + i, DemoDesk.QUEUES.get(i), "Nordlicht Systems demo group"));
        }
        return groups;
    }

    /** The simulator itself, for Freshdesk-specific checks. */
    public FreshdeskSimulator simulator() {
        return simulator;
    }

    @Override
    public String helpdesk() {
        return "freshdesk";
    }

    @Override
    public String baseUrl() {
        return simulator.baseUrl();
    }

    @Override
    public Map<String, String> adapterProperties() {
        return Map.of("freshdesk.base-url", simulator.baseUrl(), "freshdesk.api-key", apiKey);
    }

    @Override
    public Map<String, String> pageSize(int tickets) {
        return Map.of("freshdesk.page-size", String.valueOf(tickets));
    }

    @Override
    public List<String> secrets() {
        return List.of(apiKey, Base64.getEncoder().encodeToString((apiKey + ":X").getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String createTicket(String subject, String body) {
        String html = body.isEmpty() ? "" : "<p>" + Entities.escape(body).replace("\n", "<br>") + "</p>";
        return String.valueOf(simulator.createTicket(TicketDraft.open(subject, html)));
    }

    @Override
    public void returnToIncoming(String id) {
        simulator.clearGroupAndTags(Long.parseLong(id));
    }

    @Override
    public void agentRoutes(String id, String queue, String priority) {
        long group = demoGroups().stream().filter(g -> g.name().equals(queue)).map(SimGroup::id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the demo desk has no group " + queue));
        simulator.setAsAgent(Long.parseLong(id), group, Integer.parseInt(priority), null);
    }

    @Override
    public void agentCloses(String id) {
        JsonNode ticket = simulator.ticket(Long.parseLong(id))
                .orElseThrow(() -> new IllegalArgumentException("no Freshdesk ticket " + id));
        simulator.setAsAgent(Long.parseLong(id), ticket.path("group_id").asLong(), ticket.path("priority").asInt(),
                5);
    }

    @Override
    public SimulatedTicket ticket(String id) {
        long ticketId = Long.parseLong(id);
        JsonNode ticket = simulator.ticket(ticketId)
                .orElseThrow(() -> new IllegalArgumentException("no Freshdesk ticket " + id));
        Optional<String> group = ticket.path("group_id").isNull() ? Optional.empty()
                : demoGroups().stream().filter(g -> g.id() == ticket.path("group_id").asLong()).map(SimGroup::name)
                        .findFirst();
        List<String> tags = new ArrayList<>();
        ticket.path("tags").forEach(tag -> tags.add(tag.asText()));
        List<SimulatedTicket.SimulatedNote> notes = simulator.notes(ticketId).stream()
                .map(note -> new SimulatedTicket.SimulatedNote(note.path("body_text").asText(note.path("body").asText()),
                        note.path("private").asBoolean()))
                .toList();
        return new SimulatedTicket(id, group, ticket.path("priority").asText(), tags, notes);
    }

    @Override
    public Map<String, Integer> updatesByTicket() {
        Map<String, Integer> updates = new HashMap<>();
        for (RecordedRequest request : simulator.requests()) {
            if (request.method().equals("PUT") && request.status() == 200
                    && request.path().matches("/api/v2/tickets/\\d+")) {
                updates.merge(request.path().substring(request.path().lastIndexOf('/') + 1), 1, Integer::sum);
            }
        }
        return updates;
    }

    @Override
    public int pagesServed() {
        return (int) simulator.requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/api/v2/tickets") && r.status() == 200)
                .count();
    }

    @Override
    public void garbleInListings(String id) {
        simulator.garble(Long.parseLong(id), "updated_at", "yesterday");
    }

    @Override
    public void rejectNextUpdate(String id) {
        simulator.injectFault(new Fault("PUT", "/api/v2/tickets/" + id, 400, 0, 1));
    }

    @Override
    public void revokeCredentials() {
        simulator.revokeApiKey(true);
    }

    @Override
    public void restoreCredentials() {
        simulator.revokeApiKey(false);
    }

    @Override
    public List<RecordedRequest> requests() {
        return simulator.requests();
    }

    @Override
    public String howToLook(Path secretFile) {
        return "curl -s -u \"$(cat " + secretFile + "):X\" '" + baseUrl()
                + "/api/v2/tickets?include=description&order_by=updated_at'";
    }

    @Override
    public void close() {
        simulator.close();
    }

    /** The Freshdesk calls that write each part: the note is its own POST; one PUT carries fields and marker. */
    private static Fault.Kind checked(Fault.Kind kind) {
        return java.util.Objects.requireNonNull(kind, "kind");
    }

    @Override
    public void faultWrites(WritePart part, Fault.Kind kind, int status, int count) {
        String method = part == WritePart.NOTE ? "POST" : "PUT";
        String path = part == WritePart.NOTE ? "/api/v2/tickets/\\d+/notes" : "/api/v2/tickets/\\d+";
        simulator.injectFault(fault(method, path, checked(kind), status, count));
    }

    @Override
    public void faultPages(Fault.Kind kind, int status, int count) {
        simulator.injectFault(fault("GET", "/api/v2/tickets", checked(kind), status, count));
    }

    private static Fault fault(String method, String path, Fault.Kind kind, int status, int count) {
        return switch (kind) {
            case STATUS -> new Fault(method, path, status, status == 429 ? 1 : 0, count);
            case RESET -> Fault.reset(method, path, count);
            case GARBLED -> Fault.garbled(method, path, count);
            case APPLIED_THEN_FAILED -> Fault.appliedThenFailed(method, path, status, count);
        };
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

    @Override
    public void listRawRecord(String json) {
        simulator.listRawRecord(json);
    }
}
