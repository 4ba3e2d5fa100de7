package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.LabelMapping;
import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.adapter.WriteLedgers;
import java.util.Map;
import java.util.Optional;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WriteLedger;
import io.tickettriage.triage.WritePlan;

/**
 * The bean of the {@code otobo-update-ticket-action} Kamelet: writes a {@link TriageDecision}, or finishes a
 * {@link WritePlan} an earlier poll left open, with the write protocol ({@link TicketWrites}, {@link OtoboWrites}).
 * Its settings are bean properties; the worker is built and checked on first use.
 */
public final class OtoboUpdateAction extends OtoboBean<TicketWrites> {

    private String updateRoute = "PATCH /Ticket/:TicketID";
    private String getRoute = "GET /Ticket/:TicketID";
    /** OTOBO's default priorities, by name. */
    private static final Map<String, String> DEFAULT_PRIORITIES = Map.of("low", "2 low", "medium", "3 normal",
            "high", "4 high", "urgent", "5 very high");

    private String fieldMappingName = OtoboAdapter.MAPPING_BEAN;
    private String ledgerName = "writeLedger";
    private String stateDirectory = "ticket-triage-state";
    private String queueMapping = "";
    private String priorityMapping = "";
    private String reviewQueue = "";
    private String markerField = "TriageMarker";
    private String confidenceField = "TriageConfidence";
    private String markerTag = "triaged";
    private String reviewTag = "needs-review";
    private boolean note = true;
    private String noteSubject = "ticket-triage";
    private boolean dryRun;

    public void setUpdateRoute(String updateRoute) {
        this.updateRoute = updateRoute;
    }

    public void setGetRoute(String getRoute) {
        this.getRoute = getRoute;
    }

    /**
     * The registry name of an {@link OtoboFieldMapping} (ticket-triage's own application binds one); without such a
     * bean the mapping comes from {@code queueMapping} and the settings below.
     */
    public void setFieldMappingName(String fieldMappingName) {
        this.fieldMappingName = fieldMappingName;
    }

    /** The registry name of the write ledger; without such a bean, a file ledger in {@code stateDirectory}. */
    public void setLedgerName(String ledgerName) {
        this.ledgerName = ledgerName;
    }

    public void setStateDirectory(String stateDirectory) {
        this.stateDirectory = stateDirectory;
    }

    /** {@code label=Queue name} pairs, comma-separated ({@code \,} for a comma in a name). */
    public void setQueueMapping(String queueMapping) {
        this.queueMapping = queueMapping;
    }

    /** {@code label=Priority name} pairs; empty: low, medium, high and urgent to OTOBO's default priorities. */
    public void setPriorityMapping(String priorityMapping) {
        this.priorityMapping = priorityMapping;
    }

    public void setReviewQueue(String reviewQueue) {
        this.reviewQueue = reviewQueue;
    }

    /** The multiselect dynamic field that carries the marker; empty: none. */
    public void setMarkerField(String markerField) {
        this.markerField = markerField;
    }

    /** The text dynamic field that carries the confidences; empty: none. */
    public void setConfidenceField(String confidenceField) {
        this.confidenceField = confidenceField;
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

    public void setNoteSubject(String noteSubject) {
        this.noteSubject = noteSubject;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Writes the decision; returns it unchanged. */
    public TriageDecision write(TriageDecision decision) {
        return worker().write(decision);
    }

    /** Finishes a write an earlier poll left open; returns it unchanged. */
    public WritePlan write(WritePlan plan) {
        return worker().write(plan);
    }

    @Override
    protected TicketWrites build() {
        WriteLedger ledger = WriteLedgers.forKamelet(context(), ledgerName, stateDirectory);
        OtoboFieldMapping fieldMapping = bound().orElseGet(this::mapping);
        OtoboClient client = client();
        OtoboWrites desk = new OtoboWrites(client, route("updateRoute", updateRoute), route("getRoute", getRoute),
                fieldMapping.markerField());
        return new TicketWrites(ledger, decision -> fieldMapping.plan(decision,
                client.markerValueSeen(decision.ticket().id())), desk, dryRun);
    }

    private Optional<OtoboFieldMapping> bound() {
        if (fieldMappingName == null || fieldMappingName.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(context().getRegistry().lookupByNameAndType(fieldMappingName.strip(),
                OtoboFieldMapping.class));
    }

    /**
     * The mapping from the Kamelet's own properties. GenericTicketConnectorREST cannot list queues or priorities, so
     * a misspelt name shows as TicketUpdate refusing those tickets (dead letters, 422).
     */
    private OtoboFieldMapping mapping() {
        Map<String, String> queues = LabelMapping.parse(queueMapping, "queueMapping");
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("the OTOBO update Kamelet needs queueMapping (label=Queue pairs), or an "
                    + "OtoboFieldMapping bean named by fieldMapping");
        }
        Map<String, String> priorities = LabelMapping.parse(priorityMapping, "priorityMapping");
        return new OtoboFieldMapping(queues, priorities.isEmpty() ? DEFAULT_PRIORITIES : priorities,
                reviewQueue == null || reviewQueue.isBlank() ? Optional.empty() : Optional.of(reviewQueue.strip()),
                OtoboTicketFetch.optionalName(markerField), OtoboTicketFetch.optionalName(confidenceField), markerTag,
                reviewTag, note, noteSubject);
    }
}
