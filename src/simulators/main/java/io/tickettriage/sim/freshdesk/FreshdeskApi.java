package io.tickettriage.sim.freshdesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.sim.GarbledFields;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The endpoints, once a request has passed routing, authentication, throttling and fault injection. Follows
 * Freshdesk's order of checks: Content-Type, JSON syntax, the ticket's existence, then the parameters.
 */
final class FreshdeskApi {

    /** Each side-load costs this many credits on top of the request's base credit. */
    private static final int CREDITS_PER_INCLUDE = 2;
    private static final Set<String> SHOW_PARAMS = Set.of("include");
    private static final List<String> SHOW_INCLUDES = List.of("conversations", "requester", "company", "stats");
    private static final int MAX_EMBEDDED_CONVERSATIONS = 10;
    private static final Set<String> CONVERSATION_LIST_PARAMS = Set.of("page", "per_page", "order_by");
    private static final List<String> CONVERSATION_ORDER = List.of("created_at", "updated_at");
    private static final Set<String> GROUP_LIST_PARAMS = Set.of("page", "per_page");
    // Notes are never edited, so ordering by updated_at is ordering by created_at.
    private static final Comparator<Note> NOTE_ORDER =
            Comparator.comparing(Note::createdAt).thenComparingLong(Note::id);

    private final TicketStore store;
    private final TicketFields ticketFields;
    private final List<SimGroup> groups;
    private final Instant groupsCreatedAt;
    private final int maxPage;
    private final Clock clock;
    private final String baseUrl;
    private final ObjectMapper mapper;
    private final GarbledFields garbled = new GarbledFields();
    private final Map<Long, Map<String, JsonNode>> replacedFields = new ConcurrentHashMap<>();
    private final List<String> rawRecords = new CopyOnWriteArrayList<>();

    FreshdeskApi(SimulatorSettings settings, TicketStore store, String baseUrl, ObjectMapper mapper) {
        this.store = store;
        this.ticketFields = new TicketFields(settings.groups(), store);
        this.groups = settings.groups().stream().sorted(Comparator.comparingLong(SimGroup::id)).toList();
        this.groupsCreatedAt = settings.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        this.maxPage = settings.maxPage();
        this.clock = settings.clock();
        this.baseUrl = baseUrl;
        this.mapper = mapper;
    }

    /** Answers a request whose method the route allows. */
    Reply handle(ApiRequest request, Route.Match match) {
        boolean get = request.method().equals("GET");
        return switch (match.route()) {
            case TICKETS -> get ? listTickets(request) : createTicket(request);
            case TICKET -> get
                    ? showTicket(request, match.requireTicketId())
                    : updateTicket(request, match.requireTicketId());
            case TICKET_NOTES -> addNote(request, match.requireTicketId());
            case TICKET_CONVERSATIONS -> listConversations(request, match.requireTicketId());
            case GROUPS -> listGroups(request);
        };
    }

    /** The same as {@code POST /api/v2/tickets}, minus the HTTP validation. */
    long createTicket(TicketDraft draft) {
        if (draft.groupId() != null && groups.stream().noneMatch(group -> group.id() == draft.groupId())) {
            throw new IllegalArgumentException("no group with id " + draft.groupId());
        }
        return store.create(ticket -> {
            ticket.subject = draft.subject();
            ticket.descriptionHtml = draft.descriptionHtml();
            ticket.status = draft.status();
            ticket.priority = draft.priority();
            ticket.groupId = draft.groupId();
            ticket.tags = draft.tags();
            ticket.requesterEmail = draft.requesterEmail();
        }).id();
    }

    private Reply listTickets(ApiRequest request) {
        TicketListQuery query = TicketListQuery.parse(request.query(), maxPage, clock.instant(), store);
        List<Ticket> tickets = store.all().stream().filter(query.selection()).sorted(query.order()).toList();
        JsonViews.TicketShape shape = query.includesDescription()
                ? JsonViews.TicketShape.LIST_WITH_DESCRIPTION
                : JsonViews.TicketShape.LIST;
        Reply reply = paginated(request, query.page(), tickets, ticket -> replaced(ticket.id(),
                garbled.applyTo(String.valueOf(ticket.id()), JsonViews.ticket(ticket, shape))))
                .withExtraCredits(CREDITS_PER_INCLUDE * query.includes().size());
        return query.page().page() == 1 && !rawRecords.isEmpty() ? reply.withRawItems(List.copyOf(rawRecords)) : reply;
    }

    /** Listings send the ticket with {@code field} set to the JSON {@code value}, whatever its shape. */
    void listFieldAs(long id, String field, JsonNode value) {
        replacedFields.computeIfAbsent(id, key -> new ConcurrentHashMap<>()).put(field, value.deepCopy());
    }

    /** Every listing's first page carries this raw JSON as one more record. */
    void listRawRecord(String json) {
        rawRecords.add(json);
    }

    private ObjectNode replaced(long id, ObjectNode json) {
        replacedFields.getOrDefault(id, Map.of()).forEach((field, value) -> json.set(field, value.deepCopy()));
        return json;
    }

