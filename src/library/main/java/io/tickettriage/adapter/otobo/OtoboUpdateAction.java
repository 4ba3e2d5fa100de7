package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WritePlan;

/**
 * The bean of the {@code otobo-update-ticket-action} Kamelet: writes a {@link TriageDecision}, or finishes a
 * {@link WritePlan} an earlier poll left open, with the write protocol ({@link TicketWrites}, {@link OtoboWrites}).
 * Its worker is built on first use, from its {@link OtoboSettings}.
 */
public final class OtoboUpdateAction extends OtoboBean<TicketWrites> {

    public OtoboUpdateAction() {
        super("otobo-update-ticket-action");
    }

    /** Writes the decision; returns it unchanged. */
    public TriageDecision write(TriageDecision decision) {
        return worker().write(decision);
    }

    /** Finishes a write an earlier poll left open; returns it unchanged. */
    public WritePlan write(WritePlan plan) {
        return worker().write(plan);
    }

    /**
     * GenericTicketConnectorREST cannot list queues or priorities, so a misspelt name shows as TicketUpdate refusing
     * those tickets (dead letters, 422).
     */
    @Override
    protected TicketWrites build(OtoboSettings settings) {
        WriteSettings update = settings.write();
        update.queues("the OTOBO update Kamelet", "label=Queue pairs");
        NamedLabels labels = OtoboAdapter.labels(update.queueMapping(), update.priorityMapping(), update.review());
        OtoboFieldMapping fieldMapping = new OtoboFieldMapping(labels.queues(), labels.priorities(),
                labels.reviewQueue(), settings.markerField(), settings.confidenceField(), settings.tagsField(),
                update.markerTag(), update.reviewTag(), update.duplicateTag(), update.note(), settings.noteSubject());
        OtoboClient client = client(settings);
        OtoboWrites desk = new OtoboWrites(client, settings.updateRoute(), settings.getRoute(),
                fieldMapping.markerField());
        return new TicketWrites(update.ledger(context()), decision -> fieldMapping.plan(decision,
                field -> client.valueSeen(decision.ticket().id(), field)), desk, update.dryRun(),
                settings.policy().redaction().redactor());
    }
}
