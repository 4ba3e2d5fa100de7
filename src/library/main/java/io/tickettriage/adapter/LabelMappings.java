package io.tickettriage.adapter;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What every adapter checks the same way at startup: that the model has the heads it maps, that every label of a
 * head is mapped ({@code <helpdesk>.queue-mapping}, {@code label=value} pairs as the update Kamelet's
 * {@code queueMapping} takes them), that no mapping names a label the model lacks, and that a base URL is an http(s)
 * URL. Messages name the key to fix.
 */
public final class LabelMappings {

    private LabelMappings() {
    }

    /**
     * @param helpdesk the help desk's display name for messages, e.g. "Zammad"
     * @return the labels of the model's head {@code head}
     */
    public static List<String> labels(List<HeadSpec> model, String head, String helpdesk) {
        return model.stream().filter(h -> h.name().equals(head)).findFirst().map(HeadSpec::labels)
                .orElseThrow(() -> new ConfigurationException("the model has no '" + head + "' head, which the "
                        + helpdesk + " adapter needs; its heads are " + model.stream().map(HeadSpec::name).toList()));
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
     * label left unmapped stops the start, a mapped label the model lacks is logged.
     */
    public static Map<String, String> forModel(TriageProperties properties, String key, List<HeadSpec> model,
                                               String head, String helpdesk, Logger log) {
        Map<String, String> mapping = read(properties, key);
        Map<String, String> byLabel = new LinkedHashMap<>();
        for (String label : labels(model, head, helpdesk)) {
            byLabel.put(label, mapped(mapping, key, label, helpdesk));
        }
        warnAboutUnused(mapping, key, byLabel.keySet(), log);
        return byLabel;
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
