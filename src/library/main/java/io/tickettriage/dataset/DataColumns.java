package io.tickettriage.dataset;

import io.tickettriage.classify.TagSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which columns of an export hold what.
 *
 * @param subject column with the subject (may be absent from a row)
 * @param body    column with the plain-text body
 * @param labels  head name → column with its label, e.g. {@code queue → queue}; the {@value TagSet#HEAD} head is
 *                multi-label: its column holds any number of tags ({@link TagSet}), or several columns are named
 *                joined by {@code +} ({@code tags → tag_1+tag_2+tag_3}), each with any number of tags, and a ticket's
 *                tags are all of them; a ticket may have none
 */
public record DataColumns(String subject, String body, Map<String, String> labels) {

    public DataColumns {
        labels = new LinkedHashMap<>(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("at least one label column is needed");
        }
        labels.forEach((head, column) -> columnsOf(head, column));
    }

    /** Whether the head's labels are tag sets: any number per ticket, none included. */
    public static boolean multiLabel(String head) {
        return TagSet.HEAD.equals(head);
    }

    /** The columns a head's labels are read from: one, or for the tags head as many as named. */
    public List<String> columns(String head) {
        return columnsOf(head, labels.get(head));
    }

    private static List<String> columnsOf(String head, String column) {
        if (!multiLabel(head)) {
            return List.of(column);
        }
        List<String> columns = Arrays.stream(column.split("\\+", -1)).map(String::strip).toList();
        if (columns.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("the tags head takes one column or several joined by '+', e.g. "
                    + "tags=tag_1+tag_2; '" + column + "' names an empty one");
        }
        return columns;
    }
}
