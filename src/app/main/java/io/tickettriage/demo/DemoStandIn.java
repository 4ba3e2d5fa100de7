package io.tickettriage.demo;

import io.tickettriage.HelpDeskStandIn;
import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.config.Desk;
import io.tickettriage.triage.TriageStatistics;
import java.time.Clock;
import org.apache.camel.CamelContext;

/** The application's stand-in for an unconfigured help desk: the demo ({@link DemoMode}). */
public final class DemoStandIn implements HelpDeskStandIn {

    @Override
    public void startIfNoHelpDeskIsConfigured(CamelContext context, Desk desk, HelpDeskAdapter adapter,
                                              TriageStatistics statistics, Clock clock) {
        DemoMode.startIfNoHelpDeskIsConfigured(context, desk, adapter, statistics, clock);
    }
}
