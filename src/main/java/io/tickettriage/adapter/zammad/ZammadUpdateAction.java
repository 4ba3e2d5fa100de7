package io.tickettriage.adapter.zammad;

import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WriteLedger;
import io.tickettriage.triage.WritePlan;

/**
 * The bean of the {@code zammad-update-ticket-action} Kamelet: writes a {@link TriageDecision}, or finishes a
 * {@link WritePlan} an earlier poll left open, with the write protocol ({@link TicketWrites}) and returns its body
 * unchanged. Its settings are named properties; the worker is built and checked on first use.
 */
public final class ZammadUpdateAction extends ZammadKameletBean<TicketWrites> {

    private static final String KAMELET = "zammad-update-ticket-action";

    private ZammadFieldMapping fieldMapping;
    private WriteLedger ledger;
    private boolean dryRun;

    public void setFieldMapping(ZammadFieldMapping fieldMapping) {
        this.fieldMapping = fieldMapping;
    }

    public void setLedger(WriteLedger ledger) {
        this.ledger = ledger;
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
        if (fieldMapping == null) {
            throw new IllegalArgumentException(KAMELET + ": fieldMapping must name the registry's "
                    + "ZammadFieldMapping bean (the Zammad adapter binds it as " + ZammadAdapter.MAPPING_BEAN + ")");
        }
        if (ledger == null) {
            throw new IllegalArgumentException(KAMELET + ": ledger must name the registry's write ledger "
                    + "(writeLedger)");
        }
        ZammadAuthentication authentication = authentication(KAMELET);
        return new TicketWrites(ledger, fieldMapping::plan, new ZammadWrites(client(authentication, KAMELET),
                authentication), dryRun);
    }
}
