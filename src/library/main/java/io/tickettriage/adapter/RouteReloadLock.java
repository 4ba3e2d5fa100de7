package io.tickettriage.adapter;

import io.tickettriage.triage.PerApplication;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;

/**
 * Held for the whole of a live reload of the route files, and by a help-desk call while it makes the
 * help-desk-request-action Kamelet's route again ({@link HelpDeskRequestAction}): Camel takes the route model's lock
 * and then the Kamelet component's to reload, but the other way round to make a Kamelet's route, so the two deadlock
 * when they overlap. A call that finds a reload under way does not wait for it (the reload waits for the poll the call
 * belongs to): it counts as a lost call, which the retry policy sends again.
 */
public final class RouteReloadLock {

    private static final String BEAN = "ticket-triage-route-reload-lock";

    private RouteReloadLock() {
    }

    /** The application's one lock. */
    public static ReentrantLock of(CamelContext context) {
        return PerApplication.shared(context, BEAN, ReentrantLock.class, ReentrantLock::new);
    }
}
