package io.tickettriage.cluster;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** A follower is as healthy as the leader: it is ready to take over. The check says which of the two this node is. */
public final class LeadershipHealthCheck extends AbstractHealthCheck {

    private final Leadership leadership;

    public LeadershipHealthCheck(Leadership leadership) {
        // One check per desk: the lock it competes for names it.
        super("triage", "leadership-" + leadership.namespace());
        this.leadership = leadership;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // The message is what /observe/health always shows; the details only with ?data=true.
        builder.up()
                .message(leadership.node() + " is the " + leadership.role() + " of " + leadership.namespace())
                .detail("role", leadership.role())
                .detail("node", leadership.node())
                .detail("namespace", leadership.namespace());
    }
}
