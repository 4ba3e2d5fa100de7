package io.tickettriage.sim.rt;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.sim.DemoDesk;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The records of the simulated RT: queues, ticket custom fields, tickets, their transactions and attachments, and
 * the changes RT makes to them, with RT's messages. Every change is a transaction and stamps the ticket's
 * LastUpdated, to the second, as RT does. Thread-safe: every method holds the desk's lock.
 */
final class RtDesk {

    /** A queue; a disabled one is neither listed nor a target, as RT's ___Approvals. */
    record Queue(int id, String name, String description, boolean disabled, Instant created) {
    }

    /** A Freeform ticket custom field applied to every queue; single-value when MaxValues is 1. */
    record CustomField(int id, String name, boolean single, Instant created) {
    }

    record Transaction(int id, int ticketId, String type, String field, String oldValue, String newValue, String data,
                       String creator, Instant created, List<Integer> attachments) {
    }

    record Attachment(int id, int transactionId, int parent, String subject, String contentType, String content,
                      String creator, Instant created) {
    }

    /** A ticket's current state. Mutable, guarded by the desk's lock. */
    static final class Ticket implements TicketSql.Row {
        final int id;
        final String creator;
        final Instant created;
        final List<String> requestors;
        final Map<Integer, List<String>> values = new TreeMap<>();
        final List<Integer> transactions = new ArrayList<>();
        String subject;
        int queueId;
        String status;
        int priority;
        Instant lastUpdated;
        String lastUpdatedBy;
        private Map<String, CustomField> fieldsByName;

