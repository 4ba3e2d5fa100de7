package io.tickettriage.triage;

/** What happens to the queue when the model is not confident enough about it. */
public enum QueueFallback {
    /** Leave the ticket in whatever queue it is in (usually none) for a person to pick up. */
    UNCHANGED,
    /** Move the ticket to the help desk's review queue. */
    REVIEW
}