    /** Listings send the ticket with {@code field} set to {@code value}. */
    void garble(long id, String field, String value) {
        garbled.garble(String.valueOf(id), field, value);
    }

    private Reply showTicket(ApiRequest request, long id) {
        Ticket ticket = existingTicket(id);
        FieldErrors.rejectUnknown(request.query().names(), SHOW_PARAMS);
        FieldErrors errors = new FieldErrors();
        Set<String> includes = request.query().listOf("include", SHOW_INCLUDES, errors);
        errors.throwIfAny();
        ObjectNode body = JsonViews.ticket(ticket, JsonViews.TicketShape.DETAIL);
        if (includes.contains("conversations")) {
            ArrayNode conversations = body.putArray("conversations");
            store.notes(id).orElse(List.of()).stream()
                    .sorted(NOTE_ORDER)
                    .limit(MAX_EMBEDDED_CONVERSATIONS)
                    .forEach(note -> conversations.add(JsonViews.note(note)));
        }
        // The notes price every side-load at 2 credits; the show endpoint is not singled out.
        return Reply.json(200, body).withExtraCredits(CREDITS_PER_INCLUDE * includes.size());
    }

    private Reply createTicket(ApiRequest request) {
        ObjectNode body = jsonBody(request);
        Ticket ticket = store.create(ticketFields.forCreate(body));
        return Reply.json(201, JsonViews.ticket(ticket, JsonViews.TicketShape.DETAIL))
                .withHeader("Location", baseUrl + "/api/v2/tickets/" + ticket.id());
    }

    private Reply updateTicket(ApiRequest request, long id) {
        ObjectNode body = jsonBody(request);
        existingTicket(id);
        if (body.isEmpty()) {
            throw new ApiException(ApiErrors.missingParams());
        }
        return store.update(id, ticketFields.forUpdate(body))
                .map(ticket -> Reply.json(200, JsonViews.ticket(ticket, JsonViews.TicketShape.DETAIL)))
                .orElseGet(ApiErrors::notFound);
    }

    private Reply addNote(ApiRequest request, long ticketId) {
        ObjectNode body = jsonBody(request);
        existingTicket(ticketId);
        Note.Content content = NoteFields.parse(body);
        // [GUESS] The ticket's updated_at stays as it is: the notes don't say whether a note touches it.
        // [GUESS] Location names the conversation resource, as Rails' conversation_url would.
        return store.addNote(ticketId, content)
                .map(note -> Reply.json(201, JsonViews.note(note))
                        .withHeader("Location", baseUrl + "/api/v2/conversations/" + note.id()))
                .orElseGet(ApiErrors::notFound);
    }

    private Reply listConversations(ApiRequest request, long ticketId) {
        List<Note> notes = store.notes(ticketId).orElseThrow(() -> new ApiException(ApiErrors.notFound()));
        FieldErrors.rejectUnknown(request.query().names(), CONVERSATION_LIST_PARAMS);
        FieldErrors errors = new FieldErrors();
        request.query().oneOf("order_by", CONVERSATION_ORDER, errors); // validated only, see NOTE_ORDER
        PageRequest page = PageRequest.from(request.query(), errors);
        errors.throwIfAny();
        return paginated(request, page, notes.stream().sorted(NOTE_ORDER).toList(), JsonViews::note);
    }

    private Reply listGroups(ApiRequest request) {
        FieldErrors.rejectUnknown(request.query().names(), GROUP_LIST_PARAMS);
        FieldErrors errors = new FieldErrors();
        PageRequest page = PageRequest.from(request.query(), errors);
        errors.throwIfAny();
        return paginated(request, page, groups, group -> JsonViews.group(group, groupsCreatedAt));
    }

    /** A bare JSON array, with a Link to the next page only when there is one. */
    private <T> Reply paginated(ApiRequest request, PageRequest pageRequest, List<T> items,
                                Function<T, ObjectNode> view) {
        PageRequest.Page<T> page = pageRequest.slice(items);
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        page.items().forEach(item -> body.add(view.apply(item)));
        Reply reply = Reply.json(200, body);
        if (!page.hasNext()) {
            return reply;
        }
        String next = baseUrl + request.path() + "?" + request.query().withPage(pageRequest.page() + 1);
        return reply.withHeader("Link", "<" + next + ">; rel=\"next\"");
    }

    private Ticket existingTicket(long id) {
        return store.find(id).orElseThrow(() -> new ApiException(ApiErrors.notFound()));
    }

    /** The body of a write request: Content-Type first (415), then syntax (400); an empty body is {}. */
    private ObjectNode jsonBody(ApiRequest request) {
        if (!request.mediaType().equals("application/json")) {
            throw new ApiException(ApiErrors.invalidContentType(request.mediaType()));
        }
        if (request.body().isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            // Anything but an object (an array, say) is invalid JSON to Freshdesk too.
            if (mapper.readTree(request.body()) instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException malformed) {
            // answered below, like any other body that isn't an object
        }
        throw new ApiException(ApiErrors.invalidJson());
    }
}
