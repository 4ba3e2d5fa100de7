package io.tickettriage.sim.rt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.FaultQueue;
import io.tickettriage.sim.GarbledFields;
import io.tickettriage.sim.ReceivedRequest;
import io.tickettriage.sim.RequestJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of RT's REST2 as RT 5.0.3 runs it: a path outside {@code /REST/2.0} is the web interface's
 * HTML 404; then authentication (before routing: an unknown path without credentials is a 401), a scripted or random
 * fault, the route, and the resource's answer with RT's statuses and {@code {"message": …}} error bodies.
 */
final class RtHandler implements HttpHandler {

    static final String PREFIX = "/REST/2.0";
    static final String VERSION = "5.0.3+dfsg-3~deb12u7";

    private static final Logger LOG = LoggerFactory.getLogger(RtHandler.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PRETTY = "application/json; charset=\"utf-8\"";
    private static final String COMPACT = "application/json; charset=utf-8";
    private static final Pattern TICKET = Pattern.compile("/ticket/(\\d+)/?");
    private static final Pattern MESSAGE = Pattern.compile("/ticket/(\\d+)/(comment|correspond)");
    private static final Pattern HISTORY = Pattern.compile("/ticket/(\\d+)/history/?");
    private static final Pattern TICKET_ATTACHMENTS = Pattern.compile("/ticket/(\\d+)/attachments/?");
    private static final Pattern TRANSACTION = Pattern.compile("/transaction/(\\d+)/?");
    private static final Pattern TRANSACTION_ATTACHMENTS = Pattern.compile("/transaction/(\\d+)/attachments/?");
    private static final Pattern ATTACHMENT = Pattern.compile("/attachment/(\\d+)/?");
    private static final Pattern QUEUE_FIELDS = Pattern.compile("/queue/(\\d+)/customfields/?");
    private static final Pattern QUEUE = Pattern.compile("/queue/([^/]+)/?");
    private static final Pattern CUSTOM_FIELD = Pattern.compile("/customfield/(\\d+)/?");
    private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 401, "Unauthorized", 403,
            "Forbidden", 404, "Not Found", 405, "Method Not Allowed", 409, "Conflict", 415, "Unsupported Media Type",
            429, "Too Many Requests", 500, "Internal Server Error", 503, "Service Unavailable");

    /** An answer before it is written; {@code reset} closes the connection instead. */
    record Reply(int status, String contentType, String body, Map<String, String> headers, boolean reset) {

        static Reply pretty(int status, JsonNode json) {
            return new Reply(status, PRETTY, PerlJson.pretty(json), Map.of(), false);
        }

        static Reply compact(int status, JsonNode json) {
            return new Reply(status, COMPACT, PerlJson.compact(json), Map.of(), false);
        }

        /** REST2's error_as_json, and Web::Machine's bodies for its own statuses. */
        static Reply error(int status, String message) {
            ObjectNode body = NODES.objectNode();
            body.put("message", message);
            return new Reply(status, COMPACT, body.toString(), Map.of(), false);
        }

        static Reply status(int status) {
            return error(status, REASONS.getOrDefault(status, "Error"));
        }

        Reply with(String header, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(header, value);
            return new Reply(status, contentType, body, more, reset);
        }
    }

    private final RtDesk desk;
    private final RtCredentials credentials;
    private final FaultQueue faults;
    private final RequestJournal journal;
    private final ObjectMapper mapper;
    private final RtViews views;
    private final String base;
    private final GarbledFields garbled = new GarbledFields();
    private final List<String> rawRecords = new CopyOnWriteArrayList<>();
    private final Set<Integer> refusedUpdates = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean revoked = new AtomicBoolean();
    private final AtomicInteger pagesServed = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;

    RtHandler(RtDesk desk, RtCredentials credentials, FaultQueue faults, RequestJournal journal, ObjectMapper mapper,
              String baseUrl) {
        this.desk = desk;
        this.credentials = credentials;
        this.faults = faults;
        this.journal = journal;
        this.mapper = mapper;
        this.base = baseUrl + PREFIX;
        this.views = new RtViews(base, desk);
    }

    // ---- what tests change --------------------------------------------------------------------------------------

    void slowDown(Duration wait) {
        delay = wait;
    }

    void revokeCredentials(boolean revoke) {
        revoked.set(revoke);
    }

