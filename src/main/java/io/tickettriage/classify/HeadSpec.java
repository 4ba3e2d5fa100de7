package io.tickettriage.classify;

import java.util.List;

/**
 * One output of a model: a softmax over {@code labels}, read from the graph output {@code output}.
 */
public record HeadSpec(String name, List<String> labels, String output) {

    public HeadSpec {
        if (labels.size() < 2) {
            throw new IllegalArgumentException("head '" + name + "' needs at least two labels, has " + labels);
        }
        labels = List.copyOf(labels);
    }
}
