package io.tickettriage.sim.zammad;

import java.time.Instant;

/**
 * A ticket as the simulated Zammad keeps it: the attributes behind its JSON, ids for every association. Contact
 * times are left out; nothing the simulator serves derives from them.
 */
record StoredTicket(long id, String number, String title, long groupId, long priorityId, long stateId, long ownerId,
                    long customerId, long createArticleTypeId, long createArticleSenderId, long createdById,
                    long updatedById, Instant createdAt, Instant updatedAt) {

    /** The changes an update may make; null leaves an attribute as it is. */
    record Change(String title, Long groupId, Long priorityId, Long stateId) {

        boolean isEmpty() {
            return title == null && groupId == null && priorityId == null && stateId == null;
        }
    }

    StoredTicket apply(Change change, long agentId, Instant now) {
        return new StoredTicket(id, number, change.title() == null ? title : change.title(),
                change.groupId() == null ? groupId : change.groupId(),
                change.priorityId() == null ? priorityId : change.priorityId(),
                change.stateId() == null ? stateId : change.stateId(), ownerId, customerId, createArticleTypeId,
                createArticleSenderId, createdById, agentId, createdAt, now);
    }

    StoredTicket touched(long agentId, Instant now) {
        return new StoredTicket(id, number, title, groupId, priorityId, stateId, ownerId, customerId,
                createArticleTypeId, createArticleSenderId, createdById, agentId, createdAt, now);
    }
}