    void garble(int ticketId, String field, String value) {
        garbled.garble(String.valueOf(ticketId), field, value);
    }

    void listRawRecord(String json) {
        rawRecords.add(json);
    }

    void refuseNextUpdate(int ticketId) {
        refusedUpdates.add(ticketId);
    }

    int pagesServed() {
        return pagesServed.get();
    }

    // ---- the pipeline -------------------------------------------------------------------------------------------

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            pause();
            ReceivedRequest request = ReceivedRequest.read(exchange, desk.now());
            Reply reply = respond(request);
            // Recorded before the answer leaves, so that a client holding its response always finds the request.
            journal.add(request.recorded(reply.reset() ? 0 : reply.status()));
            if (!reply.reset()) {
                request.answer(exchange, reply.status(), reply.headers(), reply.contentType(),
                        reply.body().getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            // Without an answer sent, this closes the connection: the client sees a reset.
            exchange.close();
        }
    }

    private void pause() {
        Duration wait = delay;
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Reply respond(ReceivedRequest request) {
        String path = request.path();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return new Reply(404, "text/html; charset=utf-8", "<!DOCTYPE html>\n<html><head><title>RT Error</title>"
                    + "</head><body><p>The page you requested could not be found</p></body></html>\n", Map.of(),
                    false);
        }
        if (revoked.get() || !credentials.accept(request.header("Authorization"),
                QueryForm.parse(request.rawQuery()).first("token"))) {
            return Reply.status(401);
        }
        Optional<Fault> fault = faults.take(request.method(), path);
        if (fault.isPresent() && !fault.get().handlesRequest()) {
            return fault.get().kind() == Fault.Kind.RESET ? new Reply(0, "", "", Map.of(), true)
                    : faultReply(fault.get().status(), fault.get().retryAfterSeconds());
        }
        Reply reply = dispatch(request, path.substring(PREFIX.length()));
        if (fault.isEmpty()) {
            return reply;
        }
        if (fault.get().kind() == Fault.Kind.GARBLED) {
            byte[] cut = Fault.garble(reply.body().getBytes(StandardCharsets.UTF_8));
            return new Reply(reply.status(), reply.contentType(), new String(cut, StandardCharsets.UTF_8),
                    reply.headers(), false);
        }
        return fault.get().status() == 0 ? new Reply(0, "", "", Map.of(), true)
                : faultReply(fault.get().status(), 0);
    }

    /** RT's own 500 body; other statuses as the proxy in front sends them, a 429 with its Retry-After. */
    private static Reply faultReply(int status, int retryAfterSeconds) {
        Reply reply = Reply.status(status);
        return status == 429 ? reply.with("Retry-After", String.valueOf(retryAfterSeconds)) : reply;
    }

    private Reply dispatch(ReceivedRequest request, String route) {
        try {
            return route(request, route);
        } catch (UnsupportedMedia unsupported) {
            return Reply.status(415);
        } catch (BadBody bad) {
            return Reply.error(400, bad.getMessage());
        } catch (RuntimeException bug) {
            LOG.error("RT simulator failed on {} {}", request.method(), request.path(), bug);
            return Reply.status(500);
        }
    }

