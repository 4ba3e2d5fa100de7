package io.tickettriage.classify;

import java.util.Arrays;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A ticket's tags, the labels of a multi-label head, written as one label string: the tags sorted, joined with
 * {@value #SEPARATOR}. One string per head keeps a multi-label head's gold labels where every other head keeps its own
 * (a labelled ticket's label map, the split, the data hash), and the same set always reads as the same string.
 *
 * <p>In a data file a tag column holds any number of tags separated by {@code |} or {@code ,}; so no tag holds either
 * (Freshdesk refuses commas in tags anyway). Tags are trimmed; empty ones are none. No tags at all is the empty string.
 */
public final class TagSet {

    /** The head name the service reads as the ticket's tags. */
    public static final String HEAD = "tags";
    public static final String SEPARATOR = "|";
    private static final Pattern SEPARATORS = Pattern.compile("[|,]");

    private TagSet() {
    }

    /** The tags in a label string or a data file's tag column; empty for {@code null} or blank. */
    public static SortedSet<String> parse(String labels) {
        SortedSet<String> tags = new TreeSet<>();
        if (labels != null) {
            Arrays.stream(SEPARATORS.split(labels)).map(String::strip).filter(tag -> !tag.isEmpty())
                    .forEach(tags::add);
        }
        return tags;
    }

    /** The one label string of these tags. */
    public static String join(Collection<String> tags) {
        return String.join(SEPARATOR, new TreeSet<>(tags));
    }

    /** Whether the label string holds this tag. */
    public static boolean holds(String labels, String tag) {
        return parse(labels).contains(tag);
    }
}
