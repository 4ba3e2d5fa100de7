package io.tickettriage.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A held-out split that keeps each label's share: within every label of the stratifying head, {@code fraction} of the
 * tickets (at least one, when the label has two or more) are put aside, either picked by a seeded shuffle or, for
 * tickets in time order, the newest. Same tickets and seed, same split.
 */
public record StratifiedSplit(List<LabelledTicket> training, List<LabelledTicket> heldOut) {

    /** The held-out tickets picked at random within each label. */
    public static StratifiedSplit of(List<LabelledTicket> tickets, String head, double fraction, long seed) {
        Random random = new Random(seed);
        return split(tickets, head, fraction, group -> Collections.shuffle(group, random));
    }

    /**
     * The newest tickets of each label held out: a model is then scored on the kind of tickets it will meet next
     * rather than on the past it learned from, and a model trained earlier has most likely never seen them either.
     *
     * @param tickets oldest first
     */
    public static StratifiedSplit recent(List<LabelledTicket> tickets, String head, double fraction) {
        return split(tickets, head, fraction, Collections::reverse);
    }

    /** @param order puts the tickets to hold out first, within one label */
    private static StratifiedSplit split(List<LabelledTicket> tickets, String head, double fraction,
                                         Consumer<List<LabelledTicket>> order) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the held-out fraction must be between 0 and 1, was " + fraction);
        }
        Map<String, List<LabelledTicket>> byLabel = new TreeMap<>();
        tickets.forEach(t -> byLabel.computeIfAbsent(t.labels().get(head), l -> new ArrayList<>()).add(t));
        List<LabelledTicket> training = new ArrayList<>();
        List<LabelledTicket> heldOut = new ArrayList<>();
        for (List<LabelledTicket> group : byLabel.values()) {
            order.accept(group);
            int aside = group.size() < 2 ? 0 : Math.max(1, (int) Math.round(group.size() * fraction));
            heldOut.addAll(group.subList(0, aside));
            training.addAll(group.subList(aside, group.size()));
        }
        return new StratifiedSplit(List.copyOf(training), List.copyOf(heldOut));
    }
}
