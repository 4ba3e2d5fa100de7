package io.tickettriage.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.SensitiveUtils;

/**
 * One help desk the deployment triages, with its settings. With {@code triage.desks} unset there is one desk, named
 * after its help desk ({@code freshdesk}), which reads every key as it is. With {@code triage.desks = it, customers}
 * each desk reads {@code it.<key>} where that is set and {@code <key>} otherwise, so a setting given once holds for
 * every desk unless one says otherwise ({@code it.triage.helpdesk = otobo}, {@code it.otobo.base-url = …}).
 *
 * <p>The name keys everything that is the desk's own: its tickets in the state ({@code <desk>:<id>}), its beans
 * ({@code <desk>.watermark}), its routes ({@code <desk>-triage}), its metrics' {@code desk} tag and, in a cluster,
 * the lock its nodes compete for. What the desk works out as it starts (a base URL built from a domain, the demo's
 * simulator) it {@link #publish publishes}; its routes read those values like its settings.
 */
public final class Desk {

    public static final String DESKS = "triage.desks";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final String name;
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final TriageProperties properties;
    private final Map<String, String> ownSettings;

    /**
     * @param scope       the prefix of the desk's own keys: its name, or empty for the one desk of a deployment
     *                    that lists none
     * @param ownSettings the desk's own keys, with the prefix taken off
     */
    private Desk(String name, TriageProperties global, String scope, Map<String, String> ownSettings) {
        this.name = name;
        this.properties = global.scoped(scope, published);
        this.ownSettings = Map.copyOf(ownSettings);
    }

    /**
     * The desks of the configuration, in the order {@value #DESKS} names them.
     *
     * @param known the keys of the configuration file: a desk's own keys are these with its name in front
     */
    public static List<Desk> all(PropertiesComponent placeholders, Set<String> known) {
        TriageProperties global = new TriageProperties(placeholders);
        List<String> names = names(global.text(DESKS, ""));
        if (names.isEmpty()) {
            return List.of(new Desk(global.text("triage.helpdesk", "freshdesk"), global, "", Map.of()));
        }
        List<Desk> desks = new ArrayList<>();
        for (String name : names) {
            if (known.stream().anyMatch(key -> key.startsWith(name + "."))) {
                throw new ConfigurationException(DESKS + " names the desk '" + name + "', which is how keys of "
                        + "config/application.properties begin (" + name + ".*); give the desk another name, e.g. "
                        + name + "-1");
            }
            Map<String, String> own = global.withPrefix(name + ".");
            own.keySet().stream().filter(key -> !known.contains(key)).findFirst().ifPresent(key -> {
                throw new ConfigurationException(name + "." + key + " is not a setting: " + key + " is not a key "
                        + "of config/application.properties (a desk's settings are the same keys with its name "
                        + "in front)");
            });
            desks.add(new Desk(name, global, name, own));
        }
        return List.copyOf(desks);
    }

    /** The names {@value #DESKS} lists: distinct, lower case letters, digits and dashes. */
    public static List<String> names(String listed) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : listed.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                throw new ConfigurationException(DESKS + " names the desk '" + name + "': a desk's name is lower "
                        + "case letters, digits and dashes, starting with a letter, at most 40 characters");
            }
            if (!names.add(name)) {
                throw new ConfigurationException(DESKS + " names the desk '" + name + "' twice");
            }
        }
        return List.copyOf(names);
    }

    public String name() {
        return name;
    }

    /** The desk's settings, its own first. */
    public TriageProperties properties() {
        return properties;
    }

    /** The desk's name for one of its beans: {@code it.watermark}, as its routes name it ({@code {{desk}}.watermark}). */
    public String bean(String bean) {
        return name + "." + bean;
    }

    /** A value worked out at startup, for the desk's own code and routes; it wins over the configuration. */
    public void publish(String key, String value) {
        published.put(key, value);
    }

    /**
     * What the desk's routes are created with (route template parameters, which win over the configuration's
     * placeholders of the same name): {@code desk}, the desk's own settings with its name taken off, and what it
     * published; no secret.
     */
    public Map<String, String> routeParameters() {
        Map<String, String> parameters = new TreeMap<>(ownSettings);
        parameters.putAll(published);
        // Secrets reach the Kamelets as beans, never as text: kept out of the parameters, which Camel may log.
        parameters.keySet().removeIf(key -> SensitiveUtils.containsSensitive(key) || key.endsWith("-token"));
        parameters.put("desk", name);
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public String toString() {
        return name;
    }
}
