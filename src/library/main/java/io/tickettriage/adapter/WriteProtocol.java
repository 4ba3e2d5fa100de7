package io.tickettriage.adapter;

import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.WriteLedger;
import io.tickettriage.triage.WritePlan;

/**
 * Carries out a {@link WritePlan} call by call against the {@link WriteLedger}, the same way for every help desk:
 * <ol>
 *   <li>a call that already landed is skipped;</li>
 *   <li>a call that was sent before without a known outcome (its answer was lost, or the process died) and must not
 *       land twice is first looked for on the help desk ({@link Desk#landed}); found, it counts as landed;</li>
 *   <li>otherwise it is recorded as attempted, then sent; the client's retries consult the same look-up before they
 *       send it again;</li>
 *   <li>once every call landed, the ticket is written.</li>
 * </ol>
 * A refusal for good abandons the plan (the ticket becomes a dead letter); any other failure leaves it open, and a
 * later poll finishes it.
 */
public final class WriteProtocol {

    /** How one help desk sends a planned call and recognises one that landed. */
    public interface Desk {

        /**
         * Sends the call through the help desk's {@link HelpDeskHttp}, passing {@code guard} to it for retries.
         *
         * @throws HelpDeskApiException as the client throws it
         */
        void send(WritePlan plan, PlannedCall call, HelpDeskHttp.Guard<Boolean> guard);

        /**
         * Whether the call's effect is on the ticket already, read from the help desk (for a note: whether a note
         * with the plan's token is there). Only asked for calls marked {@code once}.
         */
        boolean landed(WritePlan plan, PlannedCall call);

        /**
         * The call as it is to be sent now, for a plan an earlier poll left open: what it was planned on may have
         * changed since (Freshdesk re-reads the tags its update replaces). As planned unless a help desk says else.
         */
        default PlannedCall current(WritePlan plan, PlannedCall call) {
            return call;
        }
    }

    private final WriteLedger ledger;
    private final Desk desk;

    public WriteProtocol(WriteLedger ledger, Desk desk) {
        this.ledger = ledger;
        this.desk = desk;
    }

    /**
     * @param plannedNow true when the plan was made just now, from the ticket as fetched; false for a plan an earlier
     *                   poll left open, whose calls the help desk brings up to date ({@link Desk#current}) first
     */
    public void carryOut(WritePlan plan, boolean plannedNow) {
        String key = plan.key();
        try {
            for (PlannedCall call : plan.calls()) {
                if (ledger.hasLanded(key, call.name())) {
                    continue;
                }
                HelpDeskHttp.Guard<Boolean> guard = call.once()
                        ? () -> desk.landed(plan, call) ? java.util.Optional.of(true) : java.util.Optional.empty()
                        : HelpDeskHttp.Guard.none();
                if (call.once() && ledger.wasAttempted(key, call.name()) && guard.landed().isPresent()) {
                    ledger.landed(key, call.name());
                    continue;
                }
                ledger.attempting(key, call.name());
                desk.send(plan, plannedNow ? call : desk.current(plan, call), guard);
                ledger.landed(key, call.name());
            }
        } catch (HelpDeskApiException e) {
            if (e.isRejected()) {
                ledger.abandoned(key);
            }
            throw e;
        }
        ledger.finished(key);
    }
}
