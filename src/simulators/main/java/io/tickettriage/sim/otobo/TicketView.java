package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Tickets and articles as TicketGet returns them, with the types real systems send: most ids are JSON strings
 * (database values), while Age, TimeUnit, UntilTime and TypeID are numbers and CustomerID is null for a customer
 * the system does not know. Article ids, numbers and IncomingTime are numbers, SenderTypeID a string. Timestamps are
 * "YYYY-MM-DD HH:MM:SS" in the system time zone.
 */
final class TicketView {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** root@localhost, the owner and responsible of every new ticket, and the author of system changes. */
    private static final String ROOT = "root@localhost";

    private TicketView() {
    }

    static String timestamp(Instant instant, ZoneId zone) {
        return TIMESTAMP.format(instant.atZone(zone));
    }

    static ObjectNode ticket(DeskTicket ticket, Desk desk, boolean dynamicFields, boolean extended) {
        Catalog catalog = desk.catalog();
        Catalog.State state = catalog.state(ticket.stateId);
        ObjectNode json = NODES.objectNode();
        json.put("Age", Duration.between(ticket.created, desk.now()).toSeconds());
        json.put("ArchiveFlag", "n");
        json.put("ChangeBy", "1");
        json.put("Changed", timestamp(ticket.changed, desk.zone()));
        json.put("CreateBy", "1");
        json.put("Created", timestamp(ticket.created, desk.zone()));
        json.putNull("CustomerID");
        json.put("CustomerUserID", ticket.customerUserId);
        json.put("EscalationResponseTime", "0");
        json.put("EscalationSolutionTime", "0");
        json.put("EscalationTime", "0");
        json.put("EscalationUpdateTime", "0");
        json.put("GroupID", "1");
        json.put("Lock", catalog.lockName(ticket.lockId));
        json.put("LockID", String.valueOf(ticket.lockId));
        json.put("Owner", ROOT);
        json.put("OwnerID", "1");
        json.put("Priority", catalog.priorityName(ticket.priorityId));
        json.put("PriorityID", String.valueOf(ticket.priorityId));
        json.put("Queue", catalog.queueName(ticket.queueId));
        json.put("QueueID", String.valueOf(ticket.queueId));
        json.put("RealTillTimeNotUsed", "0");
        json.put("Responsible", ROOT);
        json.put("ResponsibleID", "1");
        json.put("SLAID", "");
        json.put("ServiceID", "");
        json.put("State", state.name());
        json.put("StateID", String.valueOf(state.id()));
        json.put("StateType", state.type());
        json.put("TicketID", String.valueOf(ticket.id));
        json.put("TicketNumber", ticket.number);
        json.put("TimeUnit", 0);
        json.put("Title", ticket.title);
        json.put("Type", catalog.typeName(ticket.typeId));
        json.put("TypeID", ticket.typeId);
        json.put("UnlockTimeout", "0");
        json.put("UntilTime", 0);
        if (extended) {
            ticket.articles.stream()
                    .filter(a -> a.visibleForCustomer() && catalog.senderTypeName(a.senderTypeId()).equals("agent"))
                    .findFirst()
                    .ifPresent(first -> {
                        json.put("FirstResponse", timestamp(first.created(), desk.zone()));
                        json.put("FirstResponseInMin", Duration.between(ticket.created, first.created()).toMinutes());
                    });
        }
        if (dynamicFields) {
            // Every valid ticket field is listed, sorted by name, with null for no value; a multiselect's values
            // come as an array.
            ArrayNode fields = json.putArray("DynamicField");
            catalog.dynamicFields().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(field -> {
                ObjectNode entry = fields.addObject();
                entry.put("Name", field.name());
                List<String> values = ticket.dynamicFields.getOrDefault(field.name(), List.of());
                if (values.isEmpty()) {
                    entry.putNull("Value");
                } else if (field.multiselect()) {
                    ArrayNode array = entry.putArray("Value");
                    values.forEach(array::add);
                } else {
                    entry.put("Value", values.get(0));
                }
            });
        }
        return desk.garbled().applyTo(String.valueOf(ticket.id), json);
    }

    static ObjectNode article(DeskTicket ticket, DeskTicket.Article article, Desk desk) {
        Catalog catalog = desk.catalog();
        ObjectNode json = NODES.objectNode();
        json.put("ArticleID", article.id());
        json.put("ArticleNumber", article.number());
        json.put("Bcc", "");
        json.put("Body", article.body());
        json.put("Cc", "");
        json.put("ChangeBy", 1);
        json.put("ChangeTime", timestamp(article.created(), desk.zone()));
        json.put("Charset", article.charset());
        json.put("CommunicationChannelID", article.channelId());
        json.put("ContentCharset", article.charset());
        json.put("ContentType", article.mimeType() + "; charset=" + article.charset());
        json.put("CreateBy", 1);
        json.put("CreateTime", timestamp(article.created(), desk.zone()));
        json.put("From", article.from());
        json.put("FromRealname", article.from());
        json.put("InReplyTo", "");
        json.put("IncomingTime", article.created().getEpochSecond());
        json.put("IsVisibleForCustomer", article.visibleForCustomer() ? 1 : 0);
        json.put("MessageID", "");
        json.put("MimeType", article.mimeType());
        json.put("References", "");
        json.put("ReplyTo", "");
        json.put("SenderType", catalog.senderTypeName(article.senderTypeId()));
        json.put("SenderTypeID", String.valueOf(article.senderTypeId()));
        json.put("Subject", article.subject());
        json.put("TicketID", ticket.id);
        json.put("TimeUnit", 0);
        json.put("To", article.to());
        json.put("ToRealname", article.to());
        return json;
    }
}
