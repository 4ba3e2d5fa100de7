package io.tickettriage.adapter;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;

/**
 * What every adapter checks the same way at startup: that the model has the heads it maps, that every label of a
 * head is mapped ({@code <helpdesk>.queue.<label>}), that no mapping names a label the model lacks, and that a base
 * URL is an http(s) URL. Messages name the key to fix.
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

    /** The value {@code prefix + label} maps the label to; a missing mapping stops the start. */
    public static String mapped(TriageProperties properties, String prefix, String label, String helpdesk) {
        return properties.optional(prefix + label).orElseThrow(() -> new ConfigurationException(
                "model label '" + label + "' is not mapped: add " + prefix + label + " = <" + helpdesk + " value> to "
                        + "config/application.properties"));
    }

    /** A mapping of a label the model does not have is harmless but probably a typo: say so. */
    public static void warnAboutUnused(TriageProperties properties, String prefix, Collection<String> used,
                                       Logger log) {
        properties.withPrefix(prefix).keySet().stream().filter(label -> !used.contains(label)).forEach(label ->
                log.warn("{}{} maps a label the model does not have; it is ignored", prefix, label));
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