        Ticket(int id, String creator, Instant created, List<String> requestors) {
            this.id = id;
            this.creator = creator;
            this.created = created;
            this.requestors = List.copyOf(requestors);
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public int queueId() {
            return queueId;
        }

        @Override
        public String status() {
            return status;
        }

        @Override
        public String subject() {
            return subject;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Instant created() {
            return created;
        }

        @Override
        public Instant lastUpdated() {
            return lastUpdated;
        }

        @Override
        public Optional<List<String>> customField(String name) {
            return Optional.ofNullable(fieldsByName.get(name.toLowerCase(Locale.ROOT)))
                    .map(field -> values.getOrDefault(field.id(), List.of()));
        }
    }

    /** The user RT's own scrips act as (the autoreply). */
    static final String SYSTEM_USER = "RT_System";
    static final String INCOMING_QUEUE = "General";

    private static final String AUTOREPLY = """
            Greetings,

            This message has been automatically generated in response to the creation of a
            trouble ticket regarding %s, a summary of which appears below.

            There is no need to reply to this message right now. Your ticket has been
            assigned an ID of [%s #%d].

            Thank you,

            ------------------------------------------------------------------------------

            %s
            """;

    private final Clock clock;
    private final String rtName;
    private final Map<Integer, Queue> queues = new LinkedHashMap<>();
    private final Map<String, CustomField> fieldsByName = new LinkedHashMap<>();
    private final Map<Integer, Ticket> tickets = new TreeMap<>();
    private final Map<Integer, Transaction> transactions = new TreeMap<>();
    private final Map<Integer, Attachment> attachments = new TreeMap<>();
    private final Map<Integer, Integer> fieldWrites = new TreeMap<>();
    private int nextTicket = 1;
    // A fresh RT has written its own transactions before the first ticket: ids of different records never line up.
    private int nextTransaction = 85;
    private int nextAttachment = 1;

    /**
     * The demo desk as a fresh RT 5.0.3 set up by our recipe has it: General (id 1), the disabled ___Approvals,
     * Incoming, then {@link DemoDesk#QUEUES}; custom fields {@code marker} (multi-value), {@code confidence}
     * (single-value) and {@code tags} (multi-value), ids 2, 3 and 4.
     */
    RtDesk(Clock clock, String rtName, String marker, String confidence, String tags) {
        this.clock = clock;
        this.rtName = rtName;
        Instant now = now();
        addQueue(INCOMING_QUEUE, "The default queue", false, now);
        addQueue("___Approvals", "A system-internal queue for the approvals system", true, now);
        addQueue("Incoming", "", false, now);
        DemoDesk.QUEUES.forEach(name -> addQueue(name, "", false, now));
        fieldsByName.put(marker.toLowerCase(Locale.ROOT), new CustomField(2, marker, false, now));
        fieldsByName.put(confidence.toLowerCase(Locale.ROOT), new CustomField(3, confidence, true, now));
        fieldsByName.put(tags.toLowerCase(Locale.ROOT), new CustomField(4, tags, false, now));
    }

    private void addQueue(String name, String description, boolean disabled, Instant created) {
        int id = queues.size() + 1;
        queues.put(id, new Queue(id, name, description, disabled, created));
    }

    /** An administrator disables a queue: it is no longer listed, nor a target a ticket can be moved to. */
    synchronized void disableQueue(String name) {
        Queue queue = queue(name).orElseThrow(() -> new IllegalArgumentException("no queue " + name));
        queues.put(queue.id(), new Queue(queue.id(), queue.name(), queue.description(), true, queue.created()));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    String rtName() {
        return rtName;
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /** A queue by id or, as RT::Queue::Load, by name (case-insensitively). */
    synchronized Optional<Queue> queue(String nameOrId) {
        String key = nameOrId.strip();
        if (key.matches("\\d+")) {
            return Optional.ofNullable(queues.get(Integer.parseInt(key)));
        }
        return queues.values().stream().filter(queue -> queue.name().equalsIgnoreCase(key)).findFirst();
    }

    synchronized Queue queue(int id) {
        return queues.get(id);
    }

    /** The enabled queues, by name, as /queues/all lists them. */
    synchronized List<Queue> enabledQueues() {
        return queues.values().stream().filter(queue -> !queue.disabled())
                .sorted(Comparator.comparing(Queue::name)).toList();
    }

    synchronized List<CustomField> customFields() {
        return fieldsByName.values().stream().sorted(Comparator.comparingInt(CustomField::id)).toList();
    }

    synchronized Optional<CustomField> customField(String nameOrId) {
        if (nameOrId.matches("\\d+")) {
            int id = Integer.parseInt(nameOrId);
            return fieldsByName.values().stream().filter(field -> field.id() == id).findFirst();
        }
        return Optional.ofNullable(fieldsByName.get(nameOrId.toLowerCase(Locale.ROOT)));
    }

    /** A copy of the ticket's state, safe to read outside the lock. */
    synchronized Optional<TicketSnapshot> ticket(int id) {
        return Optional.ofNullable(tickets.get(id)).map(this::snapshot);
    }

    synchronized List<Integer> ticketIds() {
        return List.copyOf(tickets.keySet());
    }

    /** The tickets the predicate selects, as snapshots, in id order. */
    synchronized List<TicketSnapshot> select(Predicate<TicketSql.Row> predicate, boolean withDeleted) {
        return tickets.values().stream()
                .filter(ticket -> withDeleted || !ticket.status.equals("deleted"))
                .filter(predicate)
                .map(this::snapshot)
                .toList();
    }

    synchronized Optional<Transaction> transaction(int id) {
        return Optional.ofNullable(transactions.get(id));
    }

    synchronized Optional<Attachment> attachment(int id) {
        return Optional.ofNullable(attachments.get(id));
    }

    synchronized List<Attachment> attachmentsOf(Transaction transaction) {
        return transaction.attachments().stream().map(attachments::get).toList();
    }

    synchronized List<Transaction> history(int ticketId) {
        Ticket ticket = tickets.get(ticketId);
        return ticket == null ? List.of() : ticket.transactions.stream().map(transactions::get).toList();
    }

    synchronized List<Transaction> transactions() {
        return List.copyOf(transactions.values());
    }

    synchronized List<Attachment> attachments() {
        return List.copyOf(attachments.values());
    }

    /** Every attachment of the ticket's transactions, oldest first. */
    synchronized List<Attachment> ticketAttachments(int ticketId) {
        return history(ticketId).stream().flatMap(txn -> txn.attachments().stream()).map(attachments::get).toList();
    }

    /** How many answered updates wrote each ticket's queue or priority, by ticket id. */
    synchronized Map<Integer, Integer> fieldWrites() {
        return Map.copyOf(fieldWrites);
    }

    /**
     * A ticket as read: the state plus the names the views need.
     *
     * @param values custom field values by field, in field id order
     */
    record TicketSnapshot(int id, String subject, Queue queue, String status, int priority, Instant created,
                          Instant lastUpdated, String creator, String lastUpdatedBy, List<String> requestors,
                          Map<CustomField, List<String>> values) {
    }

    private TicketSnapshot snapshot(Ticket ticket) {
        Map<CustomField, List<String>> values = new LinkedHashMap<>();
        for (CustomField field : customFields()) {
            values.put(field, List.copyOf(ticket.values.getOrDefault(field.id(), List.of())));
        }
        return new TicketSnapshot(ticket.id, ticket.subject, queues.get(ticket.queueId), ticket.status,
                ticket.priority, ticket.created, ticket.lastUpdated, ticket.creator, ticket.lastUpdatedBy,
                ticket.requestors, values);
    }

    // ---- changes ------------------------------------------------------------------------------------------------

    /**
     * Creates a ticket as RT::Ticket::Create does: a Create transaction carrying the message, then, when there is a
     * requestor, the autoreply RT's default scrip mails (an EmailRecord transaction).
     *
     * @param content the message's text, or null for a ticket without one
     * @return the new ticket's id
     */
    synchronized int create(Queue queue, String subject, List<String> requestors, int priority, String status,
                            String content, String contentType, Map<CustomField, List<String>> values,
                            String creator) {
        Instant now = now();
        Ticket ticket = new Ticket(nextTicket++, creator, now, requestors);
        ticket.fieldsByName = fieldsByName;
        ticket.subject = subject;
        ticket.queueId = queue.id();
        ticket.status = status;
        ticket.priority = priority;
        values.forEach((field, list) -> {
            if (!list.isEmpty()) {
                ticket.values.put(field.id(), new ArrayList<>(field.single() ? list.subList(0, 1) : list));
            }
        });
        tickets.put(ticket.id, ticket);
        Transaction create = record(ticket, "Create", "", "", "", "", creator);
        if (content != null) {
            attach(create, 0, subject, contentType, content, creator);
        }
        if (!requestors.isEmpty()) {
            autoreply(ticket, subject, content == null ? "" : content);
        }
        return ticket.id;
    }

    private void autoreply(Ticket ticket, String subject, String content) {
        String replySubject = "[" + rtName + " #" + ticket.id + "] AutoReply: " + subject;
        Transaction mail = record(ticket, "EmailRecord", "", "", "", "<rt-" + ticket.id + "-" + nextTransaction
                + "@example.com>", SYSTEM_USER);
        int parent = attach(mail, 0, replySubject, "multipart/alternative", "", SYSTEM_USER);
        attach(mail, parent, "", "text/plain", AUTOREPLY.formatted(subject, rtName, ticket.id, content), SYSTEM_USER);
    }

    /**
     * An update as REST2's PUT /ticket/{id} makes it (RT::Record::Update over the writable attributes, by name, then
     * the custom fields): the messages RT answers with, one per change or refusal; unchanged values say nothing.
     *
     * @param data the body, its Queue already reduced to a name or id
     */
    synchronized List<String> update(int id, JsonNode data, String who) {
        Ticket ticket = tickets.get(id);
        List<String> messages = new ArrayList<>();
        boolean writesFields = false;
        for (String attribute : List.of("Priority", "Queue", "Status", "Subject")) {
            JsonNode value = data.get(attribute);
            if (value == null || value.isNull() || value.isContainerNode()) {
                continue;
            }
            writesFields |= attribute.equals("Priority") || attribute.equals("Queue");
            set(ticket, attribute, value.asText(), who).ifPresent(messages::add);
        }
        JsonNode customFields = data.path("CustomFields");
        if (customFields.isObject()) {
            customFields.fields().forEachRemaining(entry -> customField(entry.getKey())
                    .ifPresent(field -> messages.addAll(setValues(ticket, field, entry.getValue(), who))));
        }
        if (writesFields) {
            fieldWrites.merge(id, 1, Integer::sum);
        }
        return messages;
    }

    /** One attribute, as the ticket's Set method does; the message, or empty when the value is unchanged. */
    private Optional<String> set(Ticket ticket, String attribute, String value, String who) {
        String prefix = "Ticket " + ticket.id + ": ";
        switch (attribute) {
            case "Priority" -> {
                int priority = RtLifecycle.priority(value);
                if (priority == ticket.priority) {
                    return Optional.empty();
                }
                String message = prefix + "Priority changed from '" + RtLifecycle.priorityLabel(ticket.priority)
                        + "' to '" + RtLifecycle.priorityLabel(priority) + "'";
                record(ticket, "Set", "Priority", String.valueOf(ticket.priority), String.valueOf(priority), "", who);
                ticket.priority = priority;
                return Optional.of(message);
            }
            case "Queue" -> {
                Optional<Queue> queue = queue(value);
                if (queue.isEmpty()) {
                    return Optional.of(prefix + "Queue " + value + " does not exist");
                }
                if (queue.get().disabled()) {
                    // RT::Record::Role::Status::_SetLifecycleColumn in RT 5.0.3: it names the ticket's present queue.
                    return Optional.of(prefix + "Queue " + queues.get(ticket.queueId).name() + " is disabled");
                }
                if (queue.get().id() == ticket.queueId) {
                    return Optional.empty();
                }
                String message = prefix + "Queue changed from " + queues.get(ticket.queueId).name() + " to "
                        + queue.get().name();
                record(ticket, "Set", "Queue", String.valueOf(ticket.queueId), String.valueOf(queue.get().id()), "",
                        who);
                ticket.queueId = queue.get().id();
                return Optional.of(message);
            }
            case "Status" -> {
                String status = value.toLowerCase(Locale.ROOT);
                if (!RtLifecycle.STATUSES.contains(status)) {
                    return Optional.of(prefix + "Status '" + value + "' isn't a valid status for this ticket.");
                }
                if (status.equals(ticket.status)) {
                    return Optional.empty();
                }
                String message = prefix + "Status changed from '" + ticket.status + "' to '" + status + "'";
                record(ticket, "Status", "Status", ticket.status, status, "", who);
                ticket.status = status;
                return Optional.of(message);
            }
            default -> {
                if (value.equals(ticket.subject)) {
                    return Optional.empty();
                }
                String message = prefix + "Subject changed from '" + ticket.subject + "' to '" + value + "'";
                record(ticket, "Set", "Subject", ticket.subject, value, "", who);
                ticket.subject = value;
                return Optional.of(message);
            }
        }
    }

    /**
     * A custom field's new values as REST2's update_custom_fields writes them: a single-value field takes the value
     * (or the first of a list; null deletes it); a multi-value field becomes exactly the given set, values added in
     * the order given, then removed ones in sorted order.
     *
     * @throws IllegalArgumentException for a value that is an object, which RT dies on (a 500)
     */
    private List<String> setValues(Ticket ticket, CustomField field, JsonNode given, String who) {
        List<String> old = ticket.values.computeIfAbsent(field.id(), key -> new ArrayList<>());
        List<String> messages = new ArrayList<>();
        if (field.single()) {
            String current = old.isEmpty() ? null : old.get(0);
            if (given.isNull()) {
                if (current != null) {
                    old.clear();
                    record(ticket, "CustomField", String.valueOf(field.id()), current, "", "", who);
                    messages.add(current + " is no longer a value for custom field " + field.name());
                }
                return messages;
            }
            JsonNode first = given.isArray() ? given.path(0) : given;
            if (first.isContainerNode()) {
                throw new IllegalArgumentException("Invalid value type for CustomField " + field.name());
            }
            String value = first.asText();
            if (value.equals(current)) {
                return messages;
            }
            old.clear();
            old.add(value);
            record(ticket, "CustomField", String.valueOf(field.id()), current == null ? "" : current, value, "", who);
            messages.add(current == null ? field.name() + " " + value + " added"
                    : field.name() + " " + current + " changed to " + value);
            return messages;
        }
        List<String> wanted = new ArrayList<>();
        for (JsonNode value : given.isArray() ? given : List.of(given)) {
            if (value.isContainerNode()) {
                throw new IllegalArgumentException("Invalid value type for CustomField " + field.name());
            }
            if (!value.isNull()) {
                wanted.add(value.asText());
            }
        }
        Map<String, Integer> count = new TreeMap<>();
        wanted.forEach(value -> count.merge(value, 1, Integer::sum));
        old.forEach(value -> count.merge(value, -1, Integer::sum));
        List<String> order = new ArrayList<>(new java.util.LinkedHashSet<>(wanted));
        count.keySet().stream().filter(key -> !order.contains(key)).forEach(order::add);
        for (String value : order) {
            int difference = count.get(value);
            for (; difference > 0; difference--) {
                old.add(value);
                record(ticket, "CustomField", String.valueOf(field.id()), "", value, "", who);
                messages.add(value + " added as a value for " + field.name());
            }
            for (; difference < 0; difference++) {
                old.remove(value);
                record(ticket, "CustomField", String.valueOf(field.id()), value, "", "", who);
                messages.add(value + " is no longer a value for custom field " + field.name());
            }
        }
        return messages;
    }

    /**
     * A comment (private: RT mails it to no requestor) or a correspondence (mailed to the requestors, an
     * EmailRecord, and a new ticket becomes open), as RT::Ticket::Comment and Correspond record them.
     *
     * @param subject the message's subject, or null
     * @return the message's transaction
     */
    synchronized Transaction addMessage(int id, boolean comment, String subject, String content, String contentType,
                                        String who) {
        Ticket ticket = tickets.get(id);
        Transaction message = record(ticket, comment ? "Comment" : "Correspond", "", "", "",
                subject == null || subject.isEmpty() ? "No Subject" : subject + "\n", who);
        attach(message, 0, subject == null ? "" : subject, contentType, content, who);
        if (!comment) {
            if (!ticket.requestors.isEmpty()) {
                record(ticket, "EmailRecord", "", "", "", "<rt-" + ticket.id + "-" + nextTransaction
                        + "@example.com>", SYSTEM_USER);
            }
            if (ticket.status.equals("new")) {
                set(ticket, "Status", "open", SYSTEM_USER);
            }
        }
        return message;
    }

    /** Sets a status without RT's answer, as a person in the web interface or a scrip does. */
    synchronized void setStatus(int id, String status, String who) {
        set(tickets.get(id), "Status", status, who);
    }

    /** Sets queue and priority as a person does in the web interface: not an update of the API. */
    synchronized void route(int id, Queue queue, int priority, String who) {
        Ticket ticket = tickets.get(id);
        set(ticket, "Queue", String.valueOf(queue.id()), who);
        set(ticket, "Priority", String.valueOf(priority), who);
    }

    /** Adds one value to a custom field, keeping the others, as the web interface's "add value" does. */
    synchronized void addValue(int id, CustomField field, String value, String who) {
        Ticket ticket = tickets.get(id);
        List<String> values = ticket.values.computeIfAbsent(field.id(), key -> new ArrayList<>());
        if (field.single()) {
            setValues(ticket, field, com.fasterxml.jackson.databind.node.TextNode.valueOf(value), who);
        } else if (!values.contains(value)) {
            values.add(value);
            record(ticket, "CustomField", String.valueOf(field.id()), "", value, "", who);
        }
    }

    /** Removes every value of the custom field, one transaction each. */
    synchronized void clearValues(int id, CustomField field, String who) {
        Ticket ticket = tickets.get(id);
        for (String value : List.copyOf(ticket.values.getOrDefault(field.id(), List.of()))) {
            ticket.values.get(field.id()).remove(value);
            record(ticket, "CustomField", String.valueOf(field.id()), value, "", "", who);
        }
    }

    private Transaction record(Ticket ticket, String type, String field, String oldValue, String newValue,
                               String data, String who) {
        Instant now = now();
        Transaction transaction = new Transaction(nextTransaction++, ticket.id, type, field, oldValue, newValue, data,
                who, now, new ArrayList<>());
        transactions.put(transaction.id(), transaction);
        ticket.transactions.add(transaction.id());
        ticket.lastUpdated = now;
        ticket.lastUpdatedBy = who;
        return transaction;
    }

    private int attach(Transaction transaction, int parent, String subject, String contentType, String content,
                       String who) {
        Attachment attachment = new Attachment(nextAttachment++, transaction.id(), parent, subject, contentType,
                content, who, transaction.created());
        attachments.put(attachment.id(), attachment);
        transaction.attachments().add(attachment.id());
        return attachment.id();
    }
}
