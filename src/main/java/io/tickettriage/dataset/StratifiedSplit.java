package io.tickettriage.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A held-out split that keeps each label's share: within every label of the stratifying head, a seeded shuffle puts
 * {@code fraction} of the tickets (at least one, when the label has two or more) aside. Same tickets and seed, same
 * split.
 */
public record StratifiedSplit(List<LabelledTicket> training, List<LabelledTicket> heldOut) {

    public static StratifiedSplit of(List<LabelledTicket> tickets, String head, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the held-out fraction must be between 0 and 1, was " + fraction);
        }
        Map<String, List<LabelledTicket>> byLabel = new TreeMap<>();
        tickets.forEach(t -> byLabel.computeIfAbsent(t.labels().get(head), l -> new ArrayList<>()).add(t));
        Random random = new Random(seed);
        List<LabelledTicket> training = new ArrayList<>();
        List<LabelledTicket> heldOut = new ArrayList<>();
        for (List<LabelledTicket> group : byLabel.values()) {
            Collections.shuffle(group, random);
            int aside = group.size() < 2 ? 0 : Math.max(1, (int) Math.round(group.size() * fraction));
            heldOut.addAll(group.subList(0, aside));
            training.addAll(group.subList(aside, group.size()));
        }
        return new StratifiedSplit(List.copyOf(training), List.copyOf(heldOut));
    }
}
