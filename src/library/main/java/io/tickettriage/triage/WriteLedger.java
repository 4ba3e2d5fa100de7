package io.tickettriage.triage;

import java.util.List;
import java.util.Optional;

/**
 * The durable record of what was written to which ticket, call by call. Each call is recorded as attempted before
 * it is sent and as landed once its answer came; a ticket counts as written only when its whole plan landed.
 * Thread-safe; survives restarts.
 */
public interface WriteLedger {

    /** Whether every call of the ticket's plan landed: it is never written again. */
    boolean isWritten(String key);

    /** The plan of a ticket that was begun and is neither finished nor abandoned. */
    Optional<WritePlan> openPlan(String key);

    /**
     * Records a new plan for a ticket. A call marked {@code once} that landed under an abandoned earlier plan of the
     * same ticket counts as landed in this one too: it is not added twice.
     */
    void begin(WritePlan plan);

    boolean hasLanded(String key, String call);

    /** Whether the call was sent at least once before (its answer may have been lost). */
    boolean wasAttempted(String key, String call);

    void attempting(String key, String call);

    void landed(String key, String call);

    /** The whole plan landed. */
    void finished(String key);

    /** The help desk refused the plan for good: it is kept, but not resumed until the ticket is planned again. */
    void abandoned(String key);

    /**
     * Plans of one help desk's tickets begun and neither finished nor abandoned, oldest first: what an earlier poll
     * left half-written.
     *
     * @param system the adapter's name, e.g. {@code zammad}: a plan is only ever finished by the adapter that made it
     */
    List<WritePlan> unfinished(String system);
}
