package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HttpPolicy;
import io.tickettriage.adapter.LabelMappings;
import io.tickettriage.adapter.Secret;
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
 * every model label is mapped to a group and priority it has, and publishes what {@code routes/desks/freshdesk.yaml}
 * passes to the Kamelets: {@code freshdesk.base-url} (also when built from the domain) and the API key as the
 * {@value #API_KEY_BEAN} bean.
 */
public final class FreshdeskAdapter implements HelpDeskAdapter {

    public static final String NAME = "freshdesk";
    /** The API key, for the Kamelets' apiKey property. */
    public static final String API_KEY_BEAN = "freshdeskApiKey";
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
        String baseUrl = baseUrl(properties);
        String apiKey = properties.secret("freshdesk.api-key");
        checkListing(properties);
        desk.publish("freshdesk.base-url", baseUrl);
        // By reference, as an object: as text, Camel's placeholder parsing could change a key on the way.
        context.getRegistry().bind(desk.bean(API_KEY_BEAN), Secret.class, new Secret(apiKey));

        // The client the Kamelets will use too: one pace, one refusal state for the account.
        HelpDeskHttp client;
        try {
            client = FreshdeskHttp.shared(context, baseUrl, apiKey, HttpPolicy.from(properties),
                    FreshdeskHttp.share(properties));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        Supplier<Map<String, Long>> groups = memoize(() -> groups(client));
        Map<String, String> queues = LabelMappings.forModel(properties, QUEUE_MAPPING, model, TriagePolicy.QUEUE,
                DISPLAY_NAME, LOG);
        queues.forEach((label, group) -> group(QUEUE_MAPPING + " for '" + label + "'", group, groups));
        Optional<Long> reviewGroup = properties.optional("freshdesk.review-group")
                .map(name -> group("freshdesk.review-group", name, groups));
        if (queueFallback == QueueFallback.REVIEW && reviewGroup.isEmpty()) {
            throw new ConfigurationException("triage.queue.fallback is 'review' but freshdesk.review-group is not set: "
                    + "name the Freshdesk group that reviews uncertain tickets, or set triage.queue.fallback=unchanged");
        }
        Map<String, String> priorities = LabelMappings.forModel(properties, PRIORITY_MAPPING, model,
                TriagePolicy.PRIORITY, DISPLAY_NAME, LOG);
        priorities.forEach((label, value) -> priority(PRIORITY_MAPPING + " for '" + label + "'", value));
        LOG.info("Freshdesk adapter: {} with {} queue and {} priority mappings", baseUrl, queues.size(), priorities.size());
        return List.of(apiKey);
    }

    /** The fetch Kamelet's settings, checked at start so that a wrong one stops the start, not every poll. */
    private static void checkListing(TriageProperties properties) {
        int perPage = properties.integer("freshdesk.page-size", FreshdeskTicketWalk.MAX_PER_PAGE);
        if (perPage < 1 || perPage > FreshdeskTicketWalk.MAX_PER_PAGE) {
            throw new ConfigurationException("freshdesk.page-size must be 1.." + FreshdeskTicketWalk.MAX_PER_PAGE
                    + ", was " + perPage);
        }
        int pages = properties.integer("freshdesk.max-pages-per-poll", 50);
        if (pages < 1) {
            throw new ConfigurationException("freshdesk.max-pages-per-poll must be at least 1, was " + pages);
        }
        try {
            FreshdeskTicketSelection.of(properties.text("freshdesk.select.statuses", "2"), true,
                    properties.text("triage.marker-tag", "triaged"));
            FreshdeskTags.requireValid(properties.text("triage.marker-tag", "triaged"));
            FreshdeskTags.requireValid(properties.text("triage.review-tag", "needs-review"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
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

    /** The account's groups; a Freshdesk that cannot be read stops the start like any other wrong setting. */
    private static Map<String, Long> groups(HelpDeskHttp client) {
        try {
            return new FreshdeskGroupDirectory(client).groups();
        } catch (HelpDeskApiException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** A configured group, by numeric id or by name. */
    static long group(String key, String value, Supplier<Map<String, Long>> groups) {
        return findGroup(value, groups).orElseThrow(() -> new ConfigurationException(key + " names the group '" + value
                + "', which this Freshdesk account does not have; its groups are " + groups.get().keySet()));
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
