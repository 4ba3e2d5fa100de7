package io.tickettriage.adapter;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;

/**
 * What every adapter checks the same way at startup: that every label of a head the model has is mapped
 * ({@code <helpdesk>.queue-mapping}, {@code label=value} pairs as the update Kamelet's {@code queueMapping} takes
 * them), that no mapping names a label the model lacks, that no head the model lacks is mapped by the user, and that
 * a base URL is an http(s) URL. Messages name the key to fix.
 */
public final class LabelMappings {

    /** The configuration the jar ships (the project's config/application.properties, copied in by the build). */
    private static final String SHIPPED_CONFIGURATION = "/ticket-triage/application.properties";

    private LabelMappings() {
    }

    /** Whether the model has the head {@code head}: the service leaves a head it lacks as the desk has it. */
    public static boolean predicts(List<HeadSpec> model, String head) {
        return model.stream().anyMatch(h -> h.name().equals(head));
    }

    /** The {@code label=value} pairs of {@code key}, as the Kamelets take them; empty when it is not set. */
    public static Map<String, String> read(TriageProperties properties, String key) {
        try {
            return LabelMapping.parse(properties.optional(key).orElse(""), key);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** The value {@code mapping} (the pairs of {@code key}) gives {@code label}; a missing one stops the start. */
    private static String mapped(Map<String, String> mapping, String key, String label, String helpdesk) {
        String value = mapping.get(label);
        if (value == null) {
            throw new ConfigurationException("model label '" + label + "' is not mapped: add " + label + "=<"
                    + helpdesk + " value> to " + key + " in config/application.properties");
        }
        return value;
    }

    /**
     * Every label of the model's head {@code head} with the value {@code key} maps it to, in the model's order; a
     * label left unmapped stops the start, a mapped label the model lacks is logged. A model without the head has no
     * labels to map (the head is left as the desk has it): empty, unless the user mapped the head, which stops the
     * start, since values they mean to have written would not be.
     */
    public static Map<String, String> forModel(TriageProperties properties, String key, List<HeadSpec> model,
                                               String head, String helpdesk, Logger log) {
        Map<String, String> mapping = read(properties, key);
        Optional<HeadSpec> spec = model.stream().filter(h -> h.name().equals(head)).findFirst();
        if (spec.isEmpty()) {
            if (!mapping.isEmpty() && !mapping.equals(shipped(key))) {
                throw new ConfigurationException(properties.name(key) + " maps " + head + " labels to " + helpdesk
                        + " values, but the model has no '" + head + "' head (its heads are " + model.stream()
                        .map(HeadSpec::name).toList() + "), so none would be written: serve the " + head + " with a "
                        + "model that has the head (train --label " + head + "=<column>, or triage.model.head." + head
                        + "), or remove " + properties.name(key) + " to leave the " + head + " as the desk has it");
            }
            return Map.of();
        }
        Map<String, String> byLabel = new LinkedHashMap<>();
        for (String label : spec.get().labels()) {
            byLabel.put(label, mapped(mapping, key, label, helpdesk));
        }
        warnAboutUnused(mapping, key, byLabel.keySet(), log);
        return byLabel;
    }

    /**
     * The mapping the configuration shipped in the jar gives {@code key}: the demo model's labels, which a user who
     * never touched the key still has, and which says nothing of what they mean to have written.
     */
    private static Map<String, String> shipped(String key) {
        Properties shipped = new Properties();
        try (InputStream in = LabelMappings.class.getResourceAsStream(SHIPPED_CONFIGURATION)) {
            if (in == null) {
                return Map.of();
            }
            shipped.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped configuration " + SHIPPED_CONFIGURATION, e);
        }
        return LabelMapping.parse(shipped.getProperty(key, ""), key);
    }

    /** A mapping of a label the model does not have is harmless but probably a typo: say so. */
    private static void warnAboutUnused(Map<String, String> mapping, String key, Collection<String> used, Logger log) {
        mapping.keySet().stream().filter(label -> !used.contains(label)).forEach(label ->
                log.warn("{} maps '{}', a label the model does not have; it is ignored", key, label));
    }

    /** {@code url} without trailing slashes, once it is known to be an http(s) URL with a host. */
    public static String httpUrl(String key, String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
                throw new ConfigurationException(key + " gives '" + url + "', which is not an http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key + " gives '" + url + "', which is not a valid URL: " + e.getReason());
        }
        return url.replaceAll("/+$", "");
    }
}
