package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.adapter.UpdateSettings;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WritePlan;

/**
 * The bean of the {@code otobo-update-ticket-action} Kamelet: writes a {@link TriageDecision}, or finishes a
 * {@link WritePlan} an earlier poll left open, with the write protocol ({@link TicketWrites}, {@link OtoboWrites}).
 * Its settings are bean properties; the worker is built and checked on first use.
 */
public final class OtoboUpdateAction extends OtoboBean<TicketWrites> {

    private String updateRoute = "PATCH /Ticket/:TicketID";
    private String getRoute = "GET /Ticket/:TicketID";

    private String markerField = "TriageMarker";
    private String confidenceField = "TriageConfidence";
    private String noteSubject = "ticket-triage";
    private final UpdateSettings update = new UpdateSettings();

    public void setUpdateRoute(String updateRoute) {
        this.updateRoute = updateRoute;
    }

    public void setGetRoute(String getRoute) {
        this.getRoute = getRoute;
    }

    /** The multiselect dynamic field that carries the marker; empty: none. */
    public void setMarkerField(String markerField) {
        this.markerField = markerField;
    }

    /** The text dynamic field that carries the confidences; empty: none. */
    public void setConfidenceField(String confidenceField) {
        this.confidenceField = confidenceField;
    }

    public void setNoteSubject(String noteSubject) {
        this.noteSubject = noteSubject;
    }

    public UpdateSettings getUpdate() {
        return update;
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
        OtoboFieldMapping fieldMapping = mapping();
        OtoboClient client = client();
        OtoboWrites desk = new OtoboWrites(client, route("updateRoute", updateRoute), route("getRoute", getRoute),
                fieldMapping.markerField());
        return new TicketWrites(update.ledger(context()), decision -> fieldMapping.plan(decision,
                client.markerValueSeen(decision.ticket().id())), desk, update.dryRun());
    }

    /**
     * The mapping from the Kamelet's own properties. GenericTicketConnectorREST cannot list queues or priorities, so
     * a misspelt name shows as TicketUpdate refusing those tickets (dead letters, 422).
     */
    private OtoboFieldMapping mapping() {
        update.queues("the OTOBO update Kamelet", "label=Queue pairs");
        NamedLabels labels = OtoboAdapter.labels(update.queueMapping(), update.priorityMapping(), update.review());
        return new OtoboFieldMapping(labels.queues(), labels.priorities(), labels.reviewQueue(),
                OtoboTicketFetch.optionalName(markerField),
                OtoboTicketFetch.optionalName(confidenceField), update.markerTag(), update.reviewTag(), update.note(),
                noteSubject);
    }
}