    private Reply route(ReceivedRequest request, String route) {
        String method = request.method();
        QueryForm query = QueryForm.parse(request.rawQuery());
        Matcher m;
        if (route.equals("/rt") || route.equals("/rt/")) {
            ObjectNode about = NODES.objectNode();
            about.put("Version", VERSION);
            about.putArray("Plugins");
            return read(method, () -> Reply.pretty(200, about));
        }
        if (route.matches("/tickets/?")) {
            return allow(method, "GET, HEAD, POST") ? search(request, query) : notAllowed("GET, HEAD, POST");
        }
        if (route.matches("/ticket/?")) {
            return method.equals("POST") ? create(request) : method.equals("GET") || method.equals("HEAD")
                    ? Reply.status(404) : notAllowed("GET, HEAD, DELETE, PUT, POST");
        }
        if ((m = TICKET.matcher(route)).matches()) {
            return ticket(request, Integer.parseInt(m.group(1)));
        }
        if ((m = MESSAGE.matcher(route)).matches()) {
            return method.equals("POST") ? message(request, Integer.parseInt(m.group(1)),
                    m.group(2).equals("comment")) : notAllowed("POST");
        }
        if ((m = HISTORY.matcher(route)).matches()) {
            int id = Integer.parseInt(m.group(1));
            return search(method, () -> transactions(request, query, desk.history(id), true));
        }
        if (route.matches("/transactions/?")) {
            return search(method, () -> transactions(request, query, desk.transactions(), false));
        }
        if ((m = TICKET_ATTACHMENTS.matcher(route)).matches()) {
            int id = Integer.parseInt(m.group(1));
            return search(method, () -> attachments(request, query, desk.ticketAttachments(id), true));
        }
        if ((m = TRANSACTION_ATTACHMENTS.matcher(route)).matches()) {
            int id = Integer.parseInt(m.group(1));
            return search(method, () -> attachments(request, query,
                    desk.transaction(id).map(desk::attachmentsOf).orElse(List.of()), true));
        }
        if (route.matches("/attachments/?")) {
            return search(method, () -> attachments(request, query, desk.attachments(), false));
        }
        if ((m = TRANSACTION.matcher(route)).matches()) {
            int id = Integer.parseInt(m.group(1));
            // RT 5.0.3 dies on a transaction id it does not have: a 500, not a 404.
            return read(method, () -> desk.transaction(id)
                    .map(txn -> Reply.pretty(200, views.transaction(txn, desk.attachmentsOf(txn))))
                    .orElseGet(() -> Reply.status(500)));
        }
        if ((m = ATTACHMENT.matcher(route)).matches()) {
            int id = Integer.parseInt(m.group(1));
            return read(method, () -> desk.attachment(id).map(a -> Reply.pretty(200, views.attachment(a)))
                    .orElseGet(() -> Reply.status(500)));
        }
        if (route.matches("/queues/all/?")) {
            return read(method, () -> collection(request, query, desk.enabledQueues(),
                    queue -> item(views.uid("queue", String.valueOf(queue.id())), query,
                            field -> views.queueItemField(queue, field))));
        }
        if ((m = QUEUE_FIELDS.matcher(route)).matches()) {
            boolean known = desk.queue(m.group(1)).isPresent();
            return search(method, () -> customFields(request, query, known ? desk.customFields() : List.of(),
                    known));
        }
        if ((m = QUEUE.matcher(route)).matches()) {
            Optional<RtDesk.Queue> queue = desk.queue(m.group(1));
            return read(method, () -> queue.map(found -> Reply.pretty(200, views.queue(found, desk.customFields())))
                    .orElseGet(() -> Reply.status(404)));
        }
        if ((m = CUSTOM_FIELD.matcher(route)).matches()) {
            Optional<RtDesk.CustomField> field = desk.customField(m.group(1));
            return read(method, () -> field.map(found -> Reply.pretty(200, views.customField(found)))
                    .orElseGet(() -> Reply.status(404)));
        }
        if (route.matches("/customfields/?")) {
            return search(method, () -> customFields(request, query, desk.customFields(), false));
        }
        return Reply.status(404);
    }

    private static boolean allow(String method, String allowed) {
        return List.of(allowed.split(", ")).contains(method);
    }

    private static Reply notAllowed(String allowed) {
        return Reply.status(405).with("Allow", allowed);
    }

    /** A collection searched by JSON (RT's QueryByJSON): GET, or POST with the search as the body. */
    private static Reply search(String method, java.util.function.Supplier<Reply> answer) {
        return List.of("GET", "HEAD", "POST").contains(method) ? answer.get() : notAllowed("GET, POST");
    }

    private static Reply read(String method, java.util.function.Supplier<Reply> answer) {
        return method.equals("GET") || method.equals("HEAD") ? answer.get() : notAllowed("GET, HEAD");
    }

    // ---- collections --------------------------------------------------------------------------------------------

    private <T> Reply collection(ReceivedRequest request, QueryForm query, List<T> all,
                                 java.util.function.Function<T, ObjectNode> item) {
        return Reply.pretty(200, views.page(all, paging(request, query), item));
    }

