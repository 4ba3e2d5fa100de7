package io.tickettriage.adapter;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.dataset.LabelledTicket;
import io.tickettriage.triage.HelpDeskApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;

/**
 * A help desk's own history as training data ({@code train --from-helpdesk}): every ticket changed since a point in
 * time, read through the desk's one HTTP client, of which those whose queue and priority people set for good become
 * labelled tickets. Each run reads afresh; nothing is stored. What every desk shares lives here: the progress it
 * reports, the tally of what it left out and why, and the rule that one queue gets one label.
 */
public interface HelpDeskHistory {

    /** Builds a desk's history from the service's configuration. */
    @FunctionalInterface
    interface Factory {

        /**
         * @param camel   the Camel application whose help-desk-request-action Kamelet sends the calls
         * @param triaged which tickets carrying ticket-triage's marker to learn from
         * @param tags    whether each kept ticket's tags are read as the tags head's labels ({@link HistoryTags})
         * @throws ConfigurationException for a missing or wrong setting
         * @throws HelpDeskApiException   when the desk refuses what the setup reads
         */
        HelpDeskHistory configure(CamelContext camel, TriageProperties properties, TriagedTickets triaged,
                                  boolean tags, Progress progress);
    }

    /** What the caller shows while the history is read. */
    interface Progress {

        /** After every page. */
        void page(Tally sofar);

        /** One line worth the operator's attention: a rate-limit wait, a retry, a skipped ticket. */
        void notice(String message);
    }

    /**
     * The counts of a read, for progress and for the model's manifest.
     *
     * @param pages      pages read
     * @param listed     distinct tickets listed
     * @param kept       tickets that became training data
     * @param corrected  of those, tickets carrying the marker that were kept because agents corrected them
     * @param excluded   the others by why ({@link Reason#description()}), in the desk's order of reasons
     * @param unreadable tickets that could not be read at all
     */
    record Tally(int pages, int listed, int kept, int corrected, Map<String, Integer> excluded, int unreadable) {

        public Tally {
            excluded = Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
        }

        /**
         * @param reasons every reason the desk has, most telling first; each is counted, zero or not, so that the
         *                manifest always says the same things
         */
        public static Tally of(int pages, Collection<Verdict> verdicts, int unreadable, List<Reason> reasons) {
            Map<String, Integer> excluded = new LinkedHashMap<>();
            reasons.forEach(reason -> excluded.put(reason.description(), 0));
            int kept = 0;
            int corrected = 0;
            for (Verdict verdict : verdicts) {
                if (verdict instanceof Excluded out) {
                    excluded.merge(out.reason().description(), 1, Integer::sum);
                } else {
                    kept++;
                    corrected += ((Kept) verdict).corrected() ? 1 : 0;
                }
            }
            return new Tally(pages, verdicts.size() + unreadable, kept, corrected, excluded, unreadable);
        }
    }

    /** The tickets read and the counts behind them. */
    record Result(LabelledDataset dataset, Tally tally) {
    }

    /** Why a listed ticket is not training data, in the desk's words, e.g. "in the review group". */
    record Reason(String description) {
    }

    /** What became of one listed ticket. */
    sealed interface Verdict permits Kept, Excluded {
    }

    /** @param corrected whether it carries the marker and is kept because agents corrected it */
    record Kept(LabelledTicket ticket, boolean corrected) implements Verdict {
    }

    record Excluded(Reason reason) implements Verdict {
    }

    /** The help desk it reads. */
    String baseUrl();

    /** What a ticket must be to teach the model, for the message when none is, e.g. "closed in a group set by people". */
    String qualifies();

    /** Where the tags head's labels come from and what of them is left out; empty when no tags are read. */
    Optional<TagsRead> tags();

    /**
     * For the manifest and the console.
     *
     * @param from    where the desk keeps them, e.g. "the tickets' tags (one call per ticket used)"
     * @param leftOut ticket-triage's own values, which are not labels ({@link HistoryTags})
     */
    record TagsRead(String from, Set<String> leftOut) {

        public TagsRead {
            // Sorted: the manifest says the same every run.
            leftOut = Collections.unmodifiableSortedSet(new TreeSet<>(leftOut));
        }

        public static TagsRead of(String from, HistoryTags tags) {
            return new TagsRead(from, tags.ours());
        }
    }

    /** Reads every ticket changed since {@code since} and keeps the labelled ones. */
    Result read(Instant since);

    /**
     * Two labels mapped to one queue (or priority) would give its tickets two answers to learn: the run stops.
     *
     * @param mappedBy value → the key that mapped it first, filled as the mappings are read
     * @param key      e.g. "zammad.queue-mapping for 'billing'"
     * @param what     e.g. "group Billing"
     */
    static <K> void requireOneLabel(Map<K, String> mappedBy, K value, String key, String what) {
        String earlier = mappedBy.putIfAbsent(value, key);
        if (earlier != null) {
            throw new ConfigurationException(earlier + " and " + key + " both name " + what + ", so its tickets "
                    + "cannot be given one label to learn: keep one of the two");
        }
    }

    /**
     * A mapping read backwards: the desk's value → the label that maps to it, for {@code key}'s
     * {@code label=value} pairs.
     *
     * @param what what a value is, for the message, e.g. "group"
     */
    static Map<String, String> labelsByValue(TriageProperties properties, String key, String what) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> mappedBy = new LinkedHashMap<>();
        LabelMappings.read(properties, key).forEach((label, value) -> {
            requireOneLabel(mappedBy, value, key + " for '" + label + "'", what + " " + value);
            labels.put(value, label);
        });
        return labels;
    }

    /**
     * Sleeps for the desk's client, announcing long waits: pacing waits are short, a long one (a Retry-After, a
     * back-off) is worth a line.
     */
    static HelpDeskHttp.Pause announcing(String deskName, Progress progress) {
        Duration noticeable = Duration.ofSeconds(10);
        return wait -> {
            if (wait.compareTo(noticeable) >= 0) {
                progress.notice(deskName + ": waiting " + wait.toSeconds() + " s before the next call (its rate "
                        + "limit or a retry)");
            }
            Thread.sleep(wait.toMillis());
        };
    }
}
