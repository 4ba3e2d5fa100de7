package io.tickettriage.sim.rt;

import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultMix;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedTicket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Request Tracker simulator set up as the demo desk, behind the help-desk-neutral face the demo and the shared
 * acceptance suite use. RT has no tags: a ticket's tags are the values of its multi-value marker custom field
 * ({@value RtSimulator#MARKER_FIELD}), and a customer's tag is one more value there, which the adapter must keep
 * when it writes its own (a REST2 update sets a multi-value field to exactly the values it is given). Notes are the
 * comments (internal) and correspondence (not) after the ticket's creation.
 */
public final class SimulatedRequestTracker implements SimulatedHelpDesk {

    /** The API user ticket-triage acts as on the demo desk. */
    public static final String API_USER = "triage";
    private static final String CUSTOMER = "customer@example.com";

    private final RtSimulator simulator;

    private SimulatedRequestTracker(RtSimulator simulator) {
        this.simulator = simulator;
    }

    /** A simulator of the demo desk with a fresh random token and password. */
    public static SimulatedRequestTracker start(int port, Clock clock) {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        String token = "1-" + (1 + random.nextInt(99)) + "-" + HexFormat.of().formatHex(secret);
        random.nextBytes(secret);
        String password = "sim-" + HexFormat.of().formatHex(secret);
        return new SimulatedRequestTracker(RtSimulator.start(port, clock, token, API_USER, password));
    }

    /** The simulator itself, for RT-specific checks. */
    public RtSimulator simulator() {
        return simulator;
    }

    @Override
    public String helpdesk() {
        return "rt";
    }

    @Override
    public String baseUrl() {
        return simulator.baseUrl();
    }

    /** The web root (REST2 is below it) and the token; the rest as the shipped configuration has it. */
    @Override
    public Map<String, String> adapterProperties() {
        return Map.of("rt.base-url", simulator.baseUrl(), "rt.token", simulator.token());
    }

    @Override
    public Map<String, String> pageSize(int tickets) {
        return Map.of("rt.page-size", String.valueOf(tickets));
    }

    /** The token, the password, and the password as Basic sends it. */
    @Override
    public List<String> secrets() {
        return List.of(simulator.token(), simulator.password(), java.util.Base64.getEncoder().encodeToString(
                (API_USER + ":" + simulator.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public String createTicket(String subject, String body) {
        return String.valueOf(simulator.createTicket(RtDesk.INCOMING_QUEUE, subject, body, CUSTOMER));
    }

    /** Back to General, the marker field emptied. */
    @Override
    public void returnToIncoming(String id) {
        simulator.returnToIncoming(Integer.parseInt(id));
    }

    /** The queue by name, the priority a number (or an RT label: Low, Medium, High). */
    @Override
    public void agentRoutes(String id, String queue, String priority) {
        simulator.route(Integer.parseInt(id), queue, priority);
    }

    /** Resolved, the status RT's "Resolve" sets. */
    @Override
    public void agentCloses(String id) {
        simulator.setStatus(Integer.parseInt(id), "resolved");
    }

    /** Queue by name; priority RT's number as text ("50"); tags the marker field's values, then the tags field's. */
    @Override
    public SimulatedTicket ticket(String id) {
        RtTicketView ticket = simulator.ticket(Integer.parseInt(id))
                .orElseThrow(() -> new IllegalArgumentException("no RT ticket " + id));
        List<SimulatedTicket.SimulatedNote> notes = new ArrayList<>();
        ticket.messages().forEach(message -> notes.add(new SimulatedTicket.SimulatedNote(message.text(),
                message.internal())));
        List<String> tags = new ArrayList<>(ticket.customFields().getOrDefault(RtSimulator.MARKER_FIELD, List.of()));
        tags.addAll(ticket.customFields().getOrDefault(RtSimulator.TAGS_FIELD, List.of()));
        return new SimulatedTicket(id, Optional.of(ticket.queue()), String.valueOf(ticket.priority()), tags, notes);
    }

    @Override
    public Map<String, Integer> updatesByTicket() {
        Map<String, Integer> updates = new TreeMap<>();
        simulator.fieldWrites().forEach((id, count) -> updates.put(String.valueOf(id), count));
        return updates;
    }

    @Override
    public int pagesServed() {
        return simulator.pagesServed();
    }

    @Override
    public void garbleInListings(String id) {
        simulator.garbleInListings(Integer.parseInt(id), "LastUpdated", "yesterday");
    }

    /** Refused with 403 before anything is applied, as RT refuses a user who lost the right to see the ticket. */
    @Override
    public void rejectNextUpdate(String id) {
        simulator.refuseNextUpdate(Integer.parseInt(id));
    }

    /** NOTE is the comment call; FIELDS and MARKER travel in the one update (PUT /ticket/{id}). */
    @Override
    public void faultWrites(WritePart part, Fault.Kind kind, int status, int count) {
        String method = part == WritePart.NOTE ? "POST" : "PUT";
        String path = part == WritePart.NOTE ? "/REST/2.0/ticket/\\d+/comment" : "/REST/2.0/ticket/\\d+/?";
        simulator.injectFault(fault(method, path, kind, status, count));
    }

    /** A page of tickets is a TicketSQL search (GET /tickets). */
    @Override
    public void faultPages(Fault.Kind kind, int status, int count) {
        simulator.injectFault(fault("GET", "/REST/2.0/tickets/?", kind, status, count));
    }

    private static Fault fault(String method, String path, Fault.Kind kind, int status, int count) {
        return new Fault(method, path, kind, kind == Fault.Kind.STATUS || kind == Fault.Kind.APPLIED_THEN_FAILED
                ? status : 0, status == 429 ? 1 : 0, count);
    }

    @Override
    public void mixFaults(FaultMix mix) {
        simulator.mixFaults(mix);
    }

    /** Every search's first page lists the record before the tickets. */
    @Override
    public void listRawRecord(String json) {
        simulator.listRawRecord(json);
    }

    /** RT has no tags: one more value of the marker field, which triage must keep. */
    @Override
    public void addCustomerTag(String id, String tag) {
        simulator.addCustomFieldValue(Integer.parseInt(id), RtSimulator.MARKER_FIELD, tag);
    }

    /** The tags field, where the adapter adds the tags it predicts. */
    @Override
    public void addCustomerTagWhereTagsGo(String id, String tag) {
        simulator.addCustomFieldValue(Integer.parseInt(id), RtSimulator.TAGS_FIELD, tag);
    }

    @Override
    public void slowDown(Duration delay) {
        simulator.slowDown(delay);
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

    /** The first tickets with their queue, status, priority and custom fields, the token read from the file. */
    @Override
    public String howToLook(Path secretFile) {
        return "curl -sG -H \"Authorization: token $(cat " + secretFile + ")\" '" + simulator.restUrl()
                + "/tickets' --data-urlencode \"query=id > 0\" -d fields=Subject,Queue,Status,Priority,CustomFields"
                + " -d 'fields[Queue]=Name'";
    }

    @Override
    public void close() {
        simulator.close();
    }
}
