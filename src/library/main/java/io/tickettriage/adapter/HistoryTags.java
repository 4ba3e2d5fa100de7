package io.tickettriage.adapter;

import io.tickettriage.classify.TagSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The tags head's labels of a settled ticket read from a help desk's history ({@code train --from-helpdesk --label
 * tags=tags}): the values it carries where the desk keeps tags (Freshdesk's and Zammad's tags, OTOBO's tags dynamic
 * field, RT's tags custom field), less ticket-triage's own markers. {@code triage.marker-tag},
 * {@code triage.review-tag} and {@code triage.duplicate-tag} say what ticket-triage did, not what a ticket is about:
 * a model that learned them would predict its own bookkeeping. They are compared without case, as Freshdesk and
 * Zammad compare tags.
 *
 * <p>Which tickets teach is {@link TriagedTickets}'s to say, as for the queue and the priority: a ticket carrying
 * the marker teaches only when agents corrected it (or with {@code --include-triaged}), and then its tags as they
 * stand are the agents' (a tag of ours they removed is gone, one they kept is theirs now).
 *
 * <p>One instance serves one read: it says each value it cannot take once.
 */
public final class HistoryTags {

    private final Set<String> ours;
    private final Consumer<String> notices;
    private final Set<String> refused = new HashSet<>();

    /**
     * @param ours    ticket-triage's own values, left out
     * @param notices told once of each value that cannot be a tag label
     */
    public HistoryTags(Collection<String> ours, Consumer<String> notices) {
        this.ours = ours.stream().map(HistoryTags::folded).collect(Collectors.toUnmodifiableSet());
        this.notices = notices;
    }

    /**
     * Leaving out the marker, review and duplicate values of the desk's settings.
     *
     * @param wanted whether a tags head is learned; empty when not
     */
    public static Optional<HistoryTags> of(boolean wanted, WriteSettings write, Consumer<String> notices) {
        return wanted ? Optional.of(new HistoryTags(Set.of(write.markerTag(), write.reviewTag(),
                write.duplicateTag()), notices)) : Optional.empty();
    }

    /** Ticket-triage's own values, as they are left out, for the model's manifest. */
    public Set<String> ours() {
        return new TreeSet<>(ours);
    }

    /**
     * The tags head's label of a ticket carrying {@code values}: each trimmed, empty ones, ours and those holding a
     * tag separator ({@code |} or {@code ,}, which {@link TagSet} cannot hold in one tag) left out; the empty string
     * for none.
     */
    public String label(Collection<String> values) {
        Set<String> tags = new TreeSet<>();
        for (String value : values) {
            String tag = value.strip();
            if (tag.isEmpty() || ours.contains(folded(tag))) {
                continue;
            }
            if (tag.contains(TagSet.SEPARATOR) || tag.contains(",")) {
                if (refused.add(tag)) {
                    notices.accept("the tag '" + tag + "' holds '" + TagSet.SEPARATOR + "' or ',', which separate "
                            + "tags in a label: it is not learned");
                }
                continue;
            }
            tags.add(tag);
        }
        return TagSet.join(tags);
    }

    private static String folded(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
