package io.tickettriage.adapter;

import io.tickettriage.triage.WriteLedger;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * What every help desk's update action takes beside its connection, as named Kamelet properties of its
 * {@code update} settings ({@code update.queueMapping: "{{queueMapping}}"}): where its writes are recorded, the label
 * mappings and how to mark a ticket.
 */
public final class UpdateSettings {

    private String ledgerName = "";
    private String stateDirectory = "";
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

    /**
     * The queue mapping, which every update Kamelet must have.
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

    /** The queue mapping's text, as given. */
    public String queueMapping() {
        return queueMapping;
    }

    /** The priority mapping's text, as given; empty for the help desk's defaults. */
    public String priorityMapping() {
        return priorityMapping;
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
