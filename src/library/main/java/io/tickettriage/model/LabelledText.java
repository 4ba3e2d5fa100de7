package io.tickettriage.model;

import java.util.Map;

/**
 * One training example: the model input text and its label for each head.
 */
public record LabelledText(String text, Map<String, String> labels) {

    public LabelledText {
        labels = Map.copyOf(labels);
    }

    public String label(String head) {
        String label = labels.get(head);
        if (label == null) {
            throw new IllegalArgumentException("example has no label for head '" + head + "'");
        }
        return label;
    }
}
