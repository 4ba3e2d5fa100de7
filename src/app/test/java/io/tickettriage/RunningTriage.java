package io.tickettriage;

import io.tickettriage.adapter.LabelMapping;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The application booted exactly as {@code java -jar} boots it (config/application.properties, routes/*.yaml,
 * routes/kamelets), except that the Quartz trigger of the production route is replaced by {@code direct:poll} so a
 * test decides when a poll happens and waits for it to finish.
 */
final class RunningTriage implements AutoCloseable {

    private final Main main;
    private final ProducerTemplate producer;

    private RunningTriage(Main main) {
        this.main = main;
        this.producer = main.getCamelContext().createProducerTemplate();
    }

    /**
     * The settings every test run needs: the simulator as the help desk, a private state directory, short retry
     * delays, a look-back that reaches the freshly seeded tickets and no management server (its port is fixed);
     * {@code extra} wins over them.
     */
    static Map<String, String> properties(FreshdeskSimulator simulator, String apiKey, Path state,
                                          Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "freshdesk.base-url", simulator.baseUrl(),
                "freshdesk.api-key", apiKey));
        properties.putAll(extra);
        return testProperties(state, properties);
    }

    /** The same for any help desk: its simulator's adapter settings, with {@code triage.helpdesk} set to it. */
    static Map<String, String> properties(SimulatedHelpDesk helpDesk, Path state, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(helpDesk.adapterProperties());
        properties.put("triage.helpdesk", helpDesk.helpdesk());
        properties.putAll(extra);
        return testProperties(state, properties);
    }

    /** The settings every test run needs, under {@code chosen}, which wins. */
    static Map<String, String> testProperties(Path state, Map<String, String> chosen) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "triage.state.directory", state.toString(),
                "triage.retry.delay-ms", "50",
                "triage.first-poll.look-back", "P1D",
                "camel.management.enabled", "false",
                // The tests decide what runs; an edit of the project's routes while they run must not reload them.
                "triage.routes.reload", "false"));
        properties.putAll(chosen);
        return properties;
    }

    /**
     * The shipped label mapping {@code key} (e.g. {@code freshdesk.queue-mapping}) with {@code label} mapped to
     * {@code value} instead, or left out when {@code value} is null: the text to override the key with.
     */
    static String shippedMappingWith(String key, String label, String value) {
        Properties shipped = new Properties();
        try (var in = java.nio.file.Files.newInputStream(TriageRuntime.CONFIG)) {
            shipped.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> mapping = new LinkedHashMap<>(LabelMapping.parse(shipped.getProperty(key), key));
        if (value == null) {
            mapping.remove(label);
        } else {
            mapping.put(label, value);
        }
        return mapping.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace(",", "\\,"))
                .collect(Collectors.joining(","));
    }

    static RunningTriage start(Map<String, String> properties) throws Exception {
        Main main = TriageRuntime.createPolledOnDemand(properties, Clock.systemUTC());
        main.start();
        return new RunningTriage(main);
    }

    /** Runs one whole poll; a poll that fails throws {@link org.apache.camel.CamelExecutionException}. */
    void poll() {
        producer.sendBody(TriageRuntime.POLL_NOW, null);
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    /** A configuration value as the running service resolved it, e.g. {@code zammad.search.overlap}. */
    String configured(String key) {
        return context().getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new AssertionError(key + " is not configured"));
    }

    /** The value a configured label mapping gives a label, e.g. {@code mapped("zammad.priority-mapping", "high")}. */
    String mapped(String key, String label) {
        String value = LabelMapping.parse(configured(key), key).get(label);
        if (value == null) {
            throw new AssertionError(key + " does not map '" + label + "'");
        }
        return value;
    }

    /** The bean {@code name} of the one desk this test runs ({@code freshdesk.watermark} for {@code watermark}). */
    <T> T bean(String name, Class<T> type) {
        Map<String, T> desks = context().getRegistry().findByTypeWithName(type);
        desks.keySet().removeIf(bound -> !bound.endsWith("." + name));
        if (desks.size() != 1) {
            throw new AssertionError("expected one desk's " + name + ", found " + desks.keySet());
        }
        return desks.values().iterator().next();
    }

    @Override
    public void close() throws Exception {
        producer.close();
        main.stop();
    }
}
