package io.tickettriage.state;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link StateStore#erase} removed of one ticket's records, for the {@code erase} tool to print.
 *
 * @param ticket      the ticket's key, {@code <desk>:<id>}
 * @param deadLetters the names of the dead letters removed (its own, and that of a record of it the help desk listed
 *                    unreadable)
 * @param predictions how many predictions were removed, each with its outcome if it had one
 * @param writePlan   whether a write of it still open (its plan: the subject and the note) was removed
 * @param written     whether the ledger holds it as written: that bare mark (its key, no content) is kept, so that
 *                    the ticket is never triaged, and noted, a second time
 */
public record Erased(String ticket, List<String> deadLetters, int predictions, boolean writePlan, boolean written) {

    public Erased {
        deadLetters = List.copyOf(deadLetters);
    }

    /** Whether a record kept under {@code recordKey} is about the ticket {@code ticket}. */
    static boolean concerns(String ticket, String recordKey) {
        if (recordKey == null) {
            return false;
        }
        int colon = ticket.indexOf(':');
        // A record of the ticket that could not be read is kept as <desk>:unreadable-<id> (UnreadableTicket#key).
        return recordKey.equals(ticket) || recordKey.equals(ticket.substring(0, colon + 1) + "unreadable-"
                + ticket.substring(colon + 1));
    }

    /** One line per kind of record, as the tool prints them. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("dead letters removed: " + deadLetters.size() + (deadLetters.isEmpty() ? ""
                : " (" + String.join(", ", deadLetters) + ")"));
        lines.add("predictions removed (with their outcomes): " + predictions);
        lines.add("open write removed (its plan, subject and note): " + (writePlan ? "yes" : "none"));
        lines.add(written ? "kept: the write ledger's mark that " + ticket + " was written (its key only), so it is "
                + "never triaged twice" : "the write ledger holds no mark of " + ticket);
        return lines;
    }
}
