package io.tickettriage;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.Desk;
import io.tickettriage.config.RenamedKeys;
import io.tickettriage.config.TriageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.RouteDefinition;

/**
 * Builds the camel-main runtime the way {@code java -jar} runs it: the editable {@code config/} and {@code routes/}
 * of the working directory when present, else the copies inside the jar. Tests and the bench boot through here too,
 * so they exercise the shipped configuration, not a copy of it.
 */
public final class TriageRuntime {

    private static final String EXCHANGE_METERS = "org.apache.camel.component.micrometer.eventnotifier."
            + "MicrometerExchangeEventNotifier";

    static final Path CONFIG = Path.of("config", "application.properties");
    static final Path LOG_CONFIG = Path.of("config", "log4j2.properties");
    /** Where the jar keeps its own copies: not at the classpath's root, where a host application looks for its own. */
    static final String PACKAGED = "ticket-triage/";
    private static final Path ROUTES = Path.of("routes");
    /** Where {@link #createPolledOnDemand} lets a caller trigger a poll of every desk, one after the other. */
    public static final String POLL_NOW = "direct:poll";

    private TriageRuntime() {
    }

    /**
     * @param overrides properties that win over the configuration file and the environment (tests, demo wiring)
     */
    public static Main create(Map<String, String> overrides, Clock clock) {
        return create(overrides, clock, System.getenv());
    }

    /**
     * @param environment where the environment overrides come from: every key of the configuration file, Camel's
     *                    own included, can be set by its upper-case name with dots and dashes as underscores
     *                    ({@code camel.management.port} → {@code CAMEL_MANAGEMENT_PORT}); a {@code -D} option of the
     *                    key still wins, as it does in Camel
     */
    public static Main create(Map<String, String> overrides, Clock clock, Map<String, String> environment) {
        return create(overrides, clock, environment, DeskRoutes::addTo);
    }

