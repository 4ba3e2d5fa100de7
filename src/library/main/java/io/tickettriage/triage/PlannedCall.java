package io.tickettriage.triage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One call of a ticket's {@link WritePlan}, as the help desk's adapter will send it.
 *
 * @param name    what the call writes, unique within the plan, e.g. "note", "fields", "marker"
 * @param request the adapter's own description of the call (method, path, body); never holds credentials
 * @param once    true for a call that must not land twice (it adds something, such as a note); false for one that
 *                sets a state and may be sent again harmlessly
 */
public record PlannedCall(String name, JsonNode request, boolean once) {

    public PlannedCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(request, "request");
    }
}
