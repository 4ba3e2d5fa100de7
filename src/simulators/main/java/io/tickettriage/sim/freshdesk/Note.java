package io.tickettriage.sim.freshdesk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A note on a ticket (a "conversation" in Freshdesk's terms). Notes are never edited, so their updated_at is their
 * created_at.
 */
record Note(long id, long ticketId, Content content, Instant createdAt) {

    Note {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * What a {@code POST .../notes} request asks for.
     *
     * @param userId       the agent the note is from
     * @param notifyEmails addresses told about the note; Freshdesk reports them as the note's to_emails
     */
    record Content(String bodyHtml, boolean isPrivate, boolean incoming, long userId, List<String> notifyEmails) {

        Content {
            Objects.requireNonNull(bodyHtml, "bodyHtml");
            notifyEmails = List.copyOf(notifyEmails);
        }
    }
}
