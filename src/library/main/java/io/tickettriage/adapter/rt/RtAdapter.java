package io.tickettriage.adapter.rt;

import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.adapter.LabelMapping;
import io.tickettriage.adapter.LabelMappings;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.adapter.WriteLedgers;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.Desk;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.triage.QueueFallback;
import io.tickettriage.triage.TriagePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter for Request Tracker 5 (and 4.4 with REST2), through its REST2 API at {@code <rt.base-url>/REST/2.0}:
 * checks the {@code rt.*} settings, maps every model label to a queue or priority, checks URL, credentials, queues
 * and custom fields against RT ({@link RtStartupCheck}) and binds the desk's {@link RtSettings} as the
 * {@value #SETTINGS_BEAN} bean, which {@code routes/desks/rt.yaml} hands to both Kamelets.
 *
 * <p>RT has no tags: the marker is a multi-value custom field ({@code rt.custom-field.marker}), as OTOBO's is a
 * dynamic field.
 */
public final class RtAdapter implements HelpDeskAdapter {

    public static final String NAME = "rt";
    public static final String QUEUE_MAPPING = "rt.queue-mapping";
    public static final String PRIORITY_MAPPING = "rt.priority-mapping";
    /** The desk's {@link RtSettings}, which both Kamelets of the desk take as their settings. */
    public static final String SETTINGS_BEAN = "rtSettings";
    /** RT's default PriorityAsString (Low 0, Medium 50, High 100), with urgent above it, as numbers. */
    private static final Map<String, String> DEFAULT_PRIORITIES = LabelMapping.parse(
            "low=0, medium=50, high=100, urgent=150", "RT's default priorities");
    private static final Logger LOG = LoggerFactory.getLogger(RtAdapter.class);

    @Override
    public String name() {
        return NAME;
    }

    /** Without a base URL there is no RT to triage. */
    @Override
    public boolean isConfigured(TriageProperties properties) {
        return properties.optional(RtSettings.BASE_URL.key()).isPresent();
    }

    @Override
    public List<String> configure(CamelContext context, Desk desk, List<HeadSpec> model,
                                  QueueFallback queueFallback) {
        TriageProperties properties = desk.properties();
        RtSettings settings = RtSettings.fromConfiguration(properties, desk.bean(WriteLedgers.BEAN));
        Map<String, String> queues = LabelMappings.forModel(properties, QUEUE_MAPPING, model, TriagePolicy.QUEUE,
                "RT", LOG);
        Optional<String> reviewQueue = settings.write().review();
        if (queueFallback == QueueFallback.REVIEW && reviewQueue.isEmpty()
                && LabelMappings.predicts(model, TriagePolicy.QUEUE)) {
            throw new ConfigurationException("triage.queue.fallback is 'review' but rt.review-queue is not set: name "
                    + "the RT queue that reviews uncertain tickets, or set triage.queue.fallback=unchanged");
        }
        Map<String, String> priorities = LabelMappings.forModel(properties, PRIORITY_MAPPING, model,
                TriagePolicy.PRIORITY, "RT", LOG);
        priorities.forEach((label, priority) -> {
            if (!RtFieldMapping.isNumber(priority)) {
                LOG.warn("{} maps '{}' to the priority name '{}': RT sets the priority 0 for a name the ticket's "
                        + "queue's PriorityAsString lacks (ticket-triage then dead-letters it), and answers with "
                        + "numbers only, so outcomes and train --from-helpdesk cannot read it back; a number is "
                        + "safer", properties.name(PRIORITY_MAPPING), label, priority);
            }
        });

        RtStartupCheck check = new RtStartupCheck(RtHttp.shared(context, settings.baseUrl(),
                settings.authentication(), settings.policy()), settings.authentication());
        String version = check.version();
        List<Map.Entry<String, String>> named = new ArrayList<>();
        settings.selection().queues().forEach(queue -> named.add(Map.entry(properties.name(
                RtSettings.QUEUES.key()), queue)));
        reviewQueue.ifPresent(queue -> named.add(Map.entry(properties.name(RtSettings.REVIEW_QUEUE.key()), queue)));
        queues.forEach((label, queue) -> named.add(Map.entry(properties.name(QUEUE_MAPPING) + " for '" + label + "'",
                queue)));
        check.queues(named.stream().distinct().toList());
        settings.markerField().ifPresent(field -> check.customField(properties.name(RtSettings.MARKER_FIELD.key()),
                field, true));
        settings.confidenceField().ifPresent(field -> check.customField(properties.name(
                RtSettings.CONFIDENCE_FIELD.key()), field, false));
        if (LabelMappings.predicts(model, TriagePolicy.TAGS)) {
            settings.tagsField().ifPresentOrElse(field -> check.customField(properties.name(
                    RtSettings.TAGS_FIELD.key()), field, true), () -> LOG.info("RT tags: the model has a tags head, "
                    + "but {} is empty, so no tags are written", properties.name(RtSettings.TAGS_FIELD.key())));
        }

        context.getRegistry().bind(desk.bean(SETTINGS_BEAN), RtSettings.class, settings);
        LOG.info("RT adapter: {} (RT {}) with {}, tickets in {} with status {}, {} queue and {} priority mappings",
                settings.baseUrl(), version, settings.authentication().describe(),
                settings.selection().queues().isEmpty() ? "any queue" : settings.selection().queues(),
                settings.selection().statuses().isEmpty() ? "any" : settings.selection().statuses(), queues.size(),
                priorities.size());
        return settings.authentication().secrets();
    }

    /**
     * A Kamelet's label mappings, which both Kamelets take: the update action writes with them, the fetch action
     * reads outcomes with them.
     */
    static NamedLabels labels(String queueMapping, String priorityMapping, Optional<String> reviewQueue) {
        return NamedLabels.of(queueMapping, priorityMapping, DEFAULT_PRIORITIES, reviewQueue);
    }
}
