package io.tickettriage.adapter;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * How adapters read {@code <helpdesk>.queue.<label>} and {@code <helpdesk>.priority.<label>}: every label of the
 * model's head must be mapped, and a mapping for a label the model lacks is reported, not silently kept.
 */
public final class LabelMappings {

    private LabelMappings() {
    }

    /**
     * @param helpDesk the help desk's name for messages, e.g. "Freshdesk"
     */
    public static List<String> labels(List<HeadSpec> model, String head, String helpDesk) {
        return model.stream().filter(h -> h.name().equals(head)).findFirst().map(HeadSpec::labels)
                .orElseThrow(() -> new ConfigurationException("the model has no '" + head + "' head, which the "
                        + helpDesk + " adapter needs; its heads are " + model.stream().map(HeadSpec::name).toList()));
    }

    /** The value {@code prefix + label} maps the label to; a missing one stops the start with the line to add. */
    public static String required(TriageProperties properties, String prefix, String label, String helpDesk) {
        return properties.optional(prefix + label).orElseThrow(() -> new ConfigurationException(
                "model label '" + label + "' is not mapped: add " + prefix + label + " = <" + helpDesk + " value> to "
                        + "config/application.properties"));
    }

    /** Warns about each {@code prefix<label>} key whose label is not among {@code used}. */
    public static void warnAboutUnused(TriageProperties properties, String prefix, Map<String, ?> used, Logger log) {
        properties.withPrefix(prefix).keySet().stream().filter(label -> !used.containsKey(label)).forEach(label ->
                log.warn("{}{} maps a label the model does not have; it is ignored", prefix, label));
    }
}
