package io.tickettriage.adapter;

import io.tickettriage.triage.WriteLedger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * What every help desk's update action takes beside its connection: where its writes are recorded, the label
 * mappings (as text: each help desk resolves them its own way) and how to mark a ticket. Part of each help desk's
 * settings record; the fetch action reads outcomes with the same mappings.
 *
 * @param ledger          the registry name of the write ledger; without such a bean, a file ledger in
 *                        {@code stateDirectory}
 * @param queueMapping    {@code label=value} pairs, comma-separated ({@code \,} for a comma in a name)
 * @param priorityMapping {@code label=value} pairs; empty: the help desk's own priorities for low, medium, high and
 *                        urgent
 * @param review          the group or queue for tickets whose queue prediction was not confident
 * @param duplicateTag    the value added next to the marker for a ticket that looks like a recent one
 */
public record WriteSettings(String ledger, String stateDirectory, String queueMapping, String priorityMapping,
                            Optional<String> review, String markerTag, String reviewTag, String duplicateTag,
                            boolean note, boolean dryRun) {

    public static final Setting LEDGER = Setting.kameletOnly("ledger", WriteLedgers.BEAN);
    public static final Setting STATE_DIRECTORY = Setting.kameletOnly("stateDirectory", "ticket-triage-state");
    public static final Setting MARKER_TAG = new Setting("triage.marker-tag", "markerTag", "triaged");
    public static final Setting REVIEW_TAG = new Setting("triage.review-tag", "reviewTag", "needs-review");
    public static final Setting DUPLICATE_TAG = new Setting("triage.duplicate-tag", "duplicateTag",
            "possible-duplicate");
    public static final Setting NOTE = new Setting("triage.note.enabled", "note", "true");
    public static final Setting DRY_RUN = new Setting("triage.dry-run", "dryRun", "false");
    /** Those every help desk shares; each adds its own label mappings and review group or queue. */
    public static final List<Setting> COMMON = List.of(LEDGER, STATE_DIRECTORY, MARKER_TAG, REVIEW_TAG,
            DUPLICATE_TAG, NOTE, DRY_RUN);

    /**
     * The settings, checked as far as they can be without the help desk.
     *
     * @param mappings the help desk's queue mapping, priority mapping and review group or queue, in that order
     */
    public static WriteSettings read(SettingValues values, List<Setting> mappings) {
        String queueMapping = values.text(mappings.get(0));
        values.parsed(mappings.get(0), text -> LabelMapping.parse(text, mappings.get(0).property()));
        values.parsed(mappings.get(1), text -> LabelMapping.parse(text, mappings.get(1).property()));
        return new WriteSettings(values.text(LEDGER), values.text(STATE_DIRECTORY), queueMapping,
                values.text(mappings.get(1)), values.optional(mappings.get(2)),
                values.required(MARKER_TAG, ": it marks every ticket written, so that none is written twice"),
                values.required(REVIEW_TAG, ": it marks the tickets people should review"),
                values.required(DUPLICATE_TAG, ": it marks the tickets that look like a recent one"),
                values.flag(NOTE), values.flag(DRY_RUN));
    }

    public WriteLedger ledger(CamelContext context) {
        return WriteLedgers.forKamelet(context, ledger, stateDirectory);
    }

    /**
     * The queue mapping, which every update action must have.
     *
     * @param kamelet for the message, e.g. "the Zammad update Kamelet"
     * @param pairs   what the pairs map to, e.g. "label=Group pairs"
     */
    public Map<String, String> queues(String kamelet, String pairs) {
        Map<String, String> queues = LabelMapping.parse(queueMapping, "queueMapping");
        if (queues.isEmpty()) {
            throw new IllegalArgumentException(kamelet + " needs queueMapping (" + pairs + ")");
        }
        return queues;
    }

    /** Whether the fetch action is to read outcomes: only with a queue mapping. */
    public boolean outcomesWanted() {
        return !queueMapping.isBlank();
    }
}
