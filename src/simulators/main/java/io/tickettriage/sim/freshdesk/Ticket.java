package io.tickettriage.sim.freshdesk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored ticket. Immutable: the store replaces whole tickets, so a reader never sees half an update.
 *
 * @param id          Freshdesk's display id, the one in URLs
 * @param subject     null only for tickets created through {@link FreshdeskSimulator#createTicket}
 * @param requesterId the contact the ticket is from
 */
record Ticket(long id, String subject, String descriptionHtml, int status, int priority, int source, String type,
              Long groupId, Long responderId, long requesterId, Long companyId, Long emailConfigId, Long productId,
              List<String> tags, List<String> ccEmails, Instant dueBy, Instant frDueBy, Instant createdAt,
              Instant updatedAt) {

    static final int OPEN = 2;
    /** Open, Pending, Resolved, Closed: the built-in statuses, and the only ones this simulated account has. */
    static final List<Integer> STATUSES = List.of(2, 3, 4, 5);
    /** Low, Medium, High, Urgent. */
    static final List<Integer> PRIORITIES = List.of(1, 2, 3, 4);

    /** Portal. [GUESS] The notes don't say which source an API-created ticket gets when none is sent. */
    private static final int DEFAULT_SOURCE = 2;
    // [GUESS] Real due dates come from the account's SLA policy; a fixed first-response and resolution time stands in.
    private static final Duration FIRST_RESPONSE_TIME = Duration.ofDays(1);
    private static final Duration RESOLUTION_TIME = Duration.ofDays(3);

    Ticket {
        Objects.requireNonNull(descriptionHtml, "descriptionHtml");
        tags = List.copyOf(tags);
        ccEmails = List.copyOf(ccEmails);
    }

    /** A builder holding a new ticket's defaults; the change being applied must name a requester. */
    static Builder builder(long id, Instant now) {
        Builder builder = new Builder();
        builder.id = id;
        builder.status = OPEN;
        builder.priority = PRIORITIES.get(0);
        builder.source = DEFAULT_SOURCE;
        builder.tags = List.of();
        builder.ccEmails = List.of();
        builder.dueBy = now.plus(RESOLUTION_TIME);
        builder.frDueBy = now.plus(FIRST_RESPONSE_TIME);
        builder.createdAt = now;
        builder.updatedAt = now;
        return builder;
    }

    Builder toBuilder() {
        Builder builder = new Builder();
        builder.id = id;
        builder.subject = subject;
        builder.descriptionHtml = descriptionHtml;
        builder.status = status;
        builder.priority = priority;
        builder.source = source;
        builder.type = type;
        builder.groupId = groupId;
        builder.responderId = responderId;
        builder.requesterId = requesterId;
        builder.companyId = companyId;
        builder.emailConfigId = emailConfigId;
        builder.productId = productId;
        builder.tags = tags;
        builder.ccEmails = ccEmails;
        builder.dueBy = dueBy;
        builder.frDueBy = frDueBy;
        builder.createdAt = createdAt;
        builder.updatedAt = updatedAt;
        return builder;
    }

    /**
     * Scratch space for one create or update, confined to the store's lock. Plain fields rather than setters: the
     * field table in {@link TicketFields} assigns them one request field at a time.
     */
    static final class Builder {
        long id;
        String subject;
        String descriptionHtml;
        int status;
        int priority;
        int source;
        String type;
        Long groupId;
        Long responderId;
        Long requesterId;
        /** When set, names the requester by email; the store turns it into {@link #requesterId}. */
        String requesterEmail;
        Long companyId;
        Long emailConfigId;
        Long productId;
        List<String> tags;
        List<String> ccEmails;
        Instant dueBy;
        Instant frDueBy;
        Instant createdAt;
        Instant updatedAt;

        private Builder() {
        }

        Ticket build() {
            Objects.requireNonNull(requesterId, "a ticket needs a requester");
            return new Ticket(id, subject, descriptionHtml, status, priority, source, type, groupId, responderId,
                    requesterId, companyId, emailConfigId, productId, tags, ccEmails, dueBy, frDueBy, createdAt,
                    updatedAt);
        }
    }
}
