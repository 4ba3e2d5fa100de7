package io.tickettriage;

import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Not ready until every desk is configured and its routes run. Camel, and with it the management server, starts
 * before the desks do ({@link TriageRuntime}: their startup checks call the help desks through a Kamelet route), so
 * without this check {@code /observe/health} would say UP while no desk polls yet. Readiness only: a slow help desk
 * at startup is no reason to restart the process.
 */
final class DesksReadiness extends AbstractHealthCheck {

    private volatile List<String> desks;

    DesksReadiness() {
        super("triage", "desks");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    /** The desks run: ready from now on. */
    void started(List<String> names) {
        desks = List.copyOf(names);
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> started = desks;
        if (started == null) {
            builder.down().message("the desks are starting: their startup checks call the help desks");
        } else {
            builder.up().message("desks running: " + String.join(", ", started));
        }
    }
}
