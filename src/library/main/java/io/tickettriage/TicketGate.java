package io.tickettriage;

import io.tickettriage.state.DeadLetterStore;
import io.tickettriage.triage.PollTracker;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.WriteLedger;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes' {@code ticketGate} bean: the one question the pipeline asks of each fetched ticket, whether it goes on
 * to be classified and written. It does while the poll goes on ({@link PollTracker#goesOn}: not after refused
 * credentials, nor once Camel stops or the node lost the lead; the poll's last line says which), unless the very
 * version of the ticket failed for good before (it stays a dead letter instead of failing on every poll) or the
 * ticket was written before (never twice, across restarts).
 */
final class TicketGate {

    private static final Logger LOG = LoggerFactory.getLogger(TicketGate.class);

    private final PollTracker poll;
    private final DeadLetterStore deadLetters;
    private final WriteLedger ledger;

    TicketGate(PollTracker poll, DeadLetterStore deadLetters, WriteLedger ledger) {
        this.poll = poll;
        this.deadLetters = deadLetters;
        this.ledger = ledger;
    }

    public boolean goesOn(Exchange exchange) throws InvalidPayloadException {
        if (!poll.goesOn(exchange)) {
            return false;
        }
        Ticket ticket = exchange.getMessage().getMandatoryBody(Ticket.class);
        if (!deadLetters.isNew(ticket)) {
            LOG.debug("{} stays in the dead-letter store: this version of it failed for good before", ticket.key());
            return false;
        }
        if (ledger.isWritten(ticket.key())) {
            LOG.debug("{} was written before and is not written again", ticket.key());
            return false;
        }
        return true;
    }
}
