package io.tickettriage.kamelets;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A Camel application that has nothing of ticket-triage but the jar on its classpath: a plain
 * {@link DefaultCamelContext}, its own YAML routes and its own properties; no bean of ticket-triage bound, no
 * configuration file of it read, nothing of {@code TriageRuntime}.
 */
final class BareCamel implements AutoCloseable {

    private final CamelContext camel;
    private final ProducerTemplate producer;

    private BareCamel(CamelContext camel) {
        this.camel = camel;
        this.producer = camel.createProducerTemplate();
    }

    static BareCamel start(String yamlRoutes, Map<String, String> properties) throws Exception {
        return start(yamlRoutes, properties, Map.of());
    }

    /** With beans of the application's own, bound before its routes start. */
    static BareCamel start(String yamlRoutes, Map<String, String> properties, Map<String, Object> beans)
            throws Exception {
        CamelContext camel = new DefaultCamelContext();
        beans.forEach(camel.getRegistry()::bind);
        Properties initial = new Properties();
        initial.putAll(properties);
        camel.getPropertiesComponent().setInitialProperties(initial);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("routes.camel.yaml", yamlRoutes));
        camel.start();
        return new BareCamel(camel);
    }

    <T> T request(String uri, Object body, Class<T> type) {
        return producer.requestBody(uri, body, type);
    }

    /** The exchange after the request, with its exception if it failed. */
    Exchange send(String uri, Object body) {
        return producer.request(uri, exchange -> exchange.getMessage().setBody(body));
    }

    CamelContext context() {
        return camel;
    }

    @Override
    public void close() throws Exception {
        producer.close();
        camel.close();
    }
}
