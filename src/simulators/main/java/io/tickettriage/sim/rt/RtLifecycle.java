package io.tickettriage.sim.rt;

import java.util.List;
import java.util.Map;

/** RT 5's "default" lifecycle, as RT_Config.pm ships it: its statuses and the actions a ticket page offers. */
final class RtLifecycle {

    static final List<String> ACTIVE = List.of("new", "open", "stalled");
    static final List<String> INACTIVE = List.of("resolved", "rejected", "deleted");
    static final List<String> STATUSES = List.of("new", "open", "stalled", "resolved", "rejected", "deleted");

    /** An action from one status to another: its label and which message the web page sends with it. */
    record Action(String from, String to, String label, String update) {
    }

    static final List<Action> ACTIONS = List.of(
            new Action("new", "open", "Open It", "Respond"),
            new Action("new", "resolved", "Resolve", "Comment"),
            new Action("new", "rejected", "Reject", "Respond"),
            new Action("new", "deleted", "Delete", null),
            new Action("open", "stalled", "Stall", "Comment"),
            new Action("open", "resolved", "Resolve", "Comment"),
            new Action("open", "rejected", "Reject", "Respond"),
            new Action("stalled", "open", "Open It", null),
            new Action("resolved", "open", "Re-open", "Comment"),
            new Action("rejected", "open", "Re-open", "Comment"),
            new Action("deleted", "open", "Undelete", null));

    /** RT's default %PriorityAsString: labels for the numbers, in messages only. */
    static final Map<String, Integer> PRIORITIES = Map.of("Low", 0, "Medium", 50, "High", 100);

    private RtLifecycle() {
    }

    /** The label RT shows for a priority: the highest label whose number the priority reaches. */
    static String priorityLabel(int priority) {
        return PRIORITIES.entrySet().stream()
                .filter(entry -> priority >= entry.getValue())
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse("unknown");
    }

    /**
     * A priority as RT::Ticket::SetPriority reads it: digits are the number, a label of %PriorityAsString its number,
     * anything else 0.
     */
    static int priority(String given) {
        if (given.matches("\\d{1,9}")) {
            return Integer.parseInt(given);
        }
        if (given.matches("\\d+")) {
            // More than the simulator's int holds: kept as the largest it does.
            return Integer.MAX_VALUE;
        }
        return PRIORITIES.getOrDefault(given, 0);
    }
}
