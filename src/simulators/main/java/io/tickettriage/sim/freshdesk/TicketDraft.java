package io.tickettriage.sim.freshdesk;

import java.util.List;
import java.util.Objects;

/**
 * A ticket to put straight into the simulator's store, bypassing HTTP validation: unlike
 * {@code POST /api/v2/tickets} it may have a null subject, which tests need.
 *
 * @param status         2 Open, 3 Pending, 4 Resolved, 5 Closed
 * @param priority       1 Low, 2 Medium, 3 High, 4 Urgent
 * @param groupId        null for an unassigned ticket; otherwise one of the configured groups
 * @param tags           null means none
 * @param requesterEmail becomes the ticket's requester (one contact per distinct address)
 */
public record TicketDraft(String subject, String descriptionHtml, int status, int priority, Long groupId,
                          List<String> tags, String requesterEmail) {

    private static final String DEFAULT_REQUESTER = "customer@example.com";

    public TicketDraft {
        Objects.requireNonNull(descriptionHtml, "descriptionHtml");
        if (!Ticket.STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + Ticket.STATUSES + ": " + status);
        }
        if (!Ticket.PRIORITIES.contains(priority)) {
            throw new IllegalArgumentException("priority must be one of " + Ticket.PRIORITIES + ": " + priority);
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(requesterEmail, "requesterEmail");
    }

    /** An open, low-priority, unassigned, untagged ticket from {@value #DEFAULT_REQUESTER}. */
    public static TicketDraft open(String subject, String descriptionHtml) {
        return new TicketDraft(subject, descriptionHtml, Ticket.OPEN, Ticket.PRIORITIES.get(0), null, List.of(),
                DEFAULT_REQUESTER);
    }
}
