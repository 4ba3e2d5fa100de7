package io.tickettriage.adapter.zammad;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zammad adapter's startup side: works out the base URL and credentials, checks them, the priorities, states
 * and (where the user may list them) groups against Zammad, maps every model label to a Zammad name, and publishes
 * the desk's {@link ZammadSettings} as the {@value #SETTINGS_BEAN} bean, which {@code routes/desks/zammad.yaml} hands to
 * both Kamelets.
 */
public final class ZammadAdapter implements HelpDeskAdapter {

    public static final String NAME = "zammad";
    public static final String QUEUE_MAPPING = "zammad.queue-mapping";
    public static final String PRIORITY_MAPPING = "zammad.priority-mapping";
    /** The desk's {@link ZammadSettings}, which both Kamelets of the desk take as their settings. */
    public static final String SETTINGS_BEAN = "zammadSettings";
    /** Zammad's default priorities; a fresh Zammad has no fourth, so urgent shares the highest (read back: high). */
    private static final Map<String, String> DEFAULT_PRIORITIES = LabelMapping.parse(
            "low=1 low, medium=2 normal, high=3 high, urgent=3 high", "Zammad's default priorities");
    private static final String DISPLAY_NAME = "Zammad";
    private static final Logger LOG = LoggerFactory.getLogger(ZammadAdapter.class);

    @Override
    public String name() {
        return NAME;
    }

    /** Without a base URL there is no Zammad to triage. */
    @Override
    public boolean isConfigured(TriageProperties properties) {
        return properties.optional("zammad.base-url").isPresent();
    }

    @Override
    public List<String> configure(CamelContext context, Desk desk, List<HeadSpec> model,
                                  QueueFallback queueFallback) {
        TriageProperties properties = desk.properties();
        ZammadSettings settings = ZammadSettings.fromConfiguration(properties, desk.bean(WriteLedgers.BEAN));
        String baseUrl = settings.baseUrl();
        ZammadAuthentication authentication = settings.authentication();

        Map<String, String> groups = LabelMappings.forModel(properties, QUEUE_MAPPING, model, TriagePolicy.QUEUE, DISPLAY_NAME, LOG);
        Optional<String> reviewGroup = settings.write().review();
        if (queueFallback == QueueFallback.REVIEW && reviewGroup.isEmpty()
                && LabelMappings.predicts(model, TriagePolicy.QUEUE)) {
            throw new ConfigurationException("triage.queue.fallback is 'review' but zammad.review-group is not set: "
                    + "name the Zammad group that reviews uncertain tickets, or set triage.queue.fallback=unchanged");
        }
        Map<String, String> priorities = LabelMappings.forModel(properties, PRIORITY_MAPPING, model, TriagePolicy.PRIORITY,
                DISPLAY_NAME, LOG);
        String incomingGroup = properties.text(ZammadSettings.GROUP.key(), ZammadSettings.GROUP.defaultValue());
        List<String> states = ZammadSelection.states(properties.text(ZammadSettings.STATES.key(),
                ZammadSettings.STATES.defaultValue()));

        ZammadServer server = new ZammadServer(ZammadHttp.shared(context, baseUrl, authentication,
                settings.policy()), authentication);
        checkNames(server.priorities(), "priority", "priorities", named(PRIORITY_MAPPING, priorities));
        checkNames(server.states(), "state", "states", states.stream().map(s -> Map.entry("zammad.select.states", s))
                .toList());
        Optional<List<String>> knownGroups = server.groups();
        if (knownGroups.isPresent()) {
            List<Map.Entry<String, String>> named = new ArrayList<>(named(QUEUE_MAPPING, groups));
            reviewGroup.ifPresent(group -> named.add(Map.entry("zammad.review-group", group)));
            named.add(Map.entry("zammad.select.group", incomingGroup));
            checkNames(knownGroups.get(), "group", "groups", named);
        } else {
            LOG.warn("Zammad: the user may not list groups (that needs admin.group before Zammad 6.5), so the group "
                    + "names in zammad.queue-mapping, zammad.review-group and zammad.select.group are not checked; a wrong "
                    + "one makes Zammad refuse the update (HTTP 422) and the ticket goes to the dead-letter store");
        }
        server.searchProblem().ifPresent(LOG::warn);

        context.getRegistry().bind(desk.bean(SETTINGS_BEAN), ZammadSettings.class, settings);
        LOG.info("Zammad adapter: {} ({}), tickets in '{}' with state {}, {} queue and {} priority mappings", baseUrl,
                authentication.usesToken() ? "API token" : "login " + properties.text("zammad.username", ""),
                incomingGroup, states, groups.size(), priorities.size());
        return authentication.secrets();
    }

    /**
     * A Kamelet's label mappings, which both Kamelets take: the update action writes with them, the fetch action
     * reads outcomes with them.
     */
    static NamedLabels labels(String queueMapping, String priorityMapping, Optional<String> reviewGroup) {
        return NamedLabels.of(queueMapping, priorityMapping, DEFAULT_PRIORITIES, reviewGroup);
    }

    /** {@code zammad.base-url}, checked. */
    static String baseUrl(TriageProperties properties) {
        return LabelMappings.httpUrl("zammad.base-url", properties.optional("zammad.base-url")
                .orElseThrow(() -> new ConfigurationException("Zammad is not configured: set ZAMMAD_BASE_URL (e.g. "
                        + "https://zammad.example.com) and ZAMMAD_API_TOKEN")));
    }

    /** The API token when there is one, else the login and password. */
    static ZammadAuthentication authentication(TriageProperties properties) {
        Optional<String> token = properties.optionalSecret("zammad.api-token");
        Optional<String> username = properties.optional("zammad.username");
        String password = "";
        if (token.isEmpty()) {
            if (username.isEmpty()) {
                throw new ConfigurationException("Zammad credentials are not set: set ZAMMAD_API_TOKEN (or "
                        + "ZAMMAD_API_TOKEN_FILE), or ZAMMAD_USERNAME and ZAMMAD_PASSWORD (or ZAMMAD_PASSWORD_FILE)");
            }
            password = properties.secret("zammad.password");
        } else if (username.isPresent()) {
            LOG.info("Zammad: both an API token and zammad.username are set; the token is used");
        }
        try {
            return new ZammadAuthentication(token.orElse(""), username.orElse(""), password);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** The mapped values, each under the key and label that name it in messages. */
    private static List<Map.Entry<String, String>> named(String key, Map<String, String> byLabel) {
        return byLabel.entrySet().stream().map(e -> Map.entry(key + " for '" + e.getKey() + "'", e.getValue()))
                .toList();
    }

    /** Every configured name must be one Zammad has: names are compared exactly, as Zammad looks them up. */
    private static void checkNames(List<String> known, String what, String plural,
                                   List<Map.Entry<String, String>> configured) {
        for (Map.Entry<String, String> entry : configured) {
            if (!known.contains(entry.getValue())) {
                throw new ConfigurationException(entry.getKey() + " names the " + what + " '" + entry.getValue()
                        + "', which this Zammad does not have; its " + plural + " are " + known);
            }
        }
    }
}
