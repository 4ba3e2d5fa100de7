package io.tickettriage.sim.freshdesk;

import java.util.Objects;

/**
 * A group of the simulated Freshdesk account: listed by {@code GET /api/v2/groups} and the only valid values of a
 * ticket's {@code group_id}.
 *
 * @param description may be null, as in Freshdesk
 */
public record SimGroup(long id, String name, String description) {

    public SimGroup {
        if (id <= 0) {
            throw new IllegalArgumentException("group id must be positive: " + id);
        }
        Objects.requireNonNull(name, "name");
    }
}
