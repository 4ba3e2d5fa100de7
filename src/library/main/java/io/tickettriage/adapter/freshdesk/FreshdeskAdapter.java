package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.LabelMappings;
import io.tickettriage.adapter.WriteLedgers;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.Desk;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.triage.QueueFallback;
import io.tickettriage.triage.TriagePolicy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Freshdesk adapter's startup side: works out the base URL and API key, checks them against the account and that
 * every model label is mapped to a group and priority it has, and binds the desk's {@link FreshdeskSettings} as the
 * {@value #SETTINGS_BEAN} bean, which {@code routes/desks/freshdesk.yaml} hands to both Kamelets.
 */
public final class FreshdeskAdapter implements HelpDeskAdapter {

    public static final String NAME = "freshdesk";
    /** The desk's {@link FreshdeskSettings}, which both Kamelets of the desk take as their settings. */
    public static final String SETTINGS_BEAN = "freshdeskSettings";
    public static final String QUEUE_MAPPING = "freshdesk.queue-mapping";
    public static final String PRIORITY_MAPPING = "freshdesk.priority-mapping";
    private static final String DISPLAY_NAME = "Freshdesk";
    private static final Logger LOG = LoggerFactory.getLogger(FreshdeskAdapter.class);
    /** Freshdesk's priorities by name, in order: Low is 1. */
    static final List<String> PRIORITY_NAMES = List.of("low", "medium", "high", "urgent");

    @Override
    public String name() {
        return NAME;
    }

    /** With neither domain nor base URL, there is no Freshdesk to triage. */
    @Override
    public boolean isConfigured(TriageProperties properties) {
        return properties.optional("freshdesk.domain").isPresent() || properties.optional("freshdesk.base-url").isPresent();
    }

    @Override
    public List<String> configure(CamelContext context, Desk desk, List<HeadSpec> model,
                                  QueueFallback queueFallback) {
        TriageProperties properties = desk.properties();
        FreshdeskSettings settings = FreshdeskSettings.fromConfiguration(properties, desk.bean(WriteLedgers.BEAN));
        // The client the Kamelets will use too: one pace, one refusal state for the account.
        HelpDeskHttp client = FreshdeskHttp.shared(context, settings);
        WriteSettings write = settings.write();
        Map<String, String> queues = LabelMappings.forModel(properties, QUEUE_MAPPING, model, TriagePolicy.QUEUE,
                DISPLAY_NAME, LOG);
        if (queueFallback == QueueFallback.REVIEW && write.review().isEmpty()
                && LabelMappings.predicts(model, TriagePolicy.QUEUE)) {
            throw new ConfigurationException("triage.queue.fallback is 'review' but freshdesk.review-group is not set: "
                    + "name the Freshdesk group that reviews uncertain tickets, or set triage.queue.fallback=unchanged");
        }
        Map<String, String> priorities = LabelMappings.forModel(properties, PRIORITY_MAPPING, model,
                TriagePolicy.PRIORITY, DISPLAY_NAME, LOG);
        requireFreshdeskTags(model);
        // The groups are resolved here, once for the desk's client: the Kamelets find the resolution made.
        try {
            FreshdeskLabels.of(context, client, write, setting -> properties.name(setting.key()));
        } catch (HelpDeskApiException | IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        context.getRegistry().bind(desk.bean(SETTINGS_BEAN), FreshdeskSettings.class, settings);
        LOG.info("Freshdesk adapter: {} with {} queue and {} priority mappings", settings.baseUrl(), queues.size(),
                priorities.size());
        return List.of(settings.apiKey().value());
    }

    /**
     * Every tag the model can add must be one Freshdesk takes (1..32 characters, no comma): a tag it refuses would
     * fail every update that carries it, so such a model stops the start instead, naming the tags.
     */
    static void requireFreshdeskTags(List<HeadSpec> model) {
        List<String> refused = model.stream().filter(head -> head.name().equals(TriagePolicy.TAGS))
                .flatMap(head -> head.labels().stream()).filter(tag -> !FreshdeskTags.isValid(tag)).toList();
        if (!refused.isEmpty()) {
            throw new ConfigurationException("the model's tags head has tags Freshdesk refuses (a tag is 1.."
                    + FreshdeskTags.MAX_LENGTH + " characters without commas): " + refused + "; rename them in the "
                    + "training data and train again");
        }
    }

    static String baseUrl(TriageProperties properties) {
        Optional<String> explicit = properties.optional("freshdesk.base-url");
        String url = explicit.orElseGet(() -> properties.optional("freshdesk.domain")
                .map(FreshdeskAdapter::domainUrl)
                .orElseThrow(() -> new ConfigurationException("Freshdesk is not configured: set FRESHDESK_DOMAIN "
                        + "(e.g. acme for acme.freshdesk.com) and FRESHDESK_API_KEY")));
        return LabelMappings.httpUrl(explicit.isPresent() ? "freshdesk.base-url" : "freshdesk.domain", url);
    }

    private static String domainUrl(String domain) {
        String host = domain.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceAll("/+$", "");
        return "https://" + (host.contains(".") ? host : host + ".freshdesk.com");
    }

    /** A numeric id is taken as it is, so the groups are only read when a name needs them. */
    static Optional<Long> findGroup(String value, Supplier<Map<String, Long>> groups) {
        if (value.chars().allMatch(Character::isDigit)) {
            return Optional.of(Long.parseLong(value));
        }
        return Optional.ofNullable(groups.get().get(value));
    }

    /** A configured Freshdesk priority: 1-4 or its name. */
    static int priority(String key, String value) {
        int named = PRIORITY_NAMES.indexOf(value.toLowerCase(Locale.ROOT));
        if (named >= 0) {
            return named + 1;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= 4) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException(key + " must be 1-4 or low/medium/high/urgent, was '" + value + "'");
    }

    static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
