package io.tickettriage.evaluate;

import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.HeadSpec;
import java.util.List;

/** One head's predictions for labelled tickets, beside the true labels, in ticket order. */
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

    /** The tickets at these positions, in that order. */
    HeadPredictions select(List<Integer> positions) {
        return new HeadPredictions(head, positions.stream().map(gold::get).toList(),
                positions.stream().map(predicted::get).toList());
    }
}
