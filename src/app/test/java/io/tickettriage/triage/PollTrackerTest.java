package io.tickettriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A node that loses the lead of its help desk mid-poll starts no further ticket and leaves the watermark. */
class PollTrackerTest {

    @Test
    void aPollStopsWhenItsNodeNoLongerLeads() throws Exception {
        AtomicBoolean leading = new AtomicBoolean(true);
        PollTracker tracker = new PollTracker(leading::get);
        try (CamelContext camel = new DefaultCamelContext()) {
            Exchange poll = new DefaultExchange(camel);
            assertFalse(tracker.skipped(poll));
            assertTrue(tracker.goesOn(poll));

            leading.set(false);

            assertFalse(tracker.goesOn(poll), "no further ticket once another node leads");
            assertFalse(tracker.isComplete(poll), "the watermark stays for the new leader");
            assertEquals("Poll stopped: this node no longer leads the help desk; the new leader goes on from the "
                    + "watermark", tracker.incomplete(poll));
        }
    }
}
