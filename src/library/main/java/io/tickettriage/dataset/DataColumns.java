package io.tickettriage.dataset;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which columns of an export hold what.
 *
 * @param subject column with the subject (may be absent from a row)
 * @param body    column with the plain-text body
 * @param labels  head name → column with its label, e.g. {@code queue → queue}
 */
public record DataColumns(String subject, String body, Map<String, String> labels) {

    public DataColumns {
        labels = new LinkedHashMap<>(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("at least one label column is needed");
        }
    }
}
