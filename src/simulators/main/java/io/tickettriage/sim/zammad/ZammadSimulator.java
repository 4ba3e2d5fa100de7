package io.tickettriage.sim.zammad;

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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local stand-in for Zammad's REST API ({@code /api/v1}), following the contract in the project's reference notes:
 * token and Basic authentication with Zammad's 401/403 answers, the ticket list, the Elasticsearch-backed ticket
 * search (current and legacy answer shapes), articles, tags, groups, priorities and states, the ticket update with
 * its optional article, and Zammad's error bodies. Listens on 127.0.0.1 only. Thread-safe.
 */
public final class ZammadSimulator extends RecordingSimulator {

    private final Catalog catalog;
    private final ZammadStore store;
    private final ZammadJson json;
    private final AtomicBoolean credentialsRevoked;
    private final ObjectMapper mapper;
    private final ZammadHandler handler;

    private ZammadSimulator(SimulatorServer server, Catalog catalog, ZammadStore store, ZammadJson json,
                            RequestJournal journal, FaultQueue faults, AtomicBoolean credentialsRevoked,
                            ObjectMapper mapper, ZammadHandler handler) {
        super(server, journal, faults);
        this.handler = handler;
        this.catalog = catalog;
        this.store = store;
        this.json = json;
        this.credentialsRevoked = credentialsRevoked;
        this.mapper = mapper;
    }

    /** Binds 127.0.0.1:{@code settings.port()} and starts serving. */
    public static ZammadSimulator start(ZammadSettings settings) {
        // Trailing tokens after the JSON value make the body invalid JSON, as they would for a real parser.
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        Catalog catalog = new Catalog(settings.groups());
        ZammadStore store = new ZammadStore(settings.clock(),
                settings.basicLogin().map(ZammadSettings.BasicLogin::login).orElse("triage-agent@example.com"),
                settings.indexLag(), 20_260_301L);
        ZammadJson json = new ZammadJson(catalog, store);
        RequestJournal journal = new RequestJournal();
        FaultQueue faults = new FaultQueue();
        AtomicBoolean revoked = new AtomicBoolean();
        SimulatorServer server = SimulatorServer.bind("zammad-sim", settings.port());
        ZammadHandler handler = new ZammadHandler(settings, revoked, faults, journal,
                new ZammadApi(settings, catalog, store, json), mapper);
        server.serve(handler);
        return new ZammadSimulator(server, catalog, store, json, journal, faults, revoked, mapper, handler);
    }

    /**
     * The next {@code count} calls that add the tag {@code tag} to a ticket ({@code POST /api/v1/tags/add} with that
     * item) meet the fault; other tags calls pass. Checked before the other faults.
     */
    public void faultTagCalls(String tag, Fault.Kind kind, int status, int count) {
        handler.faultTag(tag, new Fault("POST", "/api/v1/tags/add", kind, status, status == 429 ? 1 : 0, count));
    }

    /**
     * From now on every search answer (its first page, when it is a list) carries {@code json} as one more record,
     * exactly as given: a record with a broken field or a hostile payload.
     */
    public void listRawRecord(String json) {
        handler.listRawRecord(json);
    }

    /** As an admin switching off API token access (Setting api_token_access): tokens are refused with 403. */
    public void disableTokenAccess(boolean disabled) {
        handler.disableTokenAccess(disabled);
    }

    /** From now on every answer waits {@code delay} before it is sent. */
    public void slowDown(Duration delay) {
        handler.slowDown(delay);
    }

    /** Adds a tag to the ticket as a customer's workflow (a trigger, an agent) would. */
    public void addTag(long ticketId, String tag) {
        if (!store.addTag(ticketId, tag)) {
            throw new IllegalArgumentException("no ticket " + ticketId);
        }
    }


    /**
     * Files a ticket as a customer would (by mail or web form), without HTTP.
     *
     * @return the new ticket's id
     * @throws IllegalArgumentException if the draft names a group, state, priority or article type the desk lacks
     */
    public long createTicket(ZammadTicketDraft draft) {
        long group = draft.group().map(name -> id(catalog.groups(), name, "group"))
                .orElse(catalog.incomingGroup().id());
        return store.create(draft.title(), group, id(Catalog.STATES, draft.state(), "state"),
                id(Catalog.PRIORITIES, draft.priority(), "priority"),
                id(Catalog.ARTICLE_TYPES, draft.articleType(), "article type"), draft.contentType(), draft.body(),
                draft.customerEmail(), draft.tags(), draft.at()).id();
    }

