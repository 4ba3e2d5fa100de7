package io.tickettriage.evaluate;

import java.util.List;

/** The result of running a model on a labelled export. */
public record Evaluation(String model, String data, int tickets, int skipped, List<HeadEvaluation> heads) {

    public Evaluation {
        heads = List.copyOf(heads);
    }
}
