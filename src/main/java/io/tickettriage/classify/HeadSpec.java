package io.tickettriage.classify;

import java.util.List;

/**
 * One output of a model, read from the graph output {@code output}.
 *
 * @param multiLabel false: a softmax over {@code labels}, exactly one applies (queue, priority); true: an independent
 *                   probability per label, any number apply (tags)
 */
public record HeadSpec(String name, List<String> labels, String output, boolean multiLabel) {

    public HeadSpec {
        if (labels.size() < (multiLabel ? 1 : 2)) {
            throw new IllegalArgumentException("head '" + name + "' needs at least " + (multiLabel ? "one label" : "two labels")
                    + ", has " + labels);
        }
        labels = List.copyOf(labels);
    }

    /** A single-label (softmax) head. */
    public HeadSpec(String name, List<String> labels, String output) {
        this(name, labels, output, false);
    }
}
