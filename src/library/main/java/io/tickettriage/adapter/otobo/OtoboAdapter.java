package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.adapter.WriteLedgers;
import io.tickettriage.adapter.LabelMapping;
import io.tickettriage.adapter.LabelMappings;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.adapter.Secret;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.Desk;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.triage.QueueFallback;
import io.tickettriage.triage.TriagePolicy;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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
    private static final Pattern WEBSERVICE_URL =
            Pattern.compile(".*/nph-genericinterface\\.pl/(Webservice/[^/?#]+|WebserviceID/\\d+)");
    private static final Map<String, String> ROUTES = Map.of(
            "otobo.route.session-create", "POST /Session",
            "otobo.route.ticket-search", "GET /Ticket",
            "otobo.route.ticket-get", "GET /Ticket/:TicketID",
            "otobo.route.ticket-update", "PATCH /Ticket/:TicketID");

    /** {@code otobo.auth}. */
    enum AuthMode { SESSION, PASSWORD }

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
        if (queueFallback == QueueFallback.REVIEW && reviewQueue.isEmpty()) {
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
        return List.of(settings.authentication().password());
    }

    /** The web service's URL: http(s), a host, and the path of a GenericInterface web service by name or id. */
    static String baseUrl(TriageProperties properties) {
        String url = LabelMappings.httpUrl("otobo.base-url", properties.required("otobo.base-url"));
        URI uri = URI.create(url);
        if (uri.getRawQuery() != null || !WEBSERVICE_URL.matcher(uri.getRawPath()).matches()) {
            throw new ConfigurationException("otobo.base-url gives '" + url + "', which is not a web service URL: "
                    + "it must end with /nph-genericinterface.pl/Webservice/<name>, e.g. https://desk.example.com/"
                    + "otobo/nph-genericinterface.pl/Webservice/GenericTicketConnectorREST (Znuny: /znuny/…, "
                    + "OTRS: /otrs/…)");
        }
        return url;
    }

    /** The agent's login and password ({@code otobo.user-login}, {@code otobo.password}) and {@code otobo.auth}. */
    static OtoboAuthentication authentication(TriageProperties properties) {
        String userLogin = properties.required("otobo.user-login");
        String password = properties.secret("otobo.password");
        boolean sessions = properties.choice("otobo.auth", AuthMode.SESSION) == AuthMode.SESSION;
        try {
            return new OtoboAuthentication(sessions, route(properties, "otobo.route.session-create"), userLogin,
                    password);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** The route of {@code key} (one of {@code otobo.route.*}), GenericTicketConnectorREST's when not set. */
    /**
     * A Kamelet's label mappings, which both Kamelets take: the update action writes with them, the fetch action
     * reads outcomes with them.
     */
    static NamedLabels labels(String queueMapping, String priorityMapping, Optional<String> reviewQueue) {
        return NamedLabels.of(queueMapping, priorityMapping, DEFAULT_PRIORITIES, reviewQueue);
    }

    static OtoboRoute route(TriageProperties properties, String key) {
        String value = properties.text(key, ROUTES.get(key));
        try {
            return OtoboRoute.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + ": " + e.getMessage());
        }
    }

    /** {@code otobo.time-zone}, checked. */
    static OtoboTime timeZone(TriageProperties properties) {
        String zone = properties.text("otobo.time-zone", "UTC");
        try {
            return new OtoboTime(ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new ConfigurationException("otobo.time-zone must be a time zone such as UTC or Europe/Berlin "
                    + "(OTOBO's OTOBOTimeZone setting), was '" + zone + "'");
        }
    }

    /** The number {@code key} gives, checked. */
    static int range(TriageProperties properties, String key, int fallback, int min, int max) {
        int value = properties.integer(key, fallback);
        if (value < min || value > max) {
            throw new ConfigurationException(key + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

}
