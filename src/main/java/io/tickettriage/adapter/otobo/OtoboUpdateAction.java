package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.TicketWrites;
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
    private OtoboFieldMapping fieldMapping;
    private WriteLedger ledger;
    private boolean dryRun;

    public void setUpdateRoute(String updateRoute) {
        this.updateRoute = updateRoute;
    }

    public void setGetRoute(String getRoute) {
        this.getRoute = getRoute;
    }

    public void setFieldMapping(OtoboFieldMapping fieldMapping) {
        this.fieldMapping = fieldMapping;
    }

    public void setLedger(WriteLedger ledger) {
        this.ledger = ledger;
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
        if (fieldMapping == null) {
            throw new IllegalArgumentException("the OTOBO update needs its fieldMapping (the otoboFieldMapping bean)");
        }
        if (ledger == null) {
            throw new IllegalArgumentException("the OTOBO update needs its ledger (the writeLedger bean)");
        }
        OtoboClient client = client();
        OtoboWrites desk = new OtoboWrites(client, route("updateRoute", updateRoute), route("getRoute", getRoute),
                fieldMapping.markerField());
        return new TicketWrites(ledger, decision -> fieldMapping.plan(decision,
                client.markerValueSeen(decision.ticket().id())), desk, dryRun);
    }
}
