package io.tickettriage.sim.rt;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.sim.FaultQueue;
import io.tickettriage.sim.RecordingSimulator;
import io.tickettriage.sim.RequestJournal;
import io.tickettriage.sim.SimulatorServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A local stand-in for Request Tracker 5's REST2 API ({@code /REST/2.0}), checked against a real RT 5.0.3 (see the
 * manual's help-desks page): token and Basic authentication, TicketSQL search with REST2's paging and
 * {@code fields}, tickets, updates answered with RT's messages, comments and correspondence, history, transactions
 * and attachments, queues and custom fields, with RT's statuses and error bodies. Listens on 127.0.0.1 only.
 * Thread-safe.
 */
public final class RtSimulator extends RecordingSimulator {

    /** The custom fields of the demo desk, as {@code rt.custom-field.marker} and {@code .confidence} name them. */
    public static final String MARKER_FIELD = "Triage";
    public static final String CONFIDENCE_FIELD = "Triage confidence";
    /** The multi-value custom field the adapter adds predicted tags to. */
    public static final String TAGS_FIELD = "Triage tags";
    /** The user agents act as in the web interface; the API user is another. */
    public static final String AGENT = "root";

    private final RtDesk desk;
    private final RtHandler handler;
    private final RtCredentials credentials;

    private RtSimulator(SimulatorServer server, RequestJournal journal, FaultQueue faults, RtDesk desk,
                        RtHandler handler, RtCredentials credentials) {
        super(server, journal, faults);
        this.desk = desk;
        this.handler = handler;
        this.credentials = credentials;
    }

    /**
     * Binds 127.0.0.1:{@code port} (0 for any free one) and serves the demo desk: queues General (where new
     * tickets arrive), Incoming and the DemoDesk queues; custom fields {@link #MARKER_FIELD} (multi-value) and
     * {@link #CONFIDENCE_FIELD} (single-value) on every queue.
     */
    public static RtSimulator start(int port, Clock clock, String token, String user, String password) {
        // Trailing tokens after the JSON value make the body invalid, as they do for Perl's JSON::XS.
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        RtDesk desk = new RtDesk(clock, "triage-sim", MARKER_FIELD, CONFIDENCE_FIELD, TAGS_FIELD);
        RtCredentials credentials = new RtCredentials(token, user, password);
        RequestJournal journal = new RequestJournal();
        FaultQueue faults = new FaultQueue();
        SimulatorServer server = SimulatorServer.bind("rt-sim", port);
        RtHandler handler = new RtHandler(desk, credentials, faults, journal, mapper, server.baseUrl());
        server.serve(handler);
        return new RtSimulator(server, journal, faults, desk, handler, credentials);
    }

    /** The REST2 root, {@code <base url>/REST/2.0}. */
    public String restUrl() {
        return baseUrl() + RtHandler.PREFIX;
    }

    /**
     * Files a ticket as a customer's mail does: in {@code queue}, status new, priority 0, its text the Create
     * transaction's text/plain attachment, then RT's autoreply to the requestor.
     *
     * @return the new ticket's id
     */
    public int createTicket(String queue, String subject, String body, String requestor) {
        RtDesk.Queue target = desk.queue(queue).orElseThrow(() -> new IllegalArgumentException("no queue " + queue));
        return desk.create(target, subject, List.of(requestor), 0, "new", body, "text/plain", Map.of(),
                RtDesk.SYSTEM_USER);
    }

    /** A ticket as people left it, for a history to learn from: filed, routed by an agent, then given a status. */
    public int createHandledTicket(String queue, int priority, String status, String subject, String body) {
        int id = createTicket(RtDesk.INCOMING_QUEUE, subject, body, "customer@example.com");
        route(id, queue, String.valueOf(priority));
        desk.setStatus(id, status, AGENT);
        return id;
    }

    /** An agent sets queue and priority (a number or an RT label) in the web interface. */
    public void route(int id, String queue, String priority) {
        RtDesk.Queue target = desk.queue(queue).orElseThrow(() -> new IllegalArgumentException("no queue " + queue));
        requireTicket(id);
        desk.route(id, target, RtLifecycle.priority(priority), AGENT);
    }

    /**
     * An administrator disables a queue. An update that moves a ticket there is refused in part, as RT does: HTTP 200,
     * "Queue … does not exist" among the messages, and the update's other changes made.
     */
    public void disableQueue(String name) {
        desk.disableQueue(name);
    }

    /** An agent sets the status (new, open, stalled, resolved, rejected, deleted). */
    public void setStatus(int id, String status) {
        if (!RtLifecycle.STATUSES.contains(status)) {
            throw new IllegalArgumentException("RT's default lifecycle has no status " + status);
        }
        requireTicket(id);
        desk.setStatus(id, status, AGENT);
    }

    /** What an agent does to have a ticket triaged again: back to General, opened, the marker field emptied. */
    public void returnToIncoming(int id) {
        requireTicket(id);
        desk.route(id, desk.queue(RtDesk.INCOMING_QUEUE).orElseThrow(), desk.ticket(id).orElseThrow().priority(),
                AGENT);
        desk.clearValues(id, desk.customField(MARKER_FIELD).orElseThrow(), AGENT);
        // A ticket that never left General (its update was refused) changes only when the agent opens it, as RT's
        // "Open It" does: otherwise it would be the very version of the ticket that was refused.
        if (desk.ticket(id).orElseThrow().status().equals("new")) {
            desk.setStatus(id, "open", AGENT);
        }
    }

    /** Adds a value to a custom field, keeping the others, as an agent or a scrip does. */
    public void addCustomFieldValue(int id, String field, String value) {
        requireTicket(id);
        desk.addValue(id, desk.customField(field).orElseThrow(() -> new IllegalArgumentException("no field " + field)),
                value, AGENT);
    }

    private void requireTicket(int id) {
        if (desk.ticket(id).isEmpty()) {
            throw new IllegalArgumentException("no RT ticket " + id);
        }
    }

    /** The ticket now, as a reader outside the API sees it. */
    public Optional<RtTicketView> ticket(int id) {
        return desk.ticket(id).map(ticket -> RtTicketView.of(ticket, desk.history(id), desk::attachmentsOf));
    }

    public List<Integer> ticketIds() {
        return desk.ticketIds();
    }

    /** How many answered updates (PUT /ticket/{id}) carried each ticket's queue or priority, by ticket id. */
    public Map<Integer, Integer> fieldWrites() {
        return new TreeMap<>(desk.fieldWrites());
    }

    public int pagesServed() {
        return handler.pagesServed();
    }

    public void garbleInListings(int id, String field, String value) {
        handler.garble(id, field, value);
    }

    public void listRawRecord(String json) {
        handler.listRawRecord(json);
    }

    /** The next PUT of the ticket is refused with 403, before anything is applied. */
    public void refuseNextUpdate(int id) {
        handler.refuseNextUpdate(id);
    }

    public void revokeCredentials(boolean revoked) {
        handler.revokeCredentials(revoked);
    }

    public void slowDown(Duration delay) {
        handler.slowDown(delay);
    }

    public String token() {
        return credentials.token();
    }

    public String user() {
        return credentials.user();
    }

    public String password() {
        return credentials.password();
    }
}
