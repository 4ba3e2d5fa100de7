package io.tickettriage.classify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * One output of a model, read from the graph output {@code output}.
 *
 * @param multiLabel false: a softmax over {@code labels}, exactly one applies (queue, priority); true: an independent
 *                   probability per label, any number apply (tags)
 * @param thresholds the per-class thresholds {@code train} chose for this head, or {@code null} for a model without
 *                   them (one trained before they existed, or a transformer); left out of the JSON when absent, so
 *                   such models describe themselves as before
 */
public record HeadSpec(String name, List<String> labels, String output, boolean multiLabel,
                       @JsonInclude(JsonInclude.Include.NON_NULL) ClassThresholds thresholds) {

    public HeadSpec {
        if (labels.size() < (multiLabel ? 1 : 2)) {
            throw new IllegalArgumentException("head '" + name + "' needs at least " + (multiLabel ? "one label" : "two labels")
                    + ", has " + labels);
        }
        labels = List.copyOf(labels);
    }

    /** A head without per-class thresholds. */
    public HeadSpec(String name, List<String> labels, String output, boolean multiLabel) {
        this(name, labels, output, multiLabel, null);
    }

    /** A single-label (softmax) head without per-class thresholds. */
    public HeadSpec(String name, List<String> labels, String output) {
        this(name, labels, output, false);
    }

    /** The per-class thresholds the model carries for this head, if it carries any. */
    public Optional<ClassThresholds> classThresholds() {
        return Optional.ofNullable(thresholds);
    }

    public HeadSpec withThresholds(ClassThresholds chosen) {
        return new HeadSpec(name, labels, output, multiLabel, chosen);
    }
}
