package io.tickettriage.triage;

/**
 * A ticket that can never be processed as it is (not a transient fault): the routes put it in the dead-letter store
 * and carry on with the rest of the batch.
 */
public class TicketRejectedException extends RuntimeException {

    public TicketRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
