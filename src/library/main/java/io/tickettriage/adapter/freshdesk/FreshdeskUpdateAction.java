package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WritePlan;

/**
 * The bean of the {@code freshdesk-update-ticket-action} Kamelet: writes a {@link TriageDecision} (or finishes a
 * {@link WritePlan} an earlier poll left open) with the write protocol, and returns its body unchanged. Its worker is
 * built on first use, from its {@link FreshdeskSettings}.
 */
public final class FreshdeskUpdateAction extends FreshdeskKameletBean<TicketWrites> {

    public FreshdeskUpdateAction() {
        super("freshdesk-update-ticket-action");
    }

    public TriageDecision write(TriageDecision decision) {
        return worker().write(decision);
    }

    public WritePlan write(WritePlan plan) {
        return worker().write(plan);
    }

    @Override
    protected TicketWrites build(FreshdeskSettings settings) {
        HelpDeskHttp http = http(settings);
        WriteSettings update = settings.write();
        update.queues("the Freshdesk update Kamelet", "label=Group pairs");
        FreshdeskLabels labels = FreshdeskLabels.of(context(), http, update, names());
        FreshdeskFieldMapping mapping = new FreshdeskFieldMapping(labels.groupIds(), labels.priorities(),
                labels.reviewGroup(), update.markerTag(), update.reviewTag(), update.duplicateTag(),
                update.note());
        return new TicketWrites(update.ledger(context()), mapping::toPlan, new FreshdeskWrites(http),
                update.dryRun(), settings.policy().redaction().redactor());
    }
}
