package io.tickettriage.adapter.rt;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WritePlan;

/**
 * The bean of the {@code rt-update-ticket-action} Kamelet: writes a {@link TriageDecision}, or finishes a
 * {@link WritePlan} an earlier poll left open, with the write protocol ({@link TicketWrites}, {@link RtWrites}), and
 * returns its body unchanged. Its worker is built on first use, from its {@link RtSettings}.
 */
public final class RtUpdateAction extends RtBean<TicketWrites> {

    public RtUpdateAction() {
        super("rt-update-ticket-action");
    }

    public TriageDecision write(TriageDecision decision) {
        return worker().write(decision);
    }

    public WritePlan write(WritePlan plan) {
        return worker().write(plan);
    }

    @Override
    protected TicketWrites build(RtSettings settings) {
        WriteSettings update = settings.write();
        update.queues("the RT update Kamelet", "label=Queue pairs");
        NamedLabels labels = RtAdapter.labels(update.queueMapping(), update.priorityMapping(), update.review());
        RtFieldMapping mapping = new RtFieldMapping(labels.queues(), labels.priorities(), labels.reviewQueue(),
                settings.markerField(), settings.confidenceField(), settings.tagsField(), update.markerTag(),
                update.reviewTag(), update.duplicateTag(), update.note(), settings.noteSubject());
        HelpDeskHttp http = client(settings);
        return new TicketWrites(update.ledger(context()), mapping::plan, new RtWrites(http, settings.markerField()),
                update.dryRun(), settings.policy().redaction().redactor());
    }
}
