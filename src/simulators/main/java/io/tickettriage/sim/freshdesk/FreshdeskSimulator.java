package io.tickettriage.sim.freshdesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultQueue;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.RequestJournal;
import io.tickettriage.sim.RecordingSimulator;
import io.tickettriage.sim.SimulatorServer;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * A local stand-in for the Freshdesk API v2, following the contract in the project's reference notes: Basic auth
 * with an API key, throttling with its headers and 429s, Link-header paging, the error bodies verbatim, and the
 * ticket, note and group representations. Listens on 127.0.0.1 only. Thread-safe.
 */
public final class FreshdeskSimulator extends RecordingSimulator {

    private final TicketStore store;
    private final FreshdeskApi api;
    private final ObjectMapper mapper;
    private final AtomicBoolean keyRevoked;
    private final ApiHandler handler;

    private FreshdeskSimulator(SimulatorServer server, TicketStore store, FreshdeskApi api, RequestJournal journal,
                               FaultQueue faults, ObjectMapper mapper, AtomicBoolean keyRevoked, ApiHandler handler) {
        super(server, journal, faults);
        this.store = store;
        this.api = api;
        this.mapper = mapper;
        this.keyRevoked = keyRevoked;
        this.handler = handler;
    }

    /** Binds 127.0.0.1:{@code settings.port()} and starts serving. */
    public static FreshdeskSimulator start(SimulatorSettings settings) {
        return start(settings, null);
    }

    /**
     * As {@link #start(SimulatorSettings)}, over HTTPS with {@code tls}'s certificate.
     *
     * @param tls the server's key and certificate; null for plain HTTP
     */
    public static FreshdeskSimulator start(SimulatorSettings settings, SSLContext tls) {
        // Trailing tokens after the JSON value make the body invalid JSON, as they would for a real parser.
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        TicketStore store = new TicketStore(settings.clock());
        RequestJournal journal = new RequestJournal();
        FaultQueue faults = new FaultQueue();
        RateLimiter rateLimiter = new RateLimiter(settings.rateLimitPerMinute(), settings.clock());
        SimulatorServer server = SimulatorServer.bind("freshdesk-sim", settings.port(), tls);
        FreshdeskApi api = new FreshdeskApi(settings, store, server.baseUrl(), mapper);
        AtomicBoolean keyRevoked = new AtomicBoolean();
        ApiHandler handler = new ApiHandler(settings.apiKey(), keyRevoked, rateLimiter, faults, journal, api, mapper,
                settings.clock());
        server.serve(handler);
        return new FreshdeskSimulator(server, store, api, journal, faults, mapper, keyRevoked, handler);
    }

    /**
     * From now on every listing sends the ticket with {@code field} set to the JSON {@code value}, whatever its shape
     * (tags as a string, a list of numbers): what a hostile stand-in or an API change sends. The stored ticket is
     * unchanged.
     */
    public void listFieldAs(long id, String field, JsonNode value) {
        api.listFieldAs(id, field, value);
    }

    /** From now on the first page of every ticket listing carries {@code json} as one more record, as it is. */
    public void listRawRecord(String json) {
        api.listRawRecord(json);
    }

    /** A customer's workflow adds a tag to the ticket (its updated_at moves, as with any change). */
    public void addTag(long id, String tag) {
        store.update(id, ticket -> {
            List<String> tags = new java.util.ArrayList<>(ticket.tags);
            tags.add(tag);
            ticket.tags = List.copyOf(tags);
        }).orElseThrow(() -> new IllegalArgumentException("no ticket " + id));
    }

    /** From now on every answer waits {@code delay} before it leaves, as a busy Freshdesk does. */
    public void slowDown(java.time.Duration delay) {
        handler.slowDown(delay);
    }



    /**
     * Stores a ticket as {@code POST /api/v2/tickets} would, without HTTP validation.
     *
     * @return the new ticket's id
     * @throws IllegalArgumentException if the draft names a group the account doesn't have
     */
    public long createTicket(TicketDraft draft) {
        return api.createTicket(draft);
    }

