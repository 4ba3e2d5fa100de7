package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WriteLedger;
import io.tickettriage.triage.WritePlan;

/**
 * The bean of the {@code freshdesk-update-ticket-action} Kamelet: writes a {@link TriageDecision} (or finishes a
 * {@link WritePlan} an earlier poll left open) with the write protocol, and returns its body unchanged. Configured
 * through its setters; the worker is built on first use, when every setting is checked.
 */
public final class FreshdeskUpdateAction extends FreshdeskKameletBean<TicketWrites> {

    private WriteLedger ledger;
    private FreshdeskFieldMapping fieldMapping;
    private boolean dryRun;

    public void setLedger(WriteLedger ledger) {
        this.ledger = ledger;
    }

    public void setFieldMapping(FreshdeskFieldMapping fieldMapping) {
        this.fieldMapping = fieldMapping;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public TriageDecision write(TriageDecision decision) {
        return worker().write(decision);
    }

    public WritePlan write(WritePlan plan) {
        return worker().write(plan);
    }

    @Override
    protected TicketWrites build() {
        if (ledger == null) {
            throw new IllegalArgumentException("the Freshdesk update Kamelet needs its ledger (Kamelet property "
                    + "ledger, the registry name of a WriteLedger)");
        }
        if (fieldMapping == null) {
            throw new IllegalArgumentException("the Freshdesk update Kamelet needs its field mapping (Kamelet "
                    + "property fieldMapping, the registry name of a FreshdeskFieldMapping)");
        }
        FreshdeskListedTags listed = listedTags();
        FreshdeskWrites desk = new FreshdeskWrites(http(), listed);
        FreshdeskFieldMapping mapping = fieldMapping;
        return new TicketWrites(ledger, decision -> mapping.toPlan(decision, listed.take(decision.ticket().id())
                .orElseGet(() -> desk.currentTags(decision.ticket().id()))), desk, dryRun);
    }
}
