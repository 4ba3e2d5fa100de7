package io.tickettriage.adapter;

import io.tickettriage.triage.WriteLedger;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * What every help desk's update action takes beside its connection, as named Kamelet properties of its
 * {@code update} settings ({@code update.queueMapping: "{{queueMapping}}"}): where its writes are recorded, which
 * field mapping bean to use if the application has one, otherwise the label mappings and how to mark a ticket.
 */
public final class UpdateSettings {

    private String ledgerName = "";
    private String stateDirectory = "";
    private String fieldMappingName = "";
    private String queueMapping = "";
    private String priorityMapping = "";
    private String review = "";
    private String markerTag = "triaged";
    private String reviewTag = "needs-review";
    private boolean note = true;
    private boolean dryRun;

    /** The registry name of the write ledger; without such a bean, a file ledger in {@code stateDirectory}. */
    public void setLedgerName(String ledgerName) {
        this.ledgerName = ledgerName;
    }

    public void setStateDirectory(String stateDirectory) {
        this.stateDirectory = stateDirectory;
    }

    /**
     * The registry name of the help desk's field mapping (ticket-triage's own application binds one); without such a
     * bean the mapping comes from {@code queueMapping} and the settings below.
     */
    public void setFieldMappingName(String fieldMappingName) {
        this.fieldMappingName = fieldMappingName;
    }

    /** {@code label=value} pairs, comma-separated ({@code \,} for a comma in a name). */
    public void setQueueMapping(String queueMapping) {
        this.queueMapping = queueMapping;
    }

    /** {@code label=value} pairs; empty: the help desk's own priorities for low, medium, high and urgent. */
    public void setPriorityMapping(String priorityMapping) {
        this.priorityMapping = priorityMapping;
    }

    /** The group or queue for tickets whose queue prediction was not confident; empty: none. */
    public void setReview(String review) {
        this.review = review;
    }

    public void setMarkerTag(String markerTag) {
        this.markerTag = markerTag;
    }

    public void setReviewTag(String reviewTag) {
        this.reviewTag = reviewTag;
    }

    public void setNote(boolean note) {
        this.note = note;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public WriteLedger ledger(CamelContext context) {
        return WriteLedgers.forKamelet(context, ledgerName, stateDirectory);
    }

    /** The application's field mapping bean of the configured name, if it has one. */
    public <T> Optional<T> boundMapping(CamelContext context, Class<T> type) {
        if (fieldMappingName == null || fieldMappingName.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(context.getRegistry().lookupByNameAndType(fieldMappingName.strip(), type));
    }

    /**
     * The queue mapping, which a Kamelet without a field mapping bean must have.
     *
     * @param kamelet for the message, e.g. "the Zammad update Kamelet"
     * @param pairs   what the pairs map to, e.g. "label=Group pairs"
     */
    public Map<String, String> queues(String kamelet, String pairs) {
        Map<String, String> queues = LabelMapping.parse(queueMapping, "queueMapping");
        if (queues.isEmpty()) {
            throw new IllegalArgumentException(kamelet + " needs queueMapping (" + pairs + "), or a field mapping "
                    + "bean named by fieldMapping");
        }
        return queues;
    }

    /** The priority mapping, or {@code defaults} when none is given. */
    public Map<String, String> priorities(Map<String, String> defaults) {
        Map<String, String> priorities = LabelMapping.parse(priorityMapping, "priorityMapping");
        return priorities.isEmpty() ? defaults : priorities;
    }

    public Optional<String> review() {
        return review == null || review.isBlank() ? Optional.empty() : Optional.of(review.strip());
    }

    public String markerTag() {
        return markerTag;
    }

    public String reviewTag() {
        return reviewTag;
    }

    public boolean note() {
        return note;
    }

    public boolean dryRun() {
        return dryRun;
    }
}
