package io.tickettriage.sim.zammad;

import java.time.Instant;

/**
 * One article of a ticket: a customer's mail, an agent's note … Never edited once stored.
 *
 * @param internal true when customers cannot see it
 */
record StoredArticle(long id, long ticketId, long typeId, long senderId, String from, String to, String subject,
                     String contentType, String body, boolean internal, long createdById, Instant createdAt) {
}
