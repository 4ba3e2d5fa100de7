package io.tickettriage.triage;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the current poll is going, for the steps of {@code routes/triage.yaml} and {@code routes/error-handling.yaml}:
 * whether a poll may start (one at a time, whichever trigger started it), whether the next ticket should still be
 * tried, and whether the poll got through its whole batch so that the watermark may move. The state of one poll
 * lives in the poll's exchange (property {@value #PROPERTY}), which the split hands by reference to every ticket's
 * exchange; this bean holds only whether a poll is running.
 *
 * <ul>
 *   <li>Refused credentials stop the poll at once, with one line: no further ticket is tried.</li>
 *   <li>A ticket that failed for now (the help desk unavailable after every retry) is logged; the others are tried,
 *       and the watermark stays so that the next poll tries it again.</li>
 *   <li>Once Camel is stopping, no further ticket is started: the one in flight is finished, then the poll ends
 *       without moving the watermark.</li>
 *   <li>A node that lost the lead of its help desk to another node (a cluster) starts no further ticket either: the
 *       new leader finishes the batch, and two nodes never write one ticket.</li>
 * </ul>
 */
public final class PollTracker {

    static final String PROPERTY = "triagePoll";
    private static final Logger LOG = LoggerFactory.getLogger("triage");

    /** One poll's outcome so far. */
    static final class Poll {
        private volatile boolean refused;
        private volatile int failedForNow;
        private volatile boolean interrupted;
        private volatile boolean leadLost;
    }

    private final AtomicBoolean running = new AtomicBoolean();
    private final BooleanSupplier leading;
    /** Applied to the failures' messages, which may quote a ticket or the help desk's answer (personal data). */
    private final UnaryOperator<String> redactor;

    /** A single node: it always leads. */
    public PollTracker() {
        this(() -> true);
    }

    /** @param leading whether this node still leads its help desk, asked before every ticket */
    public PollTracker(BooleanSupplier leading) {
        this(leading, UnaryOperator.identity());
    }

    /**
     * @param leading  whether this node still leads its help desk, asked before every ticket
     * @param redactor applied to every failure's message before it is logged
     */
    public PollTracker(BooleanSupplier leading, UnaryOperator<String> redactor) {
        this.leading = leading;
        this.redactor = redactor;
    }

    /**
     * First step of a poll: starts it, or, when another poll is still running (the startup poll and the schedule's
     * first time can meet), says that this one is skipped. A started poll ends with its exchange, however it ends.
     */
    public boolean skipped(Exchange exchange) {
        if (!running.compareAndSet(false, true)) {
            LOG.debug("A poll is still running; this trigger is skipped");
            return true;
        }
        exchange.setProperty(PROPERTY, new Poll());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                running.set(false);
            }
        });
        return false;
    }

    /** Whether the next ticket is tried. */
    public boolean goesOn(Exchange exchange) {
        Poll poll = poll(exchange);
        if (exchange.getContext().isStopping()) {
            if (poll != null) {
                poll.interrupted = true;
            }
            return false;
        }
        if (!leading.getAsBoolean()) {
            if (poll != null) {
                poll.leadLost = true;
            }
            return false;
        }
        return poll == null || !poll.refused;
    }

    /** Whether every ticket of the batch was written or kept as a dead letter: then the watermark may move. */
    public boolean isComplete(Exchange exchange) {
        Poll poll = poll(exchange);
        return poll != null && !poll.refused && !poll.interrupted && !poll.leadLost && poll.failedForNow == 0;
    }

    /** Error handler: the help desk refused our credentials. One line per poll. */
    public void refused(Exchange exchange) {
        Poll poll = poll(exchange);
        if (poll == null || !poll.refused) {
            if (poll != null) {
                poll.refused = true;
            }
            LOG.error("{}. Nothing more is sent until the next poll", message(exchange));
        }
    }

    /** Error handler: a call kept failing after every retry; this ticket (or the fetch) is tried again next poll. */
    public void failedForNow(Exchange exchange) {
        Poll poll = poll(exchange);
        if (poll != null) {
            poll.failedForNow++;
        }
        LOG.warn("{}; the next poll tries again", message(exchange));
    }

    /** The last line of a poll that did not get through its batch. */
    public String incomplete(Exchange exchange) {
        Poll poll = poll(exchange);
        if (poll == null || poll.refused) {
            return "Poll stopped at the refusal above; the watermark stays and the next poll tries once more";
        }
        if (poll.leadLost) {
            return "Poll stopped: this node no longer leads the help desk; the new leader goes on from the watermark";
        }
        if (poll.interrupted) {
            return "Poll stopped for shutdown after the ticket in flight; the next start goes on from the watermark";
        }
        return "Poll incomplete: " + poll.failedForNow + " ticket(s) could not be written for now; the watermark "
                + "stays and the next poll tries them again";
    }

    private static Poll poll(Exchange exchange) {
        return exchange.getProperty(PROPERTY, Poll.class);
    }

    private String message(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // The help desk's errors carry one line for the operator, secrets already removed.
        return cause == null ? "unknown failure" : redactor.apply(cause.getMessage());
    }
}
