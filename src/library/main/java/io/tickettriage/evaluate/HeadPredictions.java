package io.tickettriage.evaluate;

import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.classify.TagSet;
import java.util.List;

/**
 * One head's predictions for labelled tickets, beside the true labels, in ticket order. For a multi-label head (tags)
 * a true label is the ticket's tag set ({@link TagSet}), and every tag of a prediction is a claim of its own: "this
 * tag applies, at this probability", right when the ticket has the tag.
 */
public record HeadPredictions(HeadSpec head, List<String> gold, List<HeadPrediction> predicted) {

    public HeadPredictions {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " true labels for " + predicted.size() + " predictions");
        }
        gold = List.copyOf(gold);
        predicted = List.copyOf(predicted);
    }

    public int size() {
        return gold.size();
    }

    /** What the prediction of ticket {@code i} claims: its best label, or for a multi-label head every tag in it. */
    public List<ScoredLabel> claims(int i) {
        List<ScoredLabel> top = predicted.get(i).top();
        return head.multiLabel() ? top : top.subList(0, 1);
    }

    /** Whether claiming {@code label} for ticket {@code i} is right. */
    public boolean right(int i, String label) {
        return head.multiLabel() ? TagSet.holds(gold.get(i), label) : label.equals(gold.get(i));
    }

    /** The tickets at these positions, in that order. */
    HeadPredictions select(List<Integer> positions) {
        return new HeadPredictions(head, positions.stream().map(gold::get).toList(),
                positions.stream().map(predicted::get).toList());
    }
}
