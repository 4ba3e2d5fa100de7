package io.tickettriage.triage;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Everything that will be written to one ticket, decided before the first call goes out and recorded in the
 * {@link WriteLedger}, so that a write cut short by a refusal, exhausted retries or a crash is finished later with
 * exactly the same calls, and a call whose answer was lost can be looked for instead of being sent twice.
 *
 * @param key           the ticket's key ({@link Ticket#key()})
 * @param ticketId      the help desk's id of the ticket
 * @param subject       for dead letters and logs
 * @param ticketVersion the {@code updatedAt} the decision was made on, for the dead-letter store
 * @param token         a text unique to this write that the adapter puts into what it adds (the note), so that it can
 *                      recognise its own work on the help desk
 * @param calls         in the order they are sent; the last one completes the ticket (the marker)
 * @param summary       one line for the log, e.g. the decision's summary
 */
public record WritePlan(String key, String ticketId, String subject, String ticketVersion, String token,
                        List<PlannedCall> calls, String summary) {

    public WritePlan {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(token, "token");
        calls = List.copyOf(calls);
        if (calls.stream().map(PlannedCall::name).distinct().count() != calls.size()) {
            throw new IllegalArgumentException("the calls of a write plan need distinct names: " + calls);
        }
    }

    /**
     * The calls of this plan that count as landed from the start, given those that landed under an earlier plan of
     * the same ticket: the ones marked {@code once} (a second note is what the ledger is there to prevent).
     */
    public Set<String> landedBefore(Collection<String> landedUnderEarlierPlan) {
        return calls.stream().filter(call -> call.once() && landedUnderEarlierPlan.contains(call.name()))
                .map(PlannedCall::name).collect(Collectors.toUnmodifiableSet());
    }

    /** A fresh token: random, so two writes of one ticket (after an agent sent it back) never look alike. */
    public static String newToken() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
