package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultQueue;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.RequestJournal;
import io.tickettriage.sim.RecordingSimulator;
import io.tickettriage.sim.SimulatorServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local stand-in for an OTOBO, Znuny or OTRS GenericInterface web service (by default the example
 * GenericTicketConnectorREST), following the contract in the project's reference notes: per-request authentication
 * by UserLogin/Password or SessionID, operation errors as HTTP 200 with an {@code Error} object, transport errors as
 * HTTP 500 text/plain, TicketSearch without paging, TicketGet's inconsistent JSON types, and TicketUpdate's checks.
 * Listens on 127.0.0.1 only. Thread-safe.
 */
public final class OtoboSimulator extends RecordingSimulator {

    private final OtoboSettings settings;
    private final Desk desk;
    private final Authenticator authenticator;
    private final OtoboHandler handler;
    private final Map<String, Integer> fieldWrites;
    private final ObjectMapper json;

    private OtoboSimulator(OtoboSettings settings, SimulatorServer server, Desk desk, Authenticator authenticator,
                           OtoboHandler handler, RequestJournal journal, FaultQueue faults,
                           Map<String, Integer> fieldWrites, ObjectMapper json) {
        super(server, journal, faults);
        this.settings = settings;
        this.desk = desk;
        this.authenticator = authenticator;
        this.handler = handler;
        this.fieldWrites = fieldWrites;
        this.json = json;
    }

    /** Binds 127.0.0.1:{@code settings.port()} and starts serving. */
    public static OtoboSimulator start(OtoboSettings settings) {
        // Trailing tokens after the JSON value make a body invalid, as they do for OTOBO's JSON::XS.
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        Desk desk = new Desk(settings.clock(), settings.timeZone(),
                Catalog.demo(settings.confidenceField(), settings.markerField()), settings.sessionMaxTime(),
                settings.sessionMaxIdleTime());
        Authenticator authenticator = new Authenticator(settings.userLogin(), settings.password());
        RequestJournal journal = new RequestJournal();
        FaultQueue faults = new FaultQueue();
        Map<String, Integer> fieldWrites = new ConcurrentHashMap<>();
        OtoboHandler handler = new OtoboHandler(settings, desk, authenticator, json, journal, faults, fieldWrites);
        SimulatorServer server = SimulatorServer.bind(settings.product() + "-sim", settings.port());
        server.serve(handler);
        return new OtoboSimulator(settings, server, desk, authenticator, handler, journal, faults, fieldWrites, json);
    }

    /** The web service's URL, to which routes are appended: {@code …/otobo/nph-genericinterface.pl/Webservice/…}. */
    public String webserviceUrl() {
        return baseUrl() + "/" + settings.product() + "/nph-genericinterface.pl/Webservice/"
                + settings.webserviceName();
    }

    public OtoboSettings settings() {
        return settings;
    }

    /**
     * Files a customer's mail as the postmaster does: a new ticket in {@code queue} (OTOBO's default incoming queue
     * is Raw) with priority "3 normal" and one customer article the customer can see.
     *
     * @return the new ticket's id
     */
    public String createCustomerTicket(String queue, String subject, String body, String from) {
        return desk.transaction(() -> {
            Catalog catalog = desk.catalog();
            int queueId = catalog.queue(queue).orElseThrow(() -> new IllegalArgumentException("no queue " + queue))
                    .id();
            return String.valueOf(desk.createCustomerTicket(subject, body, from, queueId,
                    catalog.priority("3 normal").orElseThrow().id()).id);
        });
    }

