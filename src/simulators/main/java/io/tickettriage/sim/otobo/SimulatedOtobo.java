package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedTicket;
import java.nio.file.Path;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultMix;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OTOBO simulator set up as the demo desk (OTOBO's default queues with Raw as the incoming queue, the Nordlicht
 * Systems queues and the TriageConfidence and TriageMarker dynamic fields that config/application.properties maps),
 * behind the help-desk-neutral face the demo and the shared acceptance suite use. OTOBO has no tags: a ticket's tags
 * are the values of its triage marker field; its notes are the articles after the first.
 */
public final class SimulatedOtobo implements SimulatedHelpDesk {

    /** The agent ticket-triage logs in as on the demo desk. */
    public static final String AGENT = "triage-bot";
    public static final String INCOMING_QUEUE = Catalog.INCOMING_QUEUE;
    private static final String CUSTOMER = "customer@example.com";

    private final OtoboSimulator simulator;

    private SimulatedOtobo(OtoboSimulator simulator) {
        this.simulator = simulator;
    }

    /** A simulator of the demo desk whose agent has a fresh random password. */
    public static SimulatedOtobo start(int port, Clock clock) {
        return new SimulatedOtobo(OtoboSimulator.start(OtoboSettings.defaults(AGENT, "sim-" + UUID.randomUUID())
                .withPort(port).withClock(clock)));
    }

    /** The simulator itself, for OTOBO-specific checks. */
    public OtoboSimulator simulator() {
        return simulator;
    }

    @Override
    public String helpdesk() {
        return "otobo";
    }

    @Override
    public String baseUrl() {
        return simulator.webserviceUrl();
    }

    @Override
    public Map<String, String> adapterProperties() {
        return Map.of("otobo.base-url", simulator.webserviceUrl(), "otobo.user-login", AGENT,
                "otobo.password", simulator.settings().password());
    }

    @Override
    public Map<String, String> pageSize(int tickets) {
        return Map.of("otobo.page-size", String.valueOf(tickets));
    }

    /** The password, then every SessionID issued so far. */
    @Override
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        secrets.add(simulator.settings().password());
        secrets.addAll(simulator.issuedSessions());
        return secrets;
    }

    @Override
    public String createTicket(String subject, String body) {
        return simulator.createCustomerTicket(INCOMING_QUEUE, subject, body, CUSTOMER);
    }

    @Override
    public void returnToIncoming(String id) {
        simulator.returnToIncoming(id);
    }

    /** The queue is an OTOBO queue, the priority an OTOBO priority name ("4 high"). */
    @Override
    public void agentRoutes(String id, String queue, String priority) {
        simulator.setAsAgent(id, queue, priority, Optional.empty());
    }

    /** Closed successful, in the queue and with the priority it has. */
    @Override
    public void agentCloses(String id) {
        SimulatedTicket ticket = ticket(id);
        simulator.setAsAgent(id, ticket.queue().orElseThrow(), ticket.priority(), Optional.of("closed successful"));
    }

    @Override
    public SimulatedTicket ticket(String id) {
        JsonNode ticket = simulator.ticket(id).orElseThrow(() -> new IllegalArgumentException("no OTOBO ticket " + id));
        List<String> tags = new ArrayList<>();
        for (JsonNode field : ticket.path("DynamicField")) {
            // OTOBO has no tags: the marker field's values, then the tags field's, stand in for them.
            if (List.of(simulator.settings().markerField(), Catalog.TAGS_FIELD).contains(field.path("Name").asText())) {
                field.path("Value").forEach(value -> tags.add(value.asText()));
            }
        }
        List<SimulatedTicket.SimulatedNote> notes = new ArrayList<>();
        JsonNode articles = ticket.path("Article");
        for (int i = 1; i < articles.size(); i++) {
            notes.add(new SimulatedTicket.SimulatedNote(articles.get(i).path("Body").asText(),
                    articles.get(i).path("IsVisibleForCustomer").asInt() == 0));
        }
        return new SimulatedTicket(id, Optional.of(ticket.path("Queue").asText()), ticket.path("Priority").asText(),
                tags, notes);
    }

    @Override
    public Map<String, Integer> updatesByTicket() {
        return simulator.fieldWrites();
    }

    @Override
    public int pagesServed() {
        return simulator.answered(OperationType.TICKET_SEARCH);
    }

    @Override
    public void garbleInListings(String id) {
        simulator.garble(id, "Changed", "yesterday");
    }

    @Override
    public void rejectNextUpdate(String id) {
        simulator.injectOperationFault(new OperationFault(OperationType.TICKET_UPDATE, id,
                "TicketUpdate.InvalidParameter", "TicketUpdate: Ticket->QueueID or Ticket->Queue parameter is invalid!",
                1));
    }

    @Override
    public void revokeCredentials() {
        simulator.revokeCredentials();
    }

    @Override
    public void restoreCredentials() {
        simulator.restoreCredentials();
    }

    @Override
    public List<RecordedRequest> requests() {
        return simulator.requests();
    }

    /** TicketGet of the first tickets, with their dynamic fields and articles. */
    @Override
    public String howToLook(Path secretFile) {
        List<String> ids = simulator.ticketIds();
        String first = String.join(",", ids.subList(0, Math.min(5, ids.size())));
        return "curl -sG '" + baseUrl() + "/Ticket/" + (first.isEmpty() ? "1" : first)
                + "' -d DynamicFields=1 -d AllArticles=1 -d UserLogin=" + AGENT
                + " --data-urlencode \"Password=$(cat " + secretFile + ")\"";
    }

    @Override
    public void close() {
        simulator.close();
    }

    /** Every part travels in the one TicketUpdate (PATCH /Ticket/:TicketID): the fault strikes that call. */
    @Override
    public void faultWrites(WritePart part, Fault.Kind kind, int status, int count) {
        simulator.injectFault(fault("PATCH", "/Ticket/[^/]+", kind, status, count));
    }

    /** A page of tickets is a TicketSearch answer (GET /Ticket). */
    @Override
    public void faultPages(Fault.Kind kind, int status, int count) {
        simulator.injectFault(fault("GET", "/Ticket", kind, status, count));
    }

    private static Fault fault(String method, String path, Fault.Kind kind, int status, int count) {
        return new Fault(method, path, kind, kind == Fault.Kind.STATUS || kind == Fault.Kind.APPLIED_THEN_FAILED
                ? status : 0, status == 429 ? 1 : 0, count);
    }

    @Override
    public void mixFaults(FaultMix mix) {
        simulator.mixFaults(mix);
    }

    /** OTOBO has no tags: a customer's tag is one more value of the marker field, which triage must keep. */
    @Override
    public void addCustomerTag(String id, String tag) {
        simulator.addDynamicFieldValue(id, simulator.settings().markerField(), tag);
    }

    /** The tags field, where the adapter adds the tags it predicts. */
    @Override
    public void addCustomerTagWhereTagsGo(String id, String tag) {
        simulator.addDynamicFieldValue(id, Catalog.TAGS_FIELD, tag);
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