    /**
     * Attachments, JSON-searched. Asked for their Parent, RT 5.0.3 dies on an attachment without one (its ParentObj
     * is undefined): an empty 500, which the simulator gives too, so that no client comes to rely on the field.
     */
    private Reply attachments(ReceivedRequest request, QueryForm query, List<RtDesk.Attachment> all,
                              boolean limited) {
        List<RtDesk.Attachment> found = JsonLimits.select(limits(request, query), all, limited,
                RtViews::attachmentAttribute);
        if (query.list("fields").contains("Parent") && found.stream().anyMatch(attachment -> attachment.parent() == 0)) {
            return new Reply(500, PRETTY, "", Map.of(), false);
        }
        return collection(request, query, found, attachment -> item(views.uid("attachment",
                String.valueOf(attachment.id())), query, field -> views.attachmentField(attachment, field)));
    }

    private Reply transactions(ReceivedRequest request, QueryForm query, List<RtDesk.Transaction> all,
                               boolean limited) {
        return collection(request, query, JsonLimits.select(limits(request, query), all, limited,
                RtViews::transactionAttribute), txn -> item(views.uid("transaction", String.valueOf(txn.id())), query,
                field -> views.transactionField(txn, field)));
    }

    private Reply customFields(ReceivedRequest request, QueryForm query, List<RtDesk.CustomField> all,
                               boolean limited) {
        return collection(request, query, JsonLimits.select(limits(request, query), all, limited,
                RtViews::customFieldAttribute), field -> item(views.uid("customfield", String.valueOf(field.id())),
                query, name -> views.customFieldItemField(field, name)));
    }

    /** The JSON search: a POST's body, or a GET's {@code query} parameter, when it is a JSON array. */
    private JsonNode limits(ReceivedRequest request, QueryForm query) {
        String text = request.method().equals("POST") ? request.body() : query.first("query").orElse("");
        if (text.isBlank()) {
            return NODES.arrayNode();
        }
        if (request.method().equals("POST") && request.mediaType().equals("application/json")) {
            JsonNode json = body(request);
            if (!json.isArray()) {
                throw new BadBody("JSON object must be a ARRAY");
            }
            return json;
        }
        if (!text.strip().startsWith("[")) {
            return NODES.arrayNode();
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadBody("JSON parse error: " + e.getOriginalMessage() + "\n");
        }
    }

    private RtViews.Paging paging(ReceivedRequest request, QueryForm query) {
        String rest = query.withoutPage();
        return RtViews.Paging.of(query.firsts(), base + request.path().substring(PREFIX.length())
                + (rest.isEmpty() ? "" : "?" + rest));
    }

    /** A collection item: the record's uid plus each field asked for with {@code fields=}. */
    private static ObjectNode item(ObjectNode uid, QueryForm query,
                                   java.util.function.Function<String, JsonNode> field) {
        query.list("fields").forEach(name -> uid.set(name, field.apply(name)));
        return uid;
    }

    /**
     * GET /tickets: TicketSQL, {@code orderby}/{@code order} (repeatable; RT orders by id without them), REST2's
     * paging and {@code fields}; a query RT cannot parse is a 400 with RT's message.
     */
    private Reply search(ReceivedRequest request, QueryForm query) {
        String sql = query.first("query").orElse("");
        Predicate<TicketSql.Row> selected;
        try {
            selected = TicketSql.parse(sql, name -> desk.queue(name).map(RtDesk.Queue::id));
        } catch (TicketSql.Invalid invalid) {
            return Reply.error(400, invalid.getMessage());
        }
        List<RtDesk.TicketSnapshot> tickets = new ArrayList<>(desk.select(selected,
                sql.toLowerCase(Locale.ROOT).contains("deleted")));
        tickets.sort(ordering(query));
        RtViews.Paging paging = paging(request, query);
        ObjectNode page = views.page(tickets, paging, ticket -> {
            ObjectNode item = item(views.uid("ticket", String.valueOf(ticket.id())), query,
                    field -> views.ticketField(ticket, field, name -> query.list("fields[" + name + "]")));
            return garbled.applyTo(String.valueOf(ticket.id()), item);
        });
        pagesServed.incrementAndGet();
        if (rawRecords.isEmpty() || paging.page() != 1) {
            return Reply.pretty(200, page);
        }
        // The raw records go in as they are, before the tickets: they need not even be JSON.
        String marker = "\"__raw_records__\"";
        ArrayNode items = (ArrayNode) page.get("items");
        items.insert(0, NODES.textNode("__raw_records__"));
        String text = PerlJson.pretty(page).replace(marker, String.join(",\n", rawRecords));
        return new Reply(200, PRETTY, text, Map.of(), false);
    }

