package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.adapter.UpdateSettings;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WritePlan;

/**
 * The bean of the {@code freshdesk-update-ticket-action} Kamelet: writes a {@link TriageDecision} (or finishes a
 * {@link WritePlan} an earlier poll left open) with the write protocol, and returns its body unchanged. Configured
 * through its setters and its {@link UpdateSettings}; the worker is built on first use, when every setting is checked.
 */
public final class FreshdeskUpdateAction extends FreshdeskKameletBean<TicketWrites> {

    private final UpdateSettings update = new UpdateSettings();

    public UpdateSettings getUpdate() {
        return update;
    }

    public TriageDecision write(TriageDecision decision) {
        return worker().write(decision);
    }

    public WritePlan write(WritePlan plan) {
        return worker().write(plan);
    }

    @Override
    protected TicketWrites build() {
        HelpDeskHttp http = http();
        FreshdeskFieldMapping mapping = mapping(http);
        FreshdeskListedTags listed = listedTags();
        FreshdeskWrites desk = new FreshdeskWrites(http, listed);
        return new TicketWrites(update.ledger(context()), decision -> mapping.toPlan(decision,
                listed.take(decision.ticket().id()).orElseGet(() -> desk.currentTags(decision.ticket().id()))),
                desk, update.dryRun());
    }

    /** The mapping from the Kamelet's own properties, group names resolved to ids once, here. */
    private FreshdeskFieldMapping mapping(HelpDeskHttp http) {
        update.queues("the Freshdesk update Kamelet", "label=Group pairs");
        FreshdeskLabels labels = FreshdeskLabels.resolve(http, update.queueMapping(), update.priorityMapping(),
                update.review());
        return new FreshdeskFieldMapping(labels.groupIds(), labels.priorities(), labels.reviewGroup(),
                update.markerTag(), update.reviewTag(), update.note());
    }
}
