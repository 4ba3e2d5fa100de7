package io.tickettriage.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.WritePlan;

/**
 * What the write ledgers keep of a write the help desk refused (abandoned): only which of its calls landed, so that a
 * later write of the same ticket never sends a {@code once} call (the note) a second time. Its subject, its note and
 * its fields are not needed again, and are personal data.
 */
final class ClosedWrites {

    private ClosedWrites() {
    }

    /** The plan without its subject, summary and requests: its key, id, version, token and calls by name. */
    static WritePlan bare(WritePlan plan) {
        return new WritePlan(plan.key(), plan.ticketId(), "", plan.ticketVersion(), plan.token(), plan.calls().stream()
                .map(call -> new PlannedCall(call.name(), JsonNodeFactory.instance.objectNode(), call.once())).toList(),
                plan.key());
    }
}