    private static Comparator<RtDesk.TicketSnapshot> ordering(QueryForm query) {
        Comparator<RtDesk.TicketSnapshot> order = null;
        List<String> directions = query.all("order");
        List<String> columns = query.all("orderby");
        for (int i = 0; i < columns.size(); i++) {
            Comparator<RtDesk.TicketSnapshot> column = switch (columns.get(i)) {
                case "LastUpdated" -> Comparator.comparing(RtDesk.TicketSnapshot::lastUpdated);
                case "Created" -> Comparator.comparing(RtDesk.TicketSnapshot::created);
                case "Priority" -> Comparator.comparingInt(RtDesk.TicketSnapshot::priority);
                case "Status" -> Comparator.comparing(RtDesk.TicketSnapshot::status);
                case "Subject" -> Comparator.comparing(RtDesk.TicketSnapshot::subject);
                case "Queue" -> Comparator.comparingInt(t -> t.queue().id());
                default -> Comparator.comparingInt(RtDesk.TicketSnapshot::id);
            };
            if (i < directions.size() && directions.get(i).equalsIgnoreCase("DESC")) {
                column = column.reversed();
            }
            order = order == null ? column : order.thenComparing(column);
        }
        Comparator<RtDesk.TicketSnapshot> byId = Comparator.comparingInt(RtDesk.TicketSnapshot::id);
        return order == null ? byId : order.thenComparing(byId);
    }

    // ---- tickets ------------------------------------------------------------------------------------------------

    private Reply ticket(ReceivedRequest request, int id) {
        Optional<RtDesk.TicketSnapshot> ticket = desk.ticket(id);
        return switch (request.method()) {
            case "GET", "HEAD" -> ticket.map(found -> Reply.pretty(200, views.ticket(found)))
                    .orElseGet(() -> Reply.status(404));
            case "PUT" -> update(request, id, ticket.isPresent());
            case "DELETE" -> {
                if (ticket.isEmpty()) {
                    yield Reply.status(404);
                }
                desk.setStatus(id, "deleted", credentials.user());
                yield new Reply(204, "", "", Map.of(), false);
            }
            case "POST" -> ticket.isPresent() ? Reply.error(409, "Resource already exists; use PUT to update")
                    : create(request);
            default -> notAllowed("GET, HEAD, DELETE, PUT, POST");
        };
    }

    /**
     * PUT /ticket/{id}: RT answers 200 with its messages even when it refuses a part (an unknown queue or status),
     * and applies the rest.
     */
    private Reply update(ReceivedRequest request, int id, boolean exists) {
        JsonNode data = jsonObject(request);
        if (!exists) {
            return Reply.error(404, "Resource does not exist; use POST to create");
        }
        if (refusedUpdates.remove(id)) {
            // As RT answers a user who may no longer see the ticket's queue: refused before anything is applied.
            return Reply.status(403);
        }
        ObjectNode normalized = ((ObjectNode) data).deepCopy();
        JsonNode queue = data.get("Queue");
        if (queue != null && queue.isObject()) {
            // deserialize_record reduces a uid to its id.
            normalized.put("Queue", queue.path("id").asText("0"));
        }
        ArrayNode messages = NODES.arrayNode();
        desk.update(id, normalized, credentials.user()).forEach(messages::add);
        return Reply.compact(200, messages);
    }

