package io.tickettriage;

import io.tickettriage.adapter.HelpDeskAdapters;
import io.tickettriage.config.TriageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Builds the camel-main runtime the way {@code java -jar} runs it: the editable {@code config/} and {@code routes/}
 * of the working directory when present, else the copies inside the jar. Tests and the bench boot through here too,
 * so they exercise the shipped configuration, not a copy of it.
 */
public final class TriageRuntime {

    static final Path CONFIG = Path.of("config", "application.properties");
    static final Path LOG_CONFIG = Path.of("config", "log4j2.properties");
    /** Where the jar keeps its own copies: not at the classpath's root, where a host application looks for its own. */
    static final String PACKAGED = "ticket-triage/";
    private static final Path ROUTES = Path.of("routes");
    /** Where {@link #createPolledOnDemand} lets a caller trigger a poll. */
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
        Main main = new Main();
        main.configure().addConfiguration(new TriageConfiguration(clock));
        main.setPropertyPlaceholderLocations(configLocation());
        if (!Files.isDirectory(ROUTES)) {
            main.addOverrideProperty("triage.routes.location", "classpath:routes");
            main.addOverrideProperty("triage.kamelets.location", "classpath:kamelets");
        }
        environmentOverrides(configuredKeys(), environment).forEach(main::addOverrideProperty);
        overrides.forEach(main::addOverrideProperty);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport configured) {
                // The help desk names the route file to load, so an unknown one is reported before the routes are
                // read, not as a missing file.
                HelpDeskAdapters.named(new TriageProperties(configured.getCamelContext().getPropertiesComponent())
                        .text("triage.helpdesk", "freshdesk"));
            }
        });
        return main;
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

    /** The keys of the configuration the service runs with. */
    private static Set<String> configuredKeys() {
        Properties properties = new Properties();
        try (InputStream in = Files.isRegularFile(CONFIG) ? Files.newInputStream(CONFIG)
                : TriageRuntime.class.getResourceAsStream("/" + PACKAGED + "application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration " + configLocation(), e);
        }
        return properties.stringPropertyNames();
    }

    /** The logging configuration: the working directory's, else the copy inside the jar, as a URL for Log4j. */
    static String logConfigLocation() {
        if (Files.isRegularFile(LOG_CONFIG)) {
            return LOG_CONFIG.toString();
        }
        java.net.URL packaged = TriageRuntime.class.getResource("/" + PACKAGED + "log4j2.properties");
        return packaged == null ? null : packaged.toString();
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

    /** {@link #createPolledOnDemand(Map, Clock)} with the given environment. */
    public static Main createPolledOnDemand(Map<String, String> overrides, Clock clock,
                                            Map<String, String> environment) {
        Main main = create(overrides, clock, environment);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                try {
                    AdviceWith.adviceWith(configured.getCamelContext(), "triage-schedule", false,
                            route -> route.replaceFromWith(POLL_NOW));
                    // No poll of its own at startup either: the caller decides when each poll runs.
                    AdviceWith.adviceWith(configured.getCamelContext(), "triage-at-start", false,
                            route -> route.replaceFromWith("direct:triage-at-start-unused"));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot replace the triage route's trigger", e);
                }
            }
        });
        return main;
    }
}
