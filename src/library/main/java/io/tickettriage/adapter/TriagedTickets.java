package io.tickettriage.adapter;

import io.tickettriage.triage.Outcome;
import io.tickettriage.triage.PredictionLog;
import io.tickettriage.triage.Ticket;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tickets carrying ticket-triage's marker teach the model ({@code train --from-helpdesk}), the one rule every
 * desk's history follows. A marked ticket's queue and priority may be ticket-triage's own predictions, and a model
 * must not learn its guesses back as if people had made them: such tickets are left out. A marked ticket an agent
 * corrected is kept: its values are the agents' now, and it is exactly where the model was wrong. Its other head
 * counts as the agents' too, since the agent who changed one value saw the ticket and left the other as it was.
 * With {@code --include-triaged} every marked ticket is kept.
 *
 * @param includeAll whether every marked ticket is kept
 * @param corrected  the {@link Ticket#key() keys} of the tickets an agent corrected, from the prediction log
 */
public record TriagedTickets(boolean includeAll, Set<String> corrected) {

    /** What became of one ticket's marker. */
    public enum Marking {
        /** No marker, or every marked ticket is kept: its values are as good as anyone's. */
        TEACHES,
        /** Marked and corrected by an agent: kept, with the agents' values. */
        CORRECTED,
        /** Marked and untouched: left out. */
        LEFT_OUT
    }

    public TriagedTickets {
        corrected = Set.copyOf(corrected);
    }

    /** {@code --include-triaged}: every marked ticket teaches, corrected or not. */
    public static TriagedTickets all() {
        return new TriagedTickets(true, Set.of());
    }

    /**
     * Marked tickets left out, except those whose outcome in the log has a corrected head.
     *
     * @param entries the whole prediction log
     */
    /**
     * The tickets of {@code desk} (keys {@code <desk>:<id>} in the log) that agents corrected, as tickets of the
     * help desk {@code system} reads them ({@code <system>:<id>}).
     */
    public static TriagedTickets correctedIn(List<PredictionLog.Entry> entries, String desk, String system) {
        String prefix = desk + ":";
        return new TriagedTickets(false, entries.stream()
                .flatMap(entry -> entry.outcome().stream())
                .filter(outcome -> !outcome.corrected().isEmpty())
                .map(Outcome::key)
                .filter(key -> key.startsWith(prefix))
                .map(key -> Ticket.key(system, key.substring(prefix.length())))
                .collect(Collectors.toSet()));
    }

    /**
     * @param system the desk's adapter name, as in {@link Ticket#system()}
     * @param id     the desk's ticket id
     * @param marked whether the ticket carries the marker
     */
    public Marking judge(String system, String id, boolean marked) {
        if (!marked || includeAll) {
            return Marking.TEACHES;
        }
        return corrected.contains(Ticket.key(system, id)) ? Marking.CORRECTED : Marking.LEFT_OUT;
    }
}