    /** POST /ticket: the Queue is required and must be one the user may create tickets in. */
    private Reply create(ReceivedRequest request) {
        JsonNode data = jsonObject(request);
        String queueName = data.path("Queue").isObject() ? data.path("Queue").path("id").asText()
                : data.path("Queue").asText("");
        if (queueName.isEmpty() || queueName.equals("0")) {
            return Reply.error(400, "Could not create ticket. Queue not set");
        }
        Optional<RtDesk.Queue> queue = desk.queue(queueName).filter(found -> !found.disabled());
        if (queue.isEmpty()) {
            return Reply.error(403, "No permission to create tickets in the queue '" + queueName + "'");
        }
        List<String> requestors = new ArrayList<>();
        JsonNode requestor = data.path("Requestor");
        (requestor.isArray() ? requestor : List.of(requestor)).forEach(node -> {
            if (node.isTextual() && !node.asText().isBlank()) {
                requestors.add(node.asText());
            }
        });
        Map<RtDesk.CustomField, List<String>> values = new LinkedHashMap<>();
        data.path("CustomFields").fields().forEachRemaining(entry -> desk.customField(entry.getKey())
                .ifPresent(field -> {
                    List<String> list = new ArrayList<>();
                    (entry.getValue().isArray() ? entry.getValue() : List.of(entry.getValue()))
                            .forEach(value -> list.add(value.asText()));
                    values.put(field, list);
                }));
        String status = data.path("Status").asText("new").toLowerCase(Locale.ROOT);
        int id = desk.create(queue.get(), data.path("Subject").asText(""), requestors,
                RtLifecycle.priority(data.path("Priority").asText("0")),
                RtLifecycle.STATUSES.contains(status) ? status : "new",
                data.has("Content") ? data.path("Content").asText() : null,
                data.path("ContentType").asText("text/plain"), values, credentials.user());
        ObjectNode created = views.uid("ticket", String.valueOf(id));
        return Reply.compact(201, created).with("Location", PREFIX + "/ticket/" + id);
    }

    /**
     * POST /ticket/{id}/comment or /correspond, with a JSON body (Content needs a ContentType) or the message itself
     * as text/plain or text/html. A comment is recorded, never mailed.
     */
    private Reply message(ReceivedRequest request, int id, boolean comment) {
        String subject;
        String content;
        String contentType;
        JsonNode data = NODES.objectNode();
        String media = request.mediaType();
        if (media.equals("text/plain") || media.equals("text/html")) {
            subject = null;
            content = request.body();
            contentType = media;
        } else if (media.equals("application/json")) {
            data = jsonObject(request);
            String given = data.path("Content").asText("");
            if (!given.isEmpty() && data.path("ContentType").asText("").isEmpty()) {
                return Reply.error(400, "ContentType is a required field for application/json");
            }
            subject = data.hasNonNull("Subject") ? data.path("Subject").asText() : null;
            content = given;
            contentType = data.path("ContentType").asText("text/plain");
        } else {
            return Reply.status(415);
        }
        if (desk.ticket(id).isEmpty()) {
            return Reply.error(400, "Message could not be recorded");
        }
        RtDesk.Transaction transaction = desk.addMessage(id, comment, subject, content, contentType,
                credentials.user());
        ArrayNode messages = NODES.arrayNode();
        messages.add(comment ? "Comments added" : "Correspondence added");
        ObjectNode rest = NODES.objectNode();
        if (data.has("CustomFields")) {
            rest.set("CustomFields", data.get("CustomFields"));
        }
        if (data.hasNonNull("Status")) {
            rest.set("Status", data.get("Status"));
        }
        if (!rest.isEmpty()) {
            desk.update(id, rest, credentials.user()).forEach(messages::add);
        }
        return Reply.pretty(201, messages).with("Location", PREFIX + "/transaction/" + transaction.id());
    }

    // ---- bodies -------------------------------------------------------------------------------------------------

    /** Signals a body RT refuses with 400 and this message. */
    private static class BadBody extends RuntimeException {
        BadBody(String message) {
            super(message);
        }
    }

    private JsonNode jsonObject(ReceivedRequest request) {
        if (!request.mediaType().equals("application/json")) {
            throw new UnsupportedMedia();
        }
        JsonNode json = body(request);
        if (!json.isObject()) {
            throw new BadBody("JSON object must be a HASH");
        }
        return json;
    }

    private JsonNode body(ReceivedRequest request) {
        if (request.body().isBlank()) {
            return NODES.objectNode();
        }
        try {
            return mapper.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new BadBody("JSON parse error: " + e.getOriginalMessage() + "\n");
        }
    }

    /** Web::Machine's 415 for a body that is not JSON where a resource accepts only JSON. */
    private static final class UnsupportedMedia extends BadBody {
        UnsupportedMedia() {
            super("Unsupported Media Type");
        }
    }

    /** HTTP Basic's user and password from an Authorization value, if it is one. */
    static Optional<String[]> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            String[] pair = decoded.split(":", 2);
            return pair.length == 2 ? Optional.of(pair) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
