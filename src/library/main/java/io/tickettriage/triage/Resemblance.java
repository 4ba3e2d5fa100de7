package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a ticket has in common with the desk's other recent tickets: those it looks like (possible duplicates, most
 * similar first), and the burst of similar tickets it belongs to, if any. Shown in the note; the duplicates also set
 * the possible-duplicate marker. Nothing is merged or closed.
 *
 * @param lookalikes the most similar recent tickets above the duplicate threshold, most similar first
 * @param burst      the ids of the burst's tickets, this one among them, in the order they came; empty when the
 *                   ticket is in no burst
 */
public record Resemblance(List<Lookalike> lookalikes, List<String> burst) {

    /** No similar ticket, no burst: also what a desk without similar-ticket search gives. */
    public static final Resemblance NONE = new Resemblance(List.of(), List.of());

    /**
     * One similar ticket.
     *
     * @param id         the help desk's own id of the ticket
     * @param similarity cosine similarity of the two tickets' TF-IDF vectors, 0 to 1
     */
    public record Lookalike(String id, double similarity) {

        public Lookalike {
            Objects.requireNonNull(id, "id");
        }

        /** As the note shows it: {@code #1234 (0.93)}. */
        public String shown() {
            return "#" + id + String.format(Locale.ROOT, " (%.2f)", similarity);
        }
    }

    public Resemblance {
        lookalikes = List.copyOf(lookalikes);
        burst = List.copyOf(burst);
    }

    /** Whether the ticket may duplicate another: the possible-duplicate marker is set. */
    public boolean possibleDuplicate() {
        return !lookalikes.isEmpty();
    }

    /** The note's lines about it: none when the ticket resembles nothing. */
    public List<String> noteLines() {
        List<String> lines = new ArrayList<>(2);
        if (possibleDuplicate()) {
            lines.add("Looks like " + String.join(", ", lookalikes.stream().map(Lookalike::shown).toList())
                    + ": a possible duplicate (nothing was merged or closed).");
        }
        if (!burst.isEmpty()) {
            lines.add("Part of a burst of " + burst.size() + " similar tickets: "
                    + String.join(", ", burst.stream().map(id -> "#" + id).toList()) + ".");
        }
        return lines;
    }
}
