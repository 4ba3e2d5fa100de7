package io.tickettriage.sim.freshdesk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.Jsoup;

import java.time.Instant;
import java.util.List;

/** The JSON Freshdesk sends for tickets, notes and groups: field names, order and types as in the notes. */
final class JsonViews {

    /** Which of Freshdesk's ticket representations to render. */
    enum TicketShape {
        /** GET /tickets: no description. */
        LIST,
        /** GET /tickets?include=description. */
        LIST_WITH_DESCRIPTION,
        /** GET /tickets/{id}, and the answers to create and update: description plus the view-only fields. */
        DETAIL
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonViews() {
    }

    static ObjectNode ticket(Ticket ticket, TicketShape shape) {
        ObjectNode node = JSON.objectNode();
        node.put("id", ticket.id());
        node.put("subject", ticket.subject());
        if (shape != TicketShape.LIST) {
            node.put("description", ticket.descriptionHtml());
            node.put("description_text", plainText(ticket.descriptionHtml()));
        }
        node.put("status", ticket.status());
        node.put("priority", ticket.priority());
        node.put("source", ticket.source());
        node.put("type", ticket.type());
        node.put("group_id", ticket.groupId());
        node.put("responder_id", ticket.responderId());
        node.put("requester_id", ticket.requesterId());
        node.put("company_id", ticket.companyId());
        node.put("email_config_id", ticket.emailConfigId());
        node.put("product_id", ticket.productId());
        node.set("tags", strings(ticket.tags()));
        node.putObject("custom_fields"); // the simulated account defines no custom fields
        node.set("cc_emails", strings(ticket.ccEmails()));
        node.putArray("fwd_emails");
        // Freshdesk copies a new ticket's cc list into reply_cc; [GUESS] and into the newer ticket_cc_emails.
        node.set("reply_cc_emails", strings(ticket.ccEmails()));
        node.set("ticket_cc_emails", strings(ticket.ccEmails()));
        node.putNull("to_emails");
        node.put("fr_escalated", false);
        node.put("is_escalated", false);
        node.put("spam", false);
        node.put("due_by", Timestamps.format(ticket.dueBy()));
        node.put("fr_due_by", Timestamps.format(ticket.frDueBy()));
        node.put("created_at", Timestamps.format(ticket.createdAt()));
        node.put("updated_at", Timestamps.format(ticket.updatedAt()));
        node.putNull("association_type");
        node.putNull("associated_tickets_count");
        if (shape == TicketShape.DETAIL) {
            node.putArray("attachments");
            node.putNull("source_additional_info");
        }
        return node;
    }

    static ObjectNode note(Note note) {
        Note.Content content = note.content();
        ObjectNode node = JSON.objectNode();
        node.put("body", content.bodyHtml());
        node.put("body_text", plainText(content.bodyHtml()));
        node.put("id", note.id());
        node.put("incoming", content.incoming());
        node.put("private", content.isPrivate());
        node.put("user_id", content.userId());
        node.putNull("support_email");
        node.put("source", 2); // 2 = note
        node.put("ticket_id", note.ticketId());
        node.set("to_emails", strings(content.notifyEmails()));
        node.putNull("from_email");
        node.putArray("cc_emails");
        node.putArray("bcc_emails");
        node.put("created_at", Timestamps.format(note.createdAt()));
        node.put("updated_at", Timestamps.format(note.createdAt()));
        node.putArray("attachments");
        return node;
    }

    /** @param createdAt groups are set up with the account, so they all carry its creation time */
    static ObjectNode group(SimGroup group, Instant createdAt) {
        ObjectNode node = JSON.objectNode();
        node.put("id", group.id());
        node.put("name", group.name());
        node.put("description", group.description());
        node.putNull("escalate_to");
        node.putNull("unassigned_for");
        node.putNull("business_hour_id");
        node.put("group_type", "support_agent_group"); // [GUESS] the notes name the field, not its values
        node.put("created_at", Timestamps.format(createdAt));
        node.put("updated_at", Timestamps.format(createdAt));
        return node;
    }

    /** Freshdesk's *_text companions of HTML fields: the text content, whitespace collapsed. */
    static String plainText(String html) {
        return Jsoup.parse(html).text();
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