    /**
     * From now on the ticket is listed with {@code field} set to {@code value} (e.g. an {@code updated_at} that is not
     * a time), as a broken proxy or an API change would send it. The stored ticket is unchanged.
     */
    public void garble(long id, String field, String value) {
        api.garble(id, field, value);
    }

    /** A person sets the group and the priority (and, given one, the status) in Freshdesk's own interface. */
    public void setAsAgent(long id, long groupId, int priority, Integer status) {
        store.update(id, ticket -> {
            ticket.groupId = groupId;
            ticket.priority = priority;
            if (status != null) {
                ticket.status = status;
            }
        }).orElseThrow(() -> new IllegalArgumentException("no ticket " + id));
    }

    /** An agent clears the ticket's group and tags, as a PUT would (updated_at moves). */
    public void clearGroupAndTags(long id) {
        store.update(id, ticket -> {
            ticket.groupId = null;
            ticket.tags = List.of();
        }).orElseThrow(() -> new IllegalArgumentException("no ticket " + id));
    }

    /** The ticket as {@code GET /api/v2/tickets/{id}} returns it; a fresh copy each call. */
    public Optional<JsonNode> ticket(long id) {
        return store.find(id).map(ticket -> asReceived(JsonViews.ticket(ticket, JsonViews.TicketShape.DETAIL)));
    }

    /** Every ticket as {@code GET /api/v2/tickets/{id}} returns it, ordered by id; fresh copies. */
    public List<JsonNode> tickets() {
        return store.all().stream()
                .map(ticket -> asReceived(JsonViews.ticket(ticket, JsonViews.TicketShape.DETAIL)))
                .toList();
    }

    /** The notes added to the ticket, oldest first, as conversation objects; empty for an unknown ticket. */
    public List<JsonNode> notes(long ticketId) {
        return store.notes(ticketId).orElse(List.of()).stream().map(note -> asReceived(JsonViews.note(note))).toList();
    }




    /** While revoked, the API key is refused as an admin who reset it would make it: 401 invalid_credentials. */
    public void revokeApiKey(boolean revoked) {
        keyRevoked.set(revoked);
    }


    /**
     * Runs a simulator until the process is stopped, for trying the API with curl.
     *
     * @param args optional port (default 8089) and API key (default "demo-api-key")
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        String apiKey = args.length > 1 ? args[1] : "demo-api-key";
        List<SimGroup> groups = List.of(
                new SimGroup(43_000_000_101L, "Billing", "Invoices, refunds and payment questions"),
                new SimGroup(43_000_000_102L, "Technical Support", "Bugs, errors and how-to questions"),
                new SimGroup(43_000_000_103L, "Accounts", "Sign-in, access and account changes"));
        FreshdeskSimulator simulator = start(SimulatorSettings.defaults(apiKey, groups).withPort(port));
        simulator.createTicket(TicketDraft.open("I was charged twice",
                "<p>My card shows two charges for the <b>March</b> invoice.</p>"));
        simulator.createTicket(TicketDraft.open("Export fails with error 500",
                "<p>Exporting the report always ends with an error page.</p>"));
        simulator.createTicket(TicketDraft.open("Cannot sign in",
                "<p>The password reset email never arrives.</p>"));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.printf("Freshdesk simulator on %s%n  try: curl -u %s:X '%s/api/v2/tickets?include=description'%n",
                simulator.baseUrl(), apiKey, simulator.baseUrl());
        Thread.currentThread().join();
    }

    /**
     * The node as a client's parser would see it after the wire: 1001 then is an IntNode, not the LongNode the
     * simulator built, so the copies compare equal to parsed responses.
     */
    private JsonNode asReceived(JsonNode node) {
        try {
            return mapper.readTree(mapper.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the simulator's own JSON failed to parse", e);
        }
    }
}