    /**
     * A ticket as people left it, for a history to learn from: a customer's mail filed in {@code queue}, then set to
     * {@code state} and {@code priority} by an agent, with the marker field holding {@code markerValues} (empty for
     * none: a ticket ticket-triage never wrote).
     *
     * @return the new ticket's id
     */
    public String createHandledTicket(String queue, String state, String priority, String subject, String body,
                                      List<String> markerValues) {
        return desk.transaction(() -> {
            Catalog catalog = desk.catalog();
            int queueId = catalog.queue(queue).orElseThrow(() -> new IllegalArgumentException("no queue " + queue))
                    .id();
            int priorityId = catalog.priority(priority)
                    .orElseThrow(() -> new IllegalArgumentException("no priority " + priority)).id();
            Catalog.State handled = catalog.state(state)
                    .orElseThrow(() -> new IllegalArgumentException("no state " + state));
            DeskTicket ticket = desk.createCustomerTicket(subject, body, "customer@example.com", queueId, priorityId);
            ticket.stateId = handled.id();
            ticket.changed("StateUpdate", desk.now());
            if (!markerValues.isEmpty()) {
                ticket.dynamicFields.put(settings.markerField(), List.copyOf(markerValues));
                ticket.changed("TicketDynamicFieldUpdate", desk.now());
            }
            return String.valueOf(ticket.id);
        });
    }

    /**
     * What an agent does in the agent interface to have a ticket triaged again: moves it back to Raw, empties the
     * marker field and sets it to open. Each change stamps the ticket's change time, as OTOBO's do, so the ticket
     * counts as changed even when it never left Raw (a new ticket becomes open).
     */
    public void returnToIncoming(String id) {
        desk.transaction(() -> {
            DeskTicket ticket = desk.ticket(id).orElseThrow(() -> new IllegalArgumentException("no ticket " + id));
            Catalog catalog = desk.catalog();
            int raw = catalog.queue(Catalog.INCOMING_QUEUE).orElseThrow().id();
            if (ticket.queueId != raw) {
                ticket.queueId = raw;
                ticket.changed("Move", desk.now());
            }
            if (ticket.dynamicFields.remove(settings.markerField()) != null) {
                ticket.changed("TicketDynamicFieldUpdate", desk.now());
            }
            Catalog.State open = catalog.state("open").orElseThrow();
            if (ticket.stateId != open.id()) {
                ticket.stateId = open.id();
                ticket.changed("StateUpdate", desk.now());
            }
            return null;
        });
    }

    /**
     * A person sets the queue, the priority and (given one) the state, by name, in the agent interface: each change
     * stamps the ticket's change time and its history, as OTOBO's do, and none is a TicketUpdate of the web service
     * ({@link #fieldWrites()}).
     *
     * @throws IllegalArgumentException for an unknown ticket or a name the desk lacks
     */
    public void setAsAgent(String id, String queue, String priority, Optional<String> state) {
        desk.transaction(() -> {
            DeskTicket ticket = desk.ticket(id).orElseThrow(() -> new IllegalArgumentException("no ticket " + id));
            Catalog catalog = desk.catalog();
            int queueId = catalog.queue(queue).orElseThrow(() -> new IllegalArgumentException("no queue " + queue))
                    .id();
            int priorityId = catalog.priority(priority)
                    .orElseThrow(() -> new IllegalArgumentException("no priority " + priority)).id();
            Optional<Catalog.State> newState = state.map(name -> catalog.state(name)
                    .orElseThrow(() -> new IllegalArgumentException("no state " + name)));
            if (ticket.queueId != queueId) {
                ticket.queueId = queueId;
                ticket.changed("Move", desk.now());
            }
            if (ticket.priorityId != priorityId) {
                ticket.priorityId = priorityId;
                ticket.changed("PriorityUpdate", desk.now());
            }
            newState.filter(s -> s.id() != ticket.stateId).ifPresent(s -> {
                ticket.stateId = s.id();
                ticket.changed("StateUpdate", desk.now());
            });
            return null;
        });
    }

    /** The ticket as TicketGet returns it with AllArticles=1 and DynamicFields=1; a fresh copy each call. */
    public Optional<JsonNode> ticket(String id) {
        return desk.transaction(() -> desk.ticket(id).map(ticket -> {
            var view = TicketView.ticket(ticket, desk, true, false);
            var articles = view.putArray("Article");
            ticket.articles.forEach(article -> articles.add(TicketView.article(ticket, article, desk)));
            return asReceived(view);
        }));
    }

    /** The ids of every ticket, oldest first. */
    public List<String> ticketIds() {
        return desk.transaction(() -> desk.tickets().stream().map(t -> String.valueOf(t.id)).toList());
    }

