package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.jsoup.Jsoup;

/**
 * TicketUpdate (Operation/Ticket/TicketUpdate.pm), checks in its order and with its messages: request, TicketID,
 * credentials, authentication, access, the Ticket/Article/DynamicField structures, each ticket attribute, the article
 * and the dynamic fields; then the changes. A name wins over an id when it differs from the ticket's current value
 * (while validation looks at the id when both are given). Article defaults are OTOBO's: channel Internal, sender
 * type agent, IsVisibleForCustomer 1 — an internal note needs {@code "IsVisibleForCustomer":0}. Queue, state,
 * priority and dynamic field changes stamp the ticket's change_time; a new article only writes history.
 */
final class TicketUpdateOperation {

    private static final List<String> AUTO_RESPONSE_TYPES = List.of("auto reply", "auto reject", "auto follow up",
            "auto reply/new ticket", "auto remove");
    private static final Pattern MIME_TYPE = Pattern.compile("\\A\\w+/\\w+\\z");
    private static final Pattern CONTENT_TYPE_MIME = Pattern.compile("^(\\w+/\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_TYPE_CHARSET = Pattern.compile("charset=[\"']?([\\w-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final String INVALID_FORMAT = "TicketUpdate: %s parameter is invalid!";

    private final Desk desk;
    private final Authenticator authenticator;
    private final Map<String, Integer> fieldWrites;
    private final Map<String, Integer> dynamicFieldFailures = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param fieldWrites counts, by ticket id, the successful updates that carried a queue or a priority
     */
    TicketUpdateOperation(Desk desk, Authenticator authenticator, Map<String, Integer> fieldWrites) {
        this.desk = desk;
        this.authenticator = authenticator;
        this.fieldWrites = fieldWrites;
    }

    JsonNode run(JsonNode data) throws OperationError, OperationFailure {
        if (!PerlValues.isHashWithData(data)) {
            throw error("EmptyRequest", "TicketUpdate: The request data is invalid!");
        }
        if (!PerlValues.isTrue(data.path("TicketID")) && !PerlValues.isTrue(data.path("TicketNumber"))) {
            throw error("MissingParameter", "TicketUpdate: TicketID or TicketNumber is required!");
        }
        boolean login = PerlValues.isTrue(data.path("UserLogin")) || PerlValues.isTrue(data.path("CustomerUserLogin"));
        if (!login && !PerlValues.isTrue(data.path("SessionID"))) {
            throw error("MissingParameter", "TicketUpdate: UserLogin, CustomerUserLogin or SessionID is required!");
        }
        if (login && !PerlValues.isTrue(data.path("Password"))) {
            throw error("MissingParameter", "TicketUpdate: Password or SessionID is required!");
        }
        String agent = authenticator.authenticate(data, desk)
                .orElseThrow(() -> error("AuthFail", "TicketUpdate: User could not be authenticated!"));
        Optional<DeskTicket> found = PerlValues.isTrue(data.path("TicketNumber"))
                ? desk.ticketByNumber(PerlValues.scalar(data.path("TicketNumber")))
                : desk.ticket(PerlValues.scalar(data.path("TicketID")));
        DeskTicket ticket = found.orElseThrow(() -> error("AccessDenied",
                "TicketUpdate: User does not have access to the ticket!"));
        for (String optional : List.of("Ticket", "Article")) {
            if (defined(data.path(optional)) && !PerlValues.isHashWithData(data.path(optional))) {
                throw error("InvalidParameter", "TicketUpdate: " + optional + " parameter is not valid!");
            }
        }
        for (String optional : List.of("DynamicField", "Attachment")) {
            JsonNode value = data.path(optional);
            if (defined(value) && !PerlValues.isHashWithData(value) && !PerlValues.isArrayWithData(value)) {
                throw error("MissingParameter", "TicketUpdate: " + optional + " parameter is missing or not valid!");
            }
        }
        JsonNode ticketData = data.path("Ticket");
        if (defined(ticketData)) {
            checkTicket(ticketData);
        }
        Optional<ArticleDraft> article = defined(data.path("Article"))
                ? Optional.of(checkArticle(data.path("Article"), agent)) : Optional.empty();
        List<JsonNode> dynamicFields = dynamicFields(data.path("DynamicField"));

        if (defined(ticketData)) {
            applyTicket(ticket, ticketData);
        }
        Optional<DeskTicket.Article> created = article.map(draft -> desk.addArticle(ticket, draft.senderTypeId(),
                draft.visible(), draft.channelId(), draft.from(), "", draft.subject(), draft.body(), draft.mimeType(),
                draft.charset(), draft.historyType()));
        if (!dynamicFields.isEmpty() && takeDynamicFieldFailure(String.valueOf(ticket.id))) {
            // TicketUpdate.pm sets the dynamic fields after the attributes and the article; one that fails ends the
            // update with Success => 0, an HTTP 500, and what came before it stays.
            throw new OperationFailure("Dynamic Field " + PerlValues.trimmed(dynamicFields.get(0).path("Name"))
                    + " could not be set, please contact the system administrator");
        }
        for (JsonNode field : dynamicFields) {
            setDynamicField(ticket, field);
        }
        if (defined(ticketData) && (PerlValues.isTrue(ticketData.path("Queue"))
                || PerlValues.isTrue(ticketData.path("QueueID")) || PerlValues.isTrue(ticketData.path("Priority"))
                || PerlValues.isTrue(ticketData.path("PriorityID")))) {
            fieldWrites.merge(String.valueOf(ticket.id), 1, Integer::sum);
        }

        ObjectNode result = JsonNodeFactory.instance.objectNode();
        // The id comes back as it arrived: a string from the URI, a number from a JSON body.
        if (PerlValues.isTrue(data.path("TicketNumber"))) {
            result.put("TicketID", String.valueOf(ticket.id));
        } else {
            result.set("TicketID", data.get("TicketID"));
        }
        result.put("TicketNumber", ticket.number);
        // [GUESS] The notes leave ArticleID's JSON type open; it is the database id, sent here as a number.
        created.ifPresent(a -> result.put("ArticleID", a.id()));
        return result;
    }

    /**
     * The next {@code count} updates of the ticket that carry dynamic fields apply its attributes and article, then
     * fail before the dynamic fields with an HTTP 500.
     */
    void failDynamicFields(String ticketId, int count) {
        dynamicFieldFailures.merge(ticketId, count, Integer::sum);
    }

    private boolean takeDynamicFieldFailure(String id) {
        boolean[] hit = {false};
        dynamicFieldFailures.computeIfPresent(id, (key, left) -> {
            hit[0] = true;
            return left == 1 ? null : left - 1;
        });
        return hit[0];
    }

    private void checkTicket(JsonNode ticket) throws OperationError {
        Catalog catalog = desk.catalog();
        if (PerlValues.isTrue(ticket.path("CustomerUser"))) {
            throw invalid("Ticket->CustomerUser");
        }
        check(ticket, "Queue", catalog::queue, catalog::queueById, "Ticket->QueueID or Ticket->Queue");
        check(ticket, "Lock", catalog::lock, catalog::lockById, "Ticket->LockID or Ticket->Lock");
        check(ticket, "Type", catalog::type, catalog::typeById, "Ticket->TypeID or Ticket->Type");
        // The demo desk has no services or SLAs.
        check(ticket, "Service", name -> Optional.empty(), id -> Optional.empty(),
                "Ticket->ServiceID or Ticket->Service");
        check(ticket, "SLA", name -> Optional.empty(), id -> Optional.empty(), "Ticket->SLAID or Ticket->SLA");
        check(ticket, "State", catalog::state, catalog::stateById, "Ticket->StateID or Ticket->State");
        check(ticket, "Priority", catalog::priority, catalog::priorityById, "Ticket->PriorityID or Ticket->Priority");
        // root@localhost owns every ticket of the demo desk, and no one else can.
        Function<String, Optional<String>> root = v -> v.equals("root@localhost") || v.equals("1")
                ? Optional.of(v) : Optional.empty();
        check(ticket, "Owner", root, root, "Ticket->OwnerID or Ticket->Owner");
        check(ticket, "Responsible", root, root, "Ticket->ResponsibleID or Ticket->Responsible");
    }

    /** The ValidateX pattern: the name decides when only the name is given, the id whenever it is given. */
    private static void check(JsonNode ticket, String attribute, Function<String, ? extends Optional<?>> byName,
                              Function<String, ? extends Optional<?>> byId, String what) throws OperationError {
        boolean name = PerlValues.isTrue(ticket.path(attribute));
        boolean id = PerlValues.isTrue(ticket.path(attribute + "ID"));
        if (!name && !id) {
            return;
        }
        Optional<?> found = name && !id ? byName.apply(PerlValues.trimmed(ticket.path(attribute)))
                : byId.apply(PerlValues.trimmed(ticket.path(attribute + "ID")));
        if (found.isEmpty()) {
            throw invalid(what);
        }
    }

    private record ArticleDraft(String subject, String body, String mimeType, String charset, int channelId,
                                int senderTypeId, boolean visible, String from, String historyType) {
    }

    private ArticleDraft checkArticle(JsonNode article, String agent) throws OperationError {
        Catalog catalog = desk.catalog();
        String subject = PerlValues.trimmed(article.path("Subject"));
        String body = PerlValues.trimmed(article.path("Body"));
        String autoResponse = PerlValues.isTrue(article.path("AutoResponseType"))
                ? PerlValues.trimmed(article.path("AutoResponseType")) : "auto follow up";
        if (!isTrue(subject)) {
            throw error("MissingParameter", "TicketUpdate: Article->Subject parameter is missing!");
        }
        if (!isTrue(body)) {
            throw error("MissingParameter", "TicketUpdate: Article->Body parameter is missing!");
        }
        if (!AUTO_RESPONSE_TYPES.contains(autoResponse)) {
            throw invalid("Article->AutoResponseType");
        }
        Optional<Catalog.Entry> channel;
        if (PerlValues.isTrue(article.path("CommunicationChannelID"))) {
            channel = catalog.channelById(PerlValues.trimmed(article.path("CommunicationChannelID")));
        } else if (PerlValues.isTrue(article.path("CommunicationChannel"))) {
            channel = catalog.channel(PerlValues.trimmed(article.path("CommunicationChannel")));
        } else {
            channel = catalog.channel("Internal");
        }
        if (channel.isEmpty() || !List.of("Email", "Internal", "Phone").contains(channel.get().name())) {
            throw error("InvalidParameter", "TicketUpdate: Article->CommunicationChannel or "
                    + "Article->CommunicationChannelID parameter is invalid or not supported!");
        }
        Optional<Catalog.Entry> senderType;
        boolean senderName = PerlValues.isTrue(article.path("SenderType"));
        boolean senderId = PerlValues.isTrue(article.path("SenderTypeID"));
        if (senderName && !senderId) {
            senderType = catalog.senderType(PerlValues.trimmed(article.path("SenderType")));
        } else if (senderId) {
            senderType = catalog.senderTypeById(PerlValues.trimmed(article.path("SenderTypeID")));
        } else {
            senderType = catalog.senderType("agent");
        }
        if (senderType.isEmpty()) {
            throw error("InvalidParameter",
                    "TicketUpdate: Article->SenderTypeID or Ticket->SenderType parameter is invalid!");
        }
        String contentType = PerlValues.trimmed(article.path("ContentType")).toLowerCase(Locale.ROOT);
        String mimeType = PerlValues.trimmed(article.path("MimeType")).toLowerCase(Locale.ROOT);
        String charset = PerlValues.trimmed(article.path("Charset")).toLowerCase(Locale.ROOT);
        if (contentType.isEmpty() && mimeType.isEmpty() && charset.isEmpty()) {
            throw error("MissingParameter", "TicketUpdate: Article->ContentType or Ticket->MimeType and"
                    + " Article->Charset parameters are required!");
        }
        if (!mimeType.isEmpty() && charset.isEmpty()) {
            throw error("MissingParameter", "TicketUpdate: Article->Charset is required!");
        }
        if (!charset.isEmpty() && mimeType.isEmpty()) {
            throw error("MissingParameter", "TicketUpdate: Article->MimeType is required!");
        }
        if (!mimeType.isEmpty() && !MIME_TYPE.matcher(mimeType).matches()) {
            throw error("InvalidParameter", "TicketUpdate: Article->MimeType is invalid!");
        }
        if (!charset.isEmpty() && !knownCharset(charset)) {
            throw error("InvalidParameter", "TicketUpdate: Article->Charset is invalid!");
        }
        if (!contentType.isEmpty()) {
            Matcher declaredCharset = CONTENT_TYPE_CHARSET.matcher(contentType);
            Matcher declaredMime = CONTENT_TYPE_MIME.matcher(contentType);
            if (contentType.contains("\r") || contentType.contains("\n")
                    || (declaredCharset.find() && !knownCharset(declaredCharset.group(1)))
                    || !declaredMime.find()) {
                throw error("InvalidParameter", "TicketUpdate: Article->ContentType is invalid!");
            }
            mimeType = declaredMime.group(1);
            charset = declaredCharset.find(0) ? declaredCharset.group(1) : "utf-8";
        }
        if (mimeType.equals("text/html")) {
            // ArticleCreate keeps HTML as an attachment and the body as its plain-text rendering.
            body = Jsoup.parse(body).wholeText().strip();
            mimeType = "text/plain";
        }
        String historyType = PerlValues.isTrue(article.path("HistoryType"))
                ? PerlValues.trimmed(article.path("HistoryType")) : "AddNote";
        JsonNode visible = article.path("IsVisibleForCustomer");
        return new ArticleDraft(subject, body, mimeType, charset, channel.get().id(), senderType.get().id(),
                defined(visible) ? PerlValues.isTrue(visible) : true, agent, historyType);
    }

    private static boolean knownCharset(String charset) {
        try {
            return Charset.isSupported(charset) || charset.equals("utf8");
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    private List<JsonNode> dynamicFields(JsonNode value) throws OperationError, OperationFailure {
        List<JsonNode> items = new ArrayList<>();
        if (!defined(value)) {
            return items;
        }
        if (value.isObject()) {
            items.add(value);
        } else {
            value.forEach(items::add);
        }
        for (JsonNode item : items) {
            if (!PerlValues.isHashWithData(item)) {
                // TicketUpdate.pm returns this hash without Success, which the provider answers as a server fault.
                throw new OperationFailure("TicketUpdate: Ticket->DynamicField parameter is invalid!");
            }
            for (String needed : List.of("Name", "Value")) {
                JsonNode field = item.path(needed);
                if (!defined(field) || (!PerlValues.isString(field) && !field.isArray())) {
                    throw error("MissingParameter", "TicketUpdate: DynamicField->" + needed
                            + " parameter is missing!");
                }
            }
            Optional<Catalog.DynamicField> field = desk.catalog().dynamicField(PerlValues.trimmed(item.path("Name")));
            if (field.isEmpty()) {
                throw invalid("DynamicField->Name");
            }
            JsonNode fieldValue = item.path("Value");
            boolean scalars = !fieldValue.isArray()
                    || StreamSupport.stream(fieldValue.spliterator(), false).allMatch(PerlValues::isString);
            // [GUESS] A single-value field refuses a list; OTOBO's exact reaction depends on the field's driver.
            if (!scalars || (fieldValue.isArray() && !field.get().multiselect())) {
                throw invalid("DynamicField->Value");
            }
        }
        return items;
    }

    private void applyTicket(DeskTicket ticket, JsonNode data) throws OperationError, OperationFailure {
        Catalog catalog = desk.catalog();
        String title = PerlValues.trimmed(data.path("Title"));
        if (defined(data.path("Title")) && !title.isEmpty() && !title.equals(ticket.title)) {
            ticket.title = title;
            ticket.changed("TitleUpdate", desk.now());
        }
        if (PerlValues.isTrue(data.path("Queue")) || PerlValues.isTrue(data.path("QueueID"))) {
            Optional<Catalog.Entry> target = Optional.empty();
            boolean change = false;
            if (defined(data.path("Queue")) && !PerlValues.trimmed(data.path("Queue"))
                    .equals(catalog.queueName(ticket.queueId))) {
                target = catalog.queue(PerlValues.trimmed(data.path("Queue")));
                change = true;
            } else if (defined(data.path("QueueID")) && !PerlValues.trimmed(data.path("QueueID"))
                    .equals(String.valueOf(ticket.queueId))) {
                target = catalog.queueById(PerlValues.trimmed(data.path("QueueID")));
                change = true;
            }
            if (change) {
                ticket.queueId = target.orElseThrow(() -> new OperationFailure(
                        "Ticket queue could not be updated, please contact system administrator!")).id();
                ticket.changed("Move", desk.now());
            }
        }
        if (PerlValues.isTrue(data.path("State")) || PerlValues.isTrue(data.path("StateID"))) {
            Catalog.State state = PerlValues.isTrue(data.path("StateID"))
                    ? catalog.stateById(PerlValues.trimmed(data.path("StateID"))).orElseThrow()
                    : catalog.state(PerlValues.trimmed(data.path("State"))).orElseThrow();
            if (state.type().startsWith("close") && ticket.lockId != 1) {
                ticket.lockId = 1;
                ticket.changed("Unlock", desk.now());
            } else if (state.type().startsWith("pending") && !defined(data.path("PendingTime"))) {
                throw error("MissingParameter", "Can't set a ticket on a pending state without pendig time!");
            }
            Optional<Catalog.State> target = Optional.empty();
            if (defined(data.path("State"))
                    && !PerlValues.trimmed(data.path("State")).equals(catalog.state(ticket.stateId).name())) {
                target = catalog.state(PerlValues.trimmed(data.path("State")));
            } else if (defined(data.path("StateID"))
                    && !PerlValues.trimmed(data.path("StateID")).equals(String.valueOf(ticket.stateId))) {
                target = catalog.stateById(PerlValues.trimmed(data.path("StateID")));
            }
            if (target.isPresent()) {
                ticket.stateId = target.get().id();
                ticket.changed("StateUpdate", desk.now());
            }
        }
        if (PerlValues.isTrue(data.path("Priority")) || PerlValues.isTrue(data.path("PriorityID"))) {
            Optional<Catalog.Entry> target = Optional.empty();
            boolean change = false;
            if (defined(data.path("Priority")) && !PerlValues.trimmed(data.path("Priority"))
                    .equals(catalog.priorityName(ticket.priorityId))) {
                target = catalog.priority(PerlValues.trimmed(data.path("Priority")));
                change = true;
            } else if (defined(data.path("PriorityID")) && !PerlValues.trimmed(data.path("PriorityID"))
                    .equals(String.valueOf(ticket.priorityId))) {
                target = catalog.priorityById(PerlValues.trimmed(data.path("PriorityID")));
                change = true;
            }
            if (change) {
                ticket.priorityId = target.orElseThrow(() -> new OperationFailure(
                        "Ticket priority could not be updated, please contact system administrator!")).id();
                ticket.changed("PriorityUpdate", desk.now());
            }
        }
    }

    /** Stores the value(s); an unchanged value is not written, and "" or [] removes the value. */
    private void setDynamicField(DeskTicket ticket, JsonNode item) {
        String name = PerlValues.trimmed(item.path("Name"));
        List<String> values = new ArrayList<>();
        JsonNode value = item.path("Value");
        if (value.isArray()) {
            value.forEach(v -> values.add(PerlValues.scalar(v)));
        } else {
            values.add(PerlValues.trimmed(value));
        }
        values.removeIf(String::isEmpty);
        if (!values.equals(ticket.dynamicFields.getOrDefault(name, List.of()))) {
            if (values.isEmpty()) {
                ticket.dynamicFields.remove(name);
            } else {
                ticket.dynamicFields.put(name, List.copyOf(values));
            }
            ticket.changed("TicketDynamicFieldUpdate", desk.now());
        }
    }

    /** Perl truth of a trimmed scalar. */
    private static boolean isTrue(String value) {
        return !value.isEmpty() && !value.equals("0");
    }

    /** Perl's {@code defined}: present and not JSON null. */
    private static boolean defined(JsonNode value) {
        return value != null && !value.isMissingNode() && !value.isNull();
    }

    private static OperationError error(String code, String message) {
        return new OperationError("TicketUpdate." + code, message);
    }

    private static OperationError invalid(String what) {
        return error("InvalidParameter", String.format(INVALID_FORMAT, what));
    }
}