    /**
     * @param addRoutes makes the desks' routes from their templates once the desks are configured
     */
    private static Main create(Map<String, String> overrides, Clock clock, Map<String, String> environment,
                               BiConsumer<DeskRoutes, CamelContext> addRoutes) {
        Main main = new Main();
        Properties file = configured();
        Set<String> keys = file.stringPropertyNames();
        List<HelpDeskStandIn> standIns = ServiceLoader.load(HelpDeskStandIn.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        TriageConfiguration triage = new TriageConfiguration(clock, keys, standIns);
        main.setPropertyPlaceholderLocations(configLocation());
        if (!Files.isDirectory(ROUTES)) {
            main.addOverrideProperty("triage.routes.location", "classpath:" + PACKAGED + "routes");
            main.addOverrideProperty("triage.kamelets.location", "classpath:kamelets");
        }
        Set<String> mapped = new TreeSet<>(withDeskKeys(keys, file.getProperty(Desk.DESKS, ""), overrides,
                environment));
        // So that an old key still set in the environment is refused (RenamedKeys) rather than ignored.
        mapped.addAll(RenamedKeys.oldKeys());
        environmentOverrides(mapped, environment).forEach(main::addOverrideProperty);
        overrides.forEach(main::addOverrideProperty);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                CamelContext context = configured.getCamelContext();
                DesksReadiness readiness = new DesksReadiness();
                HealthCheckRegistry health = HealthCheckRegistry.get(context);
                if (health != null) {
                    health.register(readiness);
                }
                try {
                    context.addStartupListener((started, alreadyStarted) -> uniformExchangeMeters(started));
                    context.addStartupListener(new DesksAtStart(triage, addRoutes, readiness));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot configure the desks at startup", e);
                }
            }
        });
        return main;
    }

    /**
     * With metrics on, Camel's exchange event meters get a {@code routeId} tag on every exchange
     * ({@link ExchangeMeterTags}), before the first one is sent. The notifier is found by its class name and the
     * lambda loads {@link ExchangeMeterTags} only for it: camel-micrometer is there only when metrics are.
     */
    private static void uniformExchangeMeters(CamelContext context) {
        context.getManagementStrategy().getEventNotifiers().stream()
                .filter(notifier -> notifier.getClass().getName().equals(EXCHANGE_METERS))
                .forEach(notifier -> ExchangeMeterTags.uniform(notifier));
    }

    /**
     * Configures the desks once Camel has started, then makes their routes, which start at once. Not earlier: the
     * adapters' startup checks call the help desk as every later call does, through the
     * {@code help-desk-request-action} Kamelet, whose route runs only in a started context, with Camel's own settings
     * ({@code camel.ssl.*}, {@code camel.component.http(s).*}) applied. A desk that cannot start stops the context
     * and fails its start, so the service exits with the desk's one-line problem.
     */
    private record DesksAtStart(TriageConfiguration triage, BiConsumer<DeskRoutes, CamelContext> addRoutes,
                                DesksReadiness readiness) implements ExtendedStartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            try {
                DeskRoutes routes = triage.configure(context);
                addRoutes.accept(routes, context);
                readiness.started(routes.desks());
            } catch (RuntimeException e) {
                context.stop();
                throw e;
            }
        }
    }

    /**
     * {@code keys} and, for each desk {@code triage.desks} lists, the same keys with the desk's name in front, so
     * that {@code IT_OTOBO_PASSWORD} sets {@code it.otobo.password}.
     */
    static Set<String> withDeskKeys(Set<String> keys, String inFile, Map<String, String> overrides,
                                    Map<String, String> environment) {
        String listed = Optional.ofNullable(overrides.get(Desk.DESKS))
                .or(() -> Optional.ofNullable(System.getProperty(Desk.DESKS)))
                .or(() -> Optional.ofNullable(environment.get(TriageProperties.environmentName(Desk.DESKS))))
                .orElse(inFile);
        Set<String> all = new TreeSet<>(keys);
        List<String> desks;
        try {
            desks = Desk.names(listed);
        } catch (ConfigurationException e) {
            // Reported as the service starts, with the exit code of a configuration problem.
            desks = List.of();
        }
        for (String desk : desks) {
            keys.forEach(key -> all.add(desk + "." + key));
        }
        return all;
    }

    /**
     * The environment's values for {@code keys}. camel-main maps only some of its own keys from the environment
     * ({@code CAMEL_MAIN_*}, not {@code CAMEL_MANAGEMENT_PORT}), so every key is mapped here, one rule for all.
     */
    static Map<String, String> environmentOverrides(Set<String> keys, Map<String, String> environment) {
        Map<String, String> overrides = new TreeMap<>();
        for (String key : keys) {
            String value = environment.get(TriageProperties.environmentName(key));
            if (value != null && System.getProperty(key) == null) {
                overrides.put(key, value);
            }
        }
        return overrides;
    }

    /** The configuration file the service runs with, as it is written. */
    private static Properties configured() {
        return configured(configLocation());
    }

    /** The configuration file at {@code location} ({@code file:} or {@code classpath:}), as it is written. */
    private static Properties configured(String location) {
        Properties properties = new Properties();
        try (InputStream in = location.startsWith("file:") ? Files.newInputStream(Path.of(location.substring(5)))
                : TriageRuntime.class.getResourceAsStream("/" + location.substring("classpath:".length()))) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration " + location, e);
        }
        return properties;
    }

    /** The logging configuration: the working directory's, else the copy inside the jar, as a URL for Log4j. */
    static String logConfigLocation() {
        if (Files.isRegularFile(LOG_CONFIG)) {
            return LOG_CONFIG.toString();
        }
        java.net.URL packaged = TriageRuntime.class.getResource("/" + PACKAGED + "log4j2.properties");
        return packaged == null ? null : packaged.toString();
    }

    /**
     * A Camel application for the tools that call a help desk ({@code train --from-helpdesk}): the service's
     * configuration at {@code configLocation} with the environment's overrides, so that its Camel settings
     * ({@code camel.ssl.*}, {@code camel.component.http.*}) and its Kamelets apply as they do to the service, but no
     * route, no desk and no management server.
     */
    public static Main createForTools(String configLocation) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(configLocation);
        environmentOverrides(configured(configLocation).stringPropertyNames(), System.getenv())
                .forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.main.routes-collector-enabled", "false");
        main.addOverrideProperty("camel.management.enabled", "false");
        return main;
    }

    /** The configuration the service runs with: the working directory's, else the copy inside the jar. */
    public static String configLocation() {
        return Files.isRegularFile(CONFIG) ? "file:" + CONFIG : "classpath:" + PACKAGED + "application.properties";
    }

    /**
     * The same runtime with the production route's Quartz trigger replaced by {@value #POLL_NOW} and no poll at
     * startup, so the caller (tests, the benchmark) decides when a poll runs and a synchronous send returns when it
     * is done.
     */
    public static Main createPolledOnDemand(Map<String, String> overrides, Clock clock) {
        return createPolledOnDemand(overrides, clock, System.getenv());
    }

    /** Where {@link #createPolledOnDemand} lets a caller trigger a poll of one desk. */
    public static String pollNow(String desk) {
        return "direct:" + desk + "-poll-now";
    }

    /** {@link #createPolledOnDemand(Map, Clock)} with the given environment. */
    public static Main createPolledOnDemand(Map<String, String> overrides, Clock clock,
                                            Map<String, String> environment) {
        return create(overrides, clock, environment, (routes, context) -> {
            routes.addUntriggeredTo(context);
            try {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        RouteDefinition everyDesk = from(POLL_NOW).routeId("poll-every-desk");
                        for (String desk : routes.desks()) {
                            from(pollNow(desk)).routeId(DeskRoutes.routeId(desk, DeskRoutes.SCHEDULE))
                                    .to("direct:" + desk + "-poll");
                            everyDesk.to(pollNow(desk));
                        }
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException("cannot add the routes that poll on demand", e);
            }
        });
    }
}
