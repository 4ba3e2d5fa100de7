package io.tickettriage.sim.otobo;

import java.util.Objects;

/**
 * A scripted operation error: the next {@code count} requests of {@code type} (that name {@code ticketId}, when
 * given) answer HTTP 200 with this {@code Error} instead of running. Faulted requests change nothing.
 *
 * @param ticketId matches requests whose TicketID (a single id or a comma list) contains it; null matches any
 */
public record OperationFault(OperationType type, String ticketId, String errorCode, String errorMessage, int count) {

    public OperationFault {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorMessage, "errorMessage");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
    }
}
