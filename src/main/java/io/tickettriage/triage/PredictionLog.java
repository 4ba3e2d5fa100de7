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
}
