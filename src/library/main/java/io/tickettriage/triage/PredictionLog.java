package io.tickettriage.triage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where every prediction and its outcome are kept, across restarts: the evidence {@code agreement} reports on.
 * One prediction per ticket version; one outcome per prediction.
 */
public interface PredictionLog {

    /** Records the prediction unless one for the same ticket version is already there. */
    void record(Prediction prediction);

    /** The newest prediction for the ticket, if any. */
    Optional<Prediction> latest(String key);

    /** Whether the prediction has its outcome already. */
    boolean settled(Prediction prediction);

    void settle(Outcome outcome);

    /** A prediction with its outcome, if it has one. */
    record Entry(Prediction prediction, Optional<Outcome> outcome) {
    }

    /** Every prediction recorded at or after {@code since}, oldest first. */
    List<Entry> since(Instant since);

    /**
     * The predictions of one desk's tickets ({@code <desk>:<id>}): what its go-live weighs, when several desks share
     * one state store.
     */
    default PredictionLog ofDesk(String desk) {
        PredictionLog all = this;
        String prefix = desk + ":";
        return new PredictionLog() {
            @Override
            public void record(Prediction prediction) {
                all.record(prediction);
            }

            @Override
            public Optional<Prediction> latest(String key) {
                return all.latest(key);
            }

            @Override
            public boolean settled(Prediction prediction) {
                return all.settled(prediction);
            }

            @Override
            public void settle(Outcome outcome) {
                all.settle(outcome);
            }

            @Override
            public List<Entry> since(Instant since) {
                return all.since(since).stream().filter(e -> e.prediction().key().startsWith(prefix)).toList();
            }
        };
    }
}
