package io.tickettriage.sim.rt;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A ticket of the simulated RT as a person reading it sees it.
 *
 * @param customFields every ticket custom field's values, by field name
 * @param messages     the comments and correspondence after the ticket was created, oldest first
 */
public record RtTicketView(int id, String subject, String queue, int priority, String status, Instant lastUpdated,
                           Map<String, List<String>> customFields, List<Message> messages) {

    public RtTicketView {
        customFields = Map.copyOf(customFields);
        messages = List.copyOf(messages);
    }

    /** A comment (internal: mailed to no requestor) or a correspondence, with its text. */
    public record Message(String type, String subject, String text, String creator) {

        public boolean internal() {
            return type.equals("Comment");
        }
    }

    static RtTicketView of(RtDesk.TicketSnapshot ticket, List<RtDesk.Transaction> history,
                           Function<RtDesk.Transaction, List<RtDesk.Attachment>> attachments) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        ticket.values().forEach((field, list) -> values.put(field.name(), list));
        List<Message> messages = history.stream()
                .filter(txn -> txn.type().equals("Comment") || txn.type().equals("Correspond"))
                .map(txn -> {
                    List<RtDesk.Attachment> parts = attachments.apply(txn);
                    RtDesk.Attachment first = parts.isEmpty() ? null : parts.get(0);
                    return new Message(txn.type(), first == null ? "" : first.subject(),
                            first == null ? "" : first.content(), txn.creator());
                })
                .toList();
        return new RtTicketView(ticket.id(), ticket.subject(), ticket.queue().name(), ticket.priority(),
                ticket.status(), ticket.lastUpdated(), values, messages);
    }
}
