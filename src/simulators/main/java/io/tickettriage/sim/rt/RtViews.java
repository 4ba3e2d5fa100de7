package io.tickettriage.sim.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * RT's REST2 records and collections as JSON, in RT 5.0.3's shapes: references as {@code {type, id, _url}} with the
 * id as text, a record's own id as a number, numbers as text, times as ISO 8601 in UTC to the second, unset times
 * as the epoch, and {@code fields=} selecting what a collection's items carry.
 */
final class RtViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final String UNSET = "1970-01-01T00:00:00Z";
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC);

    private final String base;
    private final RtDesk desk;

    /** @param base the REST2 root, {@code http://host:port/REST/2.0} */
    RtViews(String base, RtDesk desk) {
        this.base = base;
        this.desk = desk;
    }

    static String time(Instant instant) {
        return W3C.format(instant);
    }

    ObjectNode uid(String type, String id) {
        ObjectNode node = NODES.objectNode();
        node.put("type", type);
        node.put("id", id);
        node.put("_url", base + "/" + type + "/" + id);
        return node;
    }

    private ObjectNode user(String name) {
        return uid("user", name);
    }

    private ObjectNode self(String type, int id) {
        ObjectNode link = NODES.objectNode();
        link.put("ref", "self");
        link.put("type", type);
        link.put("id", id);
        link.put("_url", base + "/" + type + "/" + id);
        return link;
    }

    // ---- tickets ------------------------------------------------------------------------------------------------

    ObjectNode ticket(RtDesk.TicketSnapshot ticket) {
        ObjectNode node = NODES.objectNode();
        node.put("id", ticket.id());
        node.put("Type", "ticket");
        node.put("Subject", ticket.subject());
        node.set("Queue", uid("queue", String.valueOf(ticket.queue().id())));
        node.put("Status", ticket.status());
        node.put("Priority", String.valueOf(ticket.priority()));
        node.put("InitialPriority", "0");
        node.put("FinalPriority", "0");
        node.set("Owner", user("Nobody"));
        node.set("Creator", user(ticket.creator()));
        node.set("LastUpdatedBy", user(ticket.lastUpdatedBy()));
        node.set("EffectiveId", uid("ticket", String.valueOf(ticket.id())));
        node.put("Created", time(ticket.created()));
        node.put("LastUpdated", time(ticket.lastUpdated()));
        node.put("Started", UNSET);
        node.put("Starts", UNSET);
        node.put("Due", UNSET);
        node.put("Resolved", UNSET);
        node.put("TimeEstimated", "0");
        node.put("TimeWorked", "0");
        node.put("TimeLeft", "0");
        ArrayNode requestors = node.putArray("Requestor");
        ticket.requestors().forEach(email -> requestors.add(user(email)));
        node.putArray("Cc");
        node.putArray("AdminCc");
        node.set("CustomFields", customFieldValues(ticket));
        node.set("_hyperlinks", ticketLinks(ticket));
        return node;
    }

    private ArrayNode customFieldValues(RtDesk.TicketSnapshot ticket) {
        ArrayNode fields = NODES.arrayNode();
        ticket.values().forEach((field, values) -> {
            ObjectNode entry = uid("customfield", String.valueOf(field.id()));
            entry.put("name", field.name());
            ArrayNode list = entry.putArray("values");
            values.forEach(list::add);
            fields.add(entry);
        });
        return fields;
    }

    private ArrayNode ticketLinks(RtDesk.TicketSnapshot ticket) {
        ArrayNode links = NODES.arrayNode();
        String url = base + "/ticket/" + ticket.id();
        links.add(self("ticket", ticket.id()));
        ticket.values().keySet().forEach(field -> {
            ObjectNode link = uid("customfield", String.valueOf(field.id()));
            link.put("ref", "customfield");
            link.put("name", field.name());
            links.add(link);
        });
        links.add(link("history", url + "/history"));
        links.add(link("correspond", url + "/correspond"));
        links.add(link("comment", url + "/comment"));
        for (RtLifecycle.Action action : RtLifecycle.ACTIONS) {
            if (!action.from().equals(ticket.status())) {
                continue;
            }
            ObjectNode link = NODES.objectNode();
            link.put("ref", "lifecycle");
            link.put("from", action.from());
            link.put("to", action.to());
            link.put("label", action.label());
            if (action.update() != null) {
                link.put("update", action.update());
            }
            link.put("_url", url + (action.update() == null ? "" : action.update().equals("Respond") ? "/correspond"
                    : "/comment"));
            links.add(link);
        }
        return links;
    }

    private static ObjectNode link(String ref, String url) {
        ObjectNode link = NODES.objectNode();
        link.put("ref", ref);
        link.put("_url", url);
        return link;
    }

    /**
     * One field of a collection item, as REST2's expand_field gives it: CustomFields as the record shows them,
     * references as uids with their own {@code fields[Field]=…} subfields, times formatted, and "" for a field the
     * record does not have.
     */
    JsonNode ticketField(RtDesk.TicketSnapshot ticket, String field, Function<String, List<String>> subfields) {
        return switch (field) {
            case "CustomFields" -> customFieldValues(ticket);
            case "Queue" -> withSubfields(uid("queue", String.valueOf(ticket.queue().id())),
                    subfields.apply("Queue"), name -> queueField(ticket.queue(), name));
            case "Owner" -> user("Nobody");
            case "Creator" -> user(ticket.creator());
            case "LastUpdatedBy" -> user(ticket.lastUpdatedBy());
            case "Requestor" -> {
                ArrayNode users = NODES.arrayNode();
                ticket.requestors().forEach(email -> users.add(user(email)));
                yield users;
            }
            case "Cc", "AdminCc" -> NODES.arrayNode();
            case "EffectiveId" -> uid("ticket", String.valueOf(ticket.id()));
            default -> NODES.textNode(ticketScalar(ticket, field));
        };
    }

    private static String ticketScalar(RtDesk.TicketSnapshot ticket, String field) {
        return switch (field) {
            case "id" -> String.valueOf(ticket.id());
            case "Subject" -> ticket.subject();
            case "Status" -> ticket.status();
            case "Priority" -> String.valueOf(ticket.priority());
            case "InitialPriority", "FinalPriority", "TimeEstimated", "TimeWorked", "TimeLeft" -> "0";
            case "Type" -> "ticket";
            case "Created" -> time(ticket.created());
            case "LastUpdated" -> time(ticket.lastUpdated());
            case "Started", "Starts", "Due", "Resolved", "Told" -> UNSET;
            default -> "";
        };
    }

    private ObjectNode withSubfields(ObjectNode uid, List<String> subfields, Function<String, JsonNode> value) {
        subfields.forEach(name -> uid.set(name, value.apply(name)));
        return uid;
    }

    // ---- queues and custom fields -------------------------------------------------------------------------------

    private JsonNode queueField(RtDesk.Queue queue, String field) {
        return switch (field) {
            case "Name" -> NODES.textNode(queue.name());
            case "Description" -> NODES.textNode(queue.description());
            case "Disabled" -> NODES.textNode(queue.disabled() ? "1" : "0");
            case "Lifecycle" -> NODES.textNode("default");
            case "id" -> NODES.textNode(String.valueOf(queue.id()));
            case "Created", "LastUpdated" -> NODES.textNode(time(queue.created()));
            default -> NODES.textNode("");
        };
    }

    JsonNode queueItemField(RtDesk.Queue queue, String field) {
        return queueField(queue, field);
    }

    ObjectNode queue(RtDesk.Queue queue, List<RtDesk.CustomField> ticketFields) {
        ObjectNode node = NODES.objectNode();
        node.put("id", queue.id());
        node.put("Name", queue.name());
        node.put("Description", queue.description());
        node.put("Lifecycle", "default");
        node.put("SortOrder", "0");
        node.put("SLADisabled", "1");
        node.put("Disabled", queue.disabled() ? "1" : "0");
        node.put("CorrespondAddress", "");
        node.put("CommentAddress", "");
        node.put("Created", time(queue.created()));
        node.put("LastUpdated", time(queue.created()));
        node.set("Creator", user(RtDesk.SYSTEM_USER));
        node.set("LastUpdatedBy", user(RtDesk.SYSTEM_USER));
        node.putArray("Cc");
        node.putArray("AdminCc");
        node.putArray("CustomFields");
        ArrayNode ticketCustomFields = node.putArray("TicketCustomFields");
        ArrayNode links = NODES.arrayNode();
        links.add(self("queue", queue.id()));
        for (RtDesk.CustomField field : ticketFields) {
            ObjectNode reference = uid("customfield", String.valueOf(field.id()));
            reference.put("ref", "customfield");
            reference.put("name", field.name());
            ticketCustomFields.add(reference);
        }
        links.add(link("history", base + "/queue/" + queue.id() + "/history"));
        links.add(link("create", base + "/ticket?Queue=" + queue.id()));
        node.set("_hyperlinks", links);
        return node;
    }

    ObjectNode customField(RtDesk.CustomField field) {
        ObjectNode node = NODES.objectNode();
        node.put("id", field.id());
        node.put("Name", field.name());
        node.put("Type", "Freeform");
        node.put("LookupType", "RT::Queue-RT::Ticket");
        node.put("MaxValues", field.single() ? "1" : "0");
        node.put("Pattern", "");
        node.put("Description", "");
        node.put("EntryHint", field.single() ? "Enter one value" : "Enter multiple values");
        node.put("UniqueValues", "0");
        node.put("SortOrder", "0");
        node.put("Disabled", "0");
        node.put("Created", time(field.created()));
        node.put("LastUpdated", time(field.created()));
        node.set("Creator", user(RtDesk.SYSTEM_USER));
        node.set("LastUpdatedBy", user(RtDesk.SYSTEM_USER));
        node.set("_hyperlinks", NODES.arrayNode().add(self("customfield", field.id())));
        return node;
    }

    JsonNode customFieldItemField(RtDesk.CustomField field, String name) {
        return switch (name) {
            case "Name" -> NODES.textNode(field.name());
            case "MaxValues" -> NODES.textNode(field.single() ? "1" : "0");
            case "Type" -> NODES.textNode("Freeform");
            case "LookupType" -> NODES.textNode("RT::Queue-RT::Ticket");
            case "Disabled" -> NODES.textNode("0");
            default -> NODES.textNode("");
        };
    }

    // ---- transactions and attachments ---------------------------------------------------------------------------

    /** A transaction as GET /transaction/{id} shows it: empty columns are left out, as RT's Serialize does. */
    ObjectNode transaction(RtDesk.Transaction txn, List<RtDesk.Attachment> attachments) {
        ObjectNode node = NODES.objectNode();
        node.put("id", txn.id());
        node.put("Type", txn.type());
        putIfSet(node, "Field", txn.field());
        putIfSet(node, "OldValue", txn.oldValue());
        putIfSet(node, "NewValue", txn.newValue());
        putIfSet(node, "Data", txn.data());
        node.put("TimeTaken", "0");
        node.put("Created", time(txn.created()));
        node.set("Creator", user(txn.creator()));
        node.set("Object", uid("ticket", String.valueOf(txn.ticketId())));
        ArrayNode links = NODES.arrayNode();
        links.add(self("transaction", txn.id()));
        attachments.forEach(attachment -> links.add(link("attachment", base + "/attachment/" + attachment.id())));
        node.set("_hyperlinks", links);
        return node;
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (!value.isEmpty()) {
            node.put(name, value);
        }
    }

    JsonNode transactionField(RtDesk.Transaction txn, String field) {
        return switch (field) {
            case "Type" -> NODES.textNode(txn.type());
            case "Field" -> NODES.textNode(txn.field());
            case "OldValue" -> NODES.textNode(txn.oldValue());
            case "NewValue" -> NODES.textNode(txn.newValue());
            case "Data" -> NODES.textNode(txn.data());
            case "Created" -> NODES.textNode(time(txn.created()));
            case "Creator" -> user(txn.creator());
            case "Object" -> uid("ticket", String.valueOf(txn.ticketId()));
            case "ObjectType" -> NODES.textNode("RT::Ticket");
            case "ObjectId" -> NODES.textNode(String.valueOf(txn.ticketId()));
            case "TimeTaken" -> NODES.textNode("0");
            default -> NODES.textNode("");
        };
    }

    /** A transaction's column as a JSON search compares it; empty for one RT cannot search by. */
    static Optional<String> transactionAttribute(RtDesk.Transaction txn, String field) {
        return Optional.ofNullable(switch (field) {
            case "id" -> String.valueOf(txn.id());
            case "ObjectType" -> "RT::Ticket";
            case "ObjectId" -> String.valueOf(txn.ticketId());
            case "Type" -> txn.type();
            case "Field" -> txn.field();
            case "OldValue" -> txn.oldValue();
            case "NewValue" -> txn.newValue();
            case "Data" -> txn.data();
            case "Created" -> SQL_TIME.format(txn.created());
            default -> null;
        });
    }

    /** An attachment's column as a JSON search compares it; empty for one RT cannot search by. */
    static Optional<String> attachmentAttribute(RtDesk.Attachment attachment, String field) {
        return Optional.ofNullable(switch (field) {
            case "id" -> String.valueOf(attachment.id());
            case "TransactionId" -> String.valueOf(attachment.transactionId());
            case "Parent" -> String.valueOf(attachment.parent());
            case "ContentType" -> attachment.contentType();
            case "Subject" -> attachment.subject();
            case "Filename" -> "";
            case "Content" -> attachment.content();
            case "Created" -> SQL_TIME.format(attachment.created());
            default -> null;
        });
    }

    /** A custom field's column as a JSON search compares it; empty for one RT cannot search by. */
    static Optional<String> customFieldAttribute(RtDesk.CustomField field, String name) {
        return Optional.ofNullable(switch (name) {
            case "id" -> String.valueOf(field.id());
            case "Name" -> field.name();
            case "Type" -> "Freeform";
            case "LookupType" -> "RT::Queue-RT::Ticket";
            case "MaxValues" -> field.single() ? "1" : "0";
            case "Disabled" -> "0";
            default -> null;
        });
    }

    /** An attachment as GET /attachment/{id} shows it: its Content base64-encoded (UTF-8), in lines of 76. */
    ObjectNode attachment(RtDesk.Attachment attachment) {
        ObjectNode node = NODES.objectNode();
        node.put("id", attachment.id());
        node.put("Subject", attachment.subject());
        node.put("ContentType", attachment.contentType());
        node.put("Parent", String.valueOf(attachment.parent()));
        node.put("Headers", "Subject: " + attachment.subject() + "\nX-RT-Interface: REST\nContent-Type: "
                + attachment.contentType() + (attachment.contentType().startsWith("text/") ? "; charset=\"utf-8\""
                : "") + "\nMIME-Version: 1.0");
        node.put("MessageId", "");
        node.put("Content", base64(attachment.content()));
        node.put("Created", time(attachment.created()));
        node.set("Creator", user(attachment.creator()));
        node.set("TransactionId", uid("transaction", String.valueOf(attachment.transactionId())));
        node.set("_hyperlinks", NODES.arrayNode().add(self("attachment", attachment.id())));
        return node;
    }

    /** Perl's MIME::Base64::encode_base64: lines of 76 characters, each ended by a newline. */
    static String base64(String content) {
        String encoded = Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < encoded.length(); i += 76) {
            lines.append(encoded, i, Math.min(encoded.length(), i + 76)).append('\n');
        }
        return lines.toString();
    }

    /**
     * A field of an attachment in a collection: Content is the decoded text here, not base64, and TransactionId the
     * bare id. (Parent is never asked for: RT 5.0.3 dies on it, see RtHandler.)
     */
    JsonNode attachmentField(RtDesk.Attachment attachment, String field) {
        return switch (field) {
            case "TransactionId" -> NODES.textNode(String.valueOf(attachment.transactionId()));
            case "ContentLength" -> NODES.textNode(String.valueOf(attachment.content()
                    .getBytes(StandardCharsets.UTF_8).length));
            case "Subject" -> NODES.textNode(attachment.subject());
            case "ContentType" -> NODES.textNode(attachment.contentType());
            case "Content" -> NODES.textNode(attachment.content());
            case "Created" -> NODES.textNode(time(attachment.created()));
            case "Creator" -> user(attachment.creator());
            default -> NODES.textNode("");
        };
    }

    // ---- collections --------------------------------------------------------------------------------------------

    /** A page of a collection as REST2's Collection::serialize writes it, with RT's page links. */
    <T> ObjectNode page(List<T> all, Paging paging, Function<T, ObjectNode> item) {
        ObjectNode node = NODES.objectNode();
        int from = Math.min(all.size(), (paging.page() - 1) * paging.perPage());
        List<T> shown = all.subList(from, Math.min(all.size(), from + paging.perPage()));
        ArrayNode items = NODES.arrayNode();
        shown.forEach(record -> items.add(item.apply(record)));
        int total = all.size();
        node.put("total", total);
        node.put("count", shown.size());
        node.put("page", paging.page());
        node.put("per_page", paging.perPage());
        int pages = (total + paging.perPage() - 1) / paging.perPage();
        if (pages == 0) {
            // Perl's POSIX::ceil(0 / n) is the float 0, which JSON writes as 0.0.
            node.put("pages", 0.0);
        } else {
            node.put("pages", pages);
            if (paging.page() < pages) {
                node.put("next_page", paging.url(paging.page() + 1));
            }
            if (paging.page() > 1) {
                node.put("prev_page", paging.url(paging.page() > pages ? pages : paging.page() - 1));
            }
        }
        node.set("items", items);
        return node;
    }

    /**
     * Paging as REST2 reads it: per_page defaults to 20, at most 100, anything not a positive number 20; page
     * defaults to 1.
     *
     * @param linkBase the request's URL without its page parameter, to which page links append {@code &page=n}
     */
    record Paging(int page, int perPage, String linkBase) {

        static Paging of(Map<String, String> params, String linkBase) {
            return new Paging(positive(params.get("page"), 1, Integer.MAX_VALUE),
                    positive(params.get("per_page"), 20, 100), linkBase);
        }

        private static int positive(String value, int otherwise, int max) {
            if (value == null || !value.matches("\\d{1,9}") || Integer.parseInt(value) == 0) {
                return otherwise;
            }
            return Math.min(max, Integer.parseInt(value));
        }

        String url(int page) {
            return linkBase + (linkBase.contains("?") ? "&" : "?") + "page=" + page;
        }
    }
}