    /** How many history rows the ticket has; what TicketChangeTime* searches look at. */
    public int historySize(String id) {
        return desk.transaction(() -> desk.ticket(id).map(t -> t.history.size()).orElse(0));
    }




    /**
     * The next {@code count} TicketUpdates of the ticket that carry dynamic fields apply queue, priority and article,
     * then fail with an HTTP 500 before the dynamic fields, as OTOBO's TicketUpdate does when one cannot be set.
     */
    public void failDynamicFields(String ticketId, int count) {
        handler.failDynamicFields(ticketId, count);
    }

    /**
     * Lists {@code json} as one more ticket in every TicketSearch answer (first, under an id of the simulator's),
     * and returns the text as it is where a TicketGet asks for that id.
     *
     * @return the id it is listed under
     */
    public String listRawRecord(String json) {
        return handler.listRaw(json);
    }

    /** From now on every answer waits {@code delay} before it is sent, as a busy OTOBO does. */
    public void slowDown(java.time.Duration delay) {
        handler.slowDown(delay);
    }

    /**
     * Adds a value to the ticket's multiselect dynamic field, as a customer's workflow (a Generic Agent job, a
     * process) would; stamps the change time as OTOBO does.
     */
    public void addDynamicFieldValue(String id, String field, String value) {
        desk.transaction(() -> {
            DeskTicket ticket = desk.ticket(id).orElseThrow(() -> new IllegalArgumentException("no ticket " + id));
            List<String> values = new java.util.ArrayList<>(ticket.dynamicFields.getOrDefault(field, List.of()));
            values.add(value);
            ticket.dynamicFields.put(field, List.copyOf(values));
            ticket.changed("TicketDynamicFieldUpdate", desk.now());
            return null;
        });
    }

    /** Queues an operation error (HTTP 200 with Error); consumed in the order injected. */
    public void injectOperationFault(OperationFault fault) {
        handler.addOperationFault(fault);
    }

    /** From now on TicketGet sends the ticket with {@code field} set to {@code value}; the ticket is unchanged. */
    public void garble(String id, String field, String value) {
        desk.garbled().garble(id, field, value);
    }

    /** An admin changes the agent's password and kills its sessions: every call fails authentication. */
    public void revokeCredentials() {
        authenticator.revoke();
        desk.transaction(() -> {
            desk.removeSessions();
            return null;
        });
    }

    /** The old password works again; killed sessions stay dead. */
    public void restoreCredentials() {
        authenticator.restore();
    }

    /** Every SessionID handed out so far. */
    public List<String> issuedSessions() {
        return desk.transaction(desk::issuedSessions);
    }

    /** Requests of this operation type that ran and answered without an Error. */
    public int answered(OperationType type) {
        return handler.answered(type);
    }

    /** By ticket id: the successful TicketUpdate calls that carried a queue or a priority. */
    public Map<String, Integer> fieldWrites() {
        return Map.copyOf(fieldWrites);
    }


    /**
     * Runs a simulator until the process is stopped, for trying the API with curl.
     *
     * @param args optional port (default 8090), agent login (default "triage-bot") and password (default "demo")
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        String login = args.length > 1 ? args[1] : "triage-bot";
        String password = args.length > 2 ? args[2] : "demo";
        OtoboSimulator simulator = start(OtoboSettings.defaults(login, password).withPort(port));
        simulator.createCustomerTicket("Raw", "I was charged twice", "My card shows two charges for March.",
                "anna@example.com");
        simulator.createCustomerTicket("Raw", "Cannot sign in", "The password reset email never arrives.",
                "ben@example.com");
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.printf("OTOBO simulator on %s%n  try: curl -s '%s/Ticket?UserLogin=%s&Password=%s&Queues=Raw'%n",
                simulator.webserviceUrl(), simulator.webserviceUrl(), login, password);
        Thread.currentThread().join();
    }

    /** The node as a client's parser sees it after the wire. */
    private JsonNode asReceived(JsonNode node) {
        try {
            return json.readTree(json.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the simulator's own JSON failed to parse", e);
        }
    }
}
