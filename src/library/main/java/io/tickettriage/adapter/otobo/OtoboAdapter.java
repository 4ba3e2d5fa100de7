package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.adapter.WriteLedgers;
import io.tickettriage.adapter.LabelMapping;
import io.tickettriage.adapter.LabelMappings;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.Desk;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.triage.QueueFallback;
import io.tickettriage.triage.TriagePolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter for OTOBO, Znuny and OTRS through a GenericInterface REST web service (by default the example
 * GenericTicketConnectorREST): checks the {@code otobo.*} settings, maps every model label to a queue or priority name,
 * and binds the desk's {@link OtoboSettings} as the {@value #SETTINGS_BEAN} bean, which {@code routes/desks/otobo.yaml}
 * hands to both Kamelets. The three products differ only in the URL prefix of the base URL.
 *
 * <p>At startup one search proves URL, routes and credentials ({@link OtoboStartupCheck}), through the client the
 * Kamelets use too ({@link OtoboClient#shared}). GenericTicketConnectorREST
 * has no operation that lists queues or priorities, so their names are not checked: a wrong one is refused by
 * TicketUpdate (InvalidParameter), and that ticket goes to the dead-letter store.
 */
public final class OtoboAdapter implements HelpDeskAdapter {

    public static final String NAME = "otobo";
    public static final String QUEUE_MAPPING = "otobo.queue-mapping";
    public static final String PRIORITY_MAPPING = "otobo.priority-mapping";
    /** The desk's {@link OtoboSettings}, which both Kamelets of the desk take as their settings. */
    public static final String SETTINGS_BEAN = "otoboSettings";
    private static final Logger LOG = LoggerFactory.getLogger(OtoboAdapter.class);
    /** OTOBO's default priorities, by name. */
    private static final Map<String, String> DEFAULT_PRIORITIES = LabelMapping.parse(
            "low=2 low, medium=3 normal, high=4 high, urgent=5 very high", "OTOBO's default priorities");

    @Override
    public String name() {
        return NAME;
    }

    /** Without a base URL there is no OTOBO to triage. */
    @Override
    public boolean isConfigured(TriageProperties properties) {
        return properties.optional("otobo.base-url").isPresent();
    }

    @Override
    public List<String> configure(CamelContext context, Desk desk, List<HeadSpec> model,
                                  QueueFallback queueFallback) {
        TriageProperties properties = desk.properties();
        OtoboSettings settings = OtoboSettings.fromConfiguration(properties, desk.bean(WriteLedgers.BEAN));

        Map<String, String> queueNames = LabelMappings.forModel(properties, QUEUE_MAPPING, model, TriagePolicy.QUEUE,
                "OTOBO", LOG);
        Optional<String> reviewQueue = settings.write().review();
        if (queueFallback == QueueFallback.REVIEW && reviewQueue.isEmpty()
                && LabelMappings.predicts(model, TriagePolicy.QUEUE)) {
            throw new ConfigurationException("triage.queue.fallback is 'review' but otobo.review-queue is not set: "
                    + "name the OTOBO queue that reviews uncertain tickets, or set triage.queue.fallback=unchanged");
        }
        Map<String, String> priorities = LabelMappings.forModel(properties, PRIORITY_MAPPING, model,
                TriagePolicy.PRIORITY, "OTOBO", LOG);
        OtoboClient client = OtoboClient.shared(context, settings.baseUrl(), settings.authentication(),
                settings.policy());
        OtoboStartupCheck.run(client, settings.searchRoute(), settings.queues());
        context.getRegistry().bind(desk.bean(SETTINGS_BEAN), OtoboSettings.class, settings);
        LOG.info("OTOBO adapter: {} as {} with {} queue and {} priority mappings", settings.baseUrl(),
                settings.authentication().userLogin(), queueNames.size(), priorities.size());
        // The GenericTicketConnector has no operation that reads a dynamic field's settings, so the tags field's
        // possible values cannot be checked here: the log says what they must hold, and a value they lack fails
        // the update as OTOBO's "Dynamic Field ... could not be set" (a dead letter that names the field).
        model.stream().filter(head -> head.name().equals(TriagePolicy.TAGS)).findFirst().ifPresent(tags ->
                settings.tagsField().ifPresentOrElse(field -> LOG.info("OTOBO tags: added to the multiselect dynamic "
                                + "field {}, whose possible values must hold the model's tags {}", field, tags.labels()),
                        () -> LOG.info("OTOBO tags: the model has a tags head, but {} is empty, so no tags are "
                                + "written", properties.name(OtoboSettings.TAGS_FIELD.key()))));
        return List.of(settings.authentication().password());
    }

    /**
     * A Kamelet's label mappings, which both Kamelets take: the update action writes with them, the fetch action
     * reads outcomes with them.
     */
    static NamedLabels labels(String queueMapping, String priorityMapping, Optional<String> reviewQueue) {
        return NamedLabels.of(queueMapping, priorityMapping, DEFAULT_PRIORITIES, reviewQueue);
    }
}