    /** The ticket as {@code GET /api/v1/tickets/{id}?expand=true} shows it; a fresh copy each call. */
    public Optional<JsonNode> ticket(long id) {
        return store.find(id).map(ticket -> asReceived(json.ticketWithNames(ticket)));
    }

    /** The ticket's articles as {@code GET /api/v1/ticket_articles/by_ticket/{id}} lists them, oldest first. */
    public List<JsonNode> articles(long ticketId) {
        return store.articles(ticketId).stream().map(article -> asReceived(json.article(article))).toList();
    }

    /**
     * How often an update ({@code PUT /api/v1/tickets/{id}}) set each ticket's group or priority, by ticket id,
     * counting every update that was applied, also one whose answer was lost.
     */
    public java.util.Map<Long, Integer> fieldUpdates() {
        return store.fieldUpdates();
    }

    /** The ticket's tags, as {@code GET /api/v1/tags?object=Ticket&o_id={id}} lists them. */
    public List<String> tags(long ticketId) {
        return store.tags(ticketId);
    }

    /**
     * Moves the ticket back to the incoming group and removes all its tags, as an agent undoing a triage would.
     *
     * @throws IllegalArgumentException for an unknown ticket
     */
    public void returnToIncoming(long ticketId) {
        if (!store.reset(ticketId, catalog.incomingGroup().id())) {
            throw new IllegalArgumentException("no ticket " + ticketId);
        }
    }




    /**
     * A person sets the group, the priority and (given one) the state, by name, in Zammad's own interface: updated_at
     * moves, updated_by is that person, and it is not counted among the API's updates.
     *
     * @throws IllegalArgumentException for an unknown ticket or a name the desk lacks
     */
    public void setAsAgent(long ticketId, String group, String priority, Optional<String> state) {
        StoredTicket.Change change = new StoredTicket.Change(null, id(catalog.groups(), group, "group"),
                id(Catalog.PRIORITIES, priority, "priority"),
                state.map(name -> id(Catalog.STATES, name, "state")).orElse(null));
        if (!store.agentChange(ticketId, change)) {
            throw new IllegalArgumentException("no ticket " + ticketId);
        }
    }

    /** From now on the ticket is sent with {@code field} set to {@code value}; the stored ticket is unchanged. */
    public void garble(long id, String field, String value) {
        json.garble(id, field, value);
    }

    /** While revoked, the token and the Basic login are refused as Zammad refuses unknown ones: 401. */
    public void revokeCredentials(boolean revoked) {
        credentialsRevoked.set(revoked);
    }


    /**
     * Runs the demo desk until the process is stopped, for trying the API with curl.
     *
     * @param args optional port (default 8090) and API token (default "demo-api-token")
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        String token = args.length > 1 ? args[1] : "demo-api-token";
        ZammadSimulator simulator = start(ZammadSettings.defaults(token, SimulatedZammad.DEMO_GROUPS)
                .withPort(port));
        simulator.createTicket(ZammadTicketDraft.email("I was charged twice",
                "<p>My card shows two charges for the <b>March</b> invoice.</p>"));
        simulator.createTicket(ZammadTicketDraft.web("Cannot sign in", "The password reset email never arrives."));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.printf("Zammad simulator on %s%n  try: curl -H 'Authorization: Token token=%s' "
                + "'%s/api/v1/tickets?expand=true'%n", simulator.baseUrl(), token, simulator.baseUrl());
        Thread.currentThread().join();
    }

    private static long id(List<Catalog.Entry> table, String name, String what) {
        return Catalog.byName(table, name).map(Catalog.Entry::id)
                .orElseThrow(() -> new IllegalArgumentException("no " + what + " named '" + name + "'"));
    }

    /** The node as a client's parser sees it after the wire (an IntNode where the simulator built a LongNode). */
    private JsonNode asReceived(JsonNode node) {
        try {
            return mapper.readTree(mapper.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the simulator's own JSON failed to parse", e);
        }
    }
}
