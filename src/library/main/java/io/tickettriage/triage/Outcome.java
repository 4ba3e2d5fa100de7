package io.tickettriage.triage;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the agents settled on for a recorded prediction, per head: the label of the value a person chose (absent for
 * a head no label maps to), and whether it agreed with the model's top label.
 *
 * @param key        the ticket
 * @param version    the version of the ticket the prediction was made for
 * @param labels     head → the label the agents chose
 * @param corrected  heads where a person changed a value ticket-triage had written (live mode)
 * @param at         when it was seen
 */
public record Outcome(String key, Instant version, Map<String, String> labels, Set<String> corrected,
                      Instant at) {

    public Outcome {
        labels = Map.copyOf(labels);
        corrected = Set.copyOf(corrected);
    }
}
