package io.tickettriage;

import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.config.Desk;
import io.tickettriage.triage.TriageStatistics;
import java.time.Clock;
import org.apache.camel.CamelContext;

/**
 * Something that stands in for a desk's help desk when the configuration names none of its kind: the runnable
 * application's demo, which starts a simulator and points the desk at it. The library itself has none, so an estate
 * that forgets a help desk's URL gets the adapter's own configuration error. Found with {@link java.util.ServiceLoader}.
 */
public interface HelpDeskStandIn {

    /**
     * Called for every desk before its adapter is configured; does nothing when {@code adapter} is configured for
     * {@code desk}, else starts the stand-in and publishes its settings on the desk ({@link Desk#publish}).
     */
    void startIfNoHelpDeskIsConfigured(CamelContext context, Desk desk, HelpDeskAdapter adapter,
                                       TriageStatistics statistics, Clock clock);
}
