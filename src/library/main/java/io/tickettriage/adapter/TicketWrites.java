package io.tickettriage.adapter;

import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WriteLedger;
import io.tickettriage.triage.WritePlan;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update side every help desk's {@code <desk>-update-ticket-action} Kamelet calls: takes a
 * {@link TriageDecision} (a ticket to write) or a {@link WritePlan} (a write an earlier poll left unfinished) and
 * writes it with the {@link WriteProtocol}. A decision for a ticket whose earlier plan is still open finishes that
 * plan, so the same note is never planned twice; in a dry run nothing is sent and nothing recorded.
 */
public final class TicketWrites {

    private static final Logger LOG = LoggerFactory.getLogger(TicketWrites.class);

    private final WriteLedger ledger;
    private final Function<TriageDecision, WritePlan> planner;
    private final WriteProtocol protocol;
    private final boolean dryRun;
    private final UnaryOperator<String> redact;

    /**
     * @param planner turns a decision into the help desk's calls (it may fail with IllegalArgumentException for a
     *                ticket whose data cannot be written, which dead-letters it)
     * @param redact  what a dry run's lines are rid of: they show the calls, whose note quotes the ticket's words
     */
    public TicketWrites(WriteLedger ledger, Function<TriageDecision, WritePlan> planner, WriteProtocol.Desk desk,
                        boolean dryRun, UnaryOperator<String> redact) {
        this.ledger = ledger;
        this.planner = planner;
        this.protocol = new WriteProtocol(ledger, desk);
        this.dryRun = dryRun;
        this.redact = redact;
    }

    /** Writes the decision; returns it. */
    public TriageDecision write(TriageDecision decision) {
        String key = decision.ticket().key();
        if (ledger.isWritten(key)) {
            LOG.debug("{} was written before; nothing to do", key);
            return decision;
        }
        if (dryRun) {
            LOG.info("DRY RUN: would write {}: {}", key, redact.apply(planner.apply(decision).calls().toString()));
            return decision;
        }
        // An open plan is finished, not planned again: its note may have landed already.
        Optional<WritePlan> open = ledger.openPlan(key);
        if (open.isPresent()) {
            protocol.carryOut(open.get(), false);
            return decision;
        }
        WritePlan planned = planner.apply(decision);
        ledger.begin(planned);
        protocol.carryOut(planned, true);
        return decision;
    }

    /** Finishes a write an earlier poll left open; returns the plan. */
    public WritePlan write(WritePlan plan) {
        if (!dryRun && !ledger.isWritten(plan.key())) {
            protocol.carryOut(plan, false);
            LOG.info("{}: finished the write an earlier poll left open ({})", plan.key(), plan.summary());
        }
        return plan;
    }
}
