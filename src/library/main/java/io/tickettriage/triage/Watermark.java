package io.tickettriage.triage;

import java.time.Instant;

/** Where the next poll starts, as the routes use it: read before the fetch, moved once a whole batch is done. */
public interface Watermark {

    Instant current();

    /** Moves the watermark to the batch's and hands the batch back, so a route can call this as a step. */
    TicketBatch commit(TicketBatch batch);
}
