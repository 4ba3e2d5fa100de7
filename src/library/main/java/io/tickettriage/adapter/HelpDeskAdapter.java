package io.tickettriage.adapter;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.config.Desk;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.triage.QueueFallback;
import java.util.List;
import org.apache.camel.CamelContext;

/**
 * One help desk ticket-triage can triage. Its routes are the Kamelets {@code <name>-fetch-tickets-action} and
 * {@code <name>-update-ticket-action} in {@code routes/kamelets}; this is the Java side that checks its configuration
 * at startup and binds the beans those Kamelets name. {@code triage.helpdesk = <name>} picks it.
 */
public interface HelpDeskAdapter {

    /** The {@code triage.helpdesk} value, the prefix of the adapter's Kamelets and of its configuration keys. */
    String name();

    /** Whether the configuration names a real help desk of this kind; when it does not, the demo runs instead. */
    boolean isConfigured(TriageProperties properties);

    /**
     * Checks the settings (against the help desk itself where that is cheap), maps every model label to a value of
     * the help desk, binds the beans the desk's routes name ({@code <desk>.freshdeskApiKey}) and publishes resolved
     * settings for them ({@link Desk#publish}). Any problem is a {@link io.tickettriage.config.ConfigurationException}
     * that says how to fix it.
     *
     * @return every secret the adapter sends, so that dead letters and errors can be redacted
     */
    List<String> configure(CamelContext context, Desk desk, List<HeadSpec> heads, QueueFallback queueFallback);
}
