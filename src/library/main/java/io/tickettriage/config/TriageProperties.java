package io.tickettriage.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed, validated reads of {@code config/application.properties} through Camel's properties component, so
 * environment variables (FRESHDESK_API_KEY for {@code freshdesk.api-key}) and {@code -D} options override the file
 * exactly as they do for the routes. Every failure names the key.
 */
public final class TriageProperties {

    private final PropertiesComponent properties;
    /** The desk whose {@code <desk>.<key>} wins over {@code <key>}, or empty for the keys as they are. */
    private final String scope;
    /** Values worked out at startup (a base URL built from a domain, the demo's simulator), which win over all. */
    private final Map<String, String> published;

    public TriageProperties(PropertiesComponent properties) {
        this(properties, "", Map.of());
    }

    private TriageProperties(PropertiesComponent properties, String scope, Map<String, String> published) {
        this.properties = properties;
        this.scope = scope;
        this.published = published;
    }

    /**
     * The same configuration as one desk of several reads it: {@code <desk>.<key>} where it is set, else
     * {@code <key>} (an empty {@code desk}: the keys as they are), and over both the values in {@code published}
     * (a live view: the desk publishes as it starts).
     */
    public TriageProperties scoped(String desk, Map<String, String> published) {
        return new TriageProperties(properties, desk, published);
    }

    /** The name a key goes by in this scope's configuration, for messages: {@code it.otobo.base-url}. */
    public String name(String key) {
        return scope.isEmpty() ? key : scope + "." + key;
    }

    /**
     * The configuration at {@code location} (a Camel resource, e.g. {@code file:config/application.properties}) with
     * environment variables and {@code -D} options over it, exactly as camel-main layers them, for tools that read
     * the service's configuration without running it.
     */
    public static TriageProperties load(String location) {
        // Only the context's properties component is used; a context that never starts holds nothing to release.
        CamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setLocation(location);
        return new TriageProperties(camel.getPropertiesComponent());
    }

    public Optional<String> optional(String key) {
        if (published.containsKey(key)) {
            return publishedValue(key);
        }
        return scopedOnly(key).or(() -> resolve(key));
    }

    /**
     * The value as set, trimmed, an empty one included; empty only when the key is set nowhere. The desk's own key
     * wins, as in {@link #optional}.
     */
    public Optional<String> given(String key) {
        if (published.containsKey(key)) {
            return Optional.ofNullable(published.get(key)).map(String::trim);
        }
        Optional<String> own = scope.isEmpty() ? Optional.empty() : properties.resolveProperty(name(key));
        return own.or(() -> properties.resolveProperty(key)).map(String::trim);
    }

    private Optional<String> publishedValue(String key) {
        return Optional.ofNullable(published.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private Optional<String> scopedOnly(String key) {
        return scope.isEmpty() ? Optional.empty() : resolve(name(key));
    }

    private Optional<String> resolve(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new ConfigurationException(name(key) + " is not set: add it to "
                + "config/application.properties or set " + environmentName(name(key))));
    }

    /**
     * A secret from {@code key} (in practice its environment variable) or from the file named by {@code key-file},
     * e.g. a mounted Docker or Kubernetes secret. Never from a committed file: the shipped config leaves both empty.
     */
    public String secret(String key) {
        return optionalSecret(key).orElseThrow(() -> new ConfigurationException(name(key) + " is not set: set "
                + environmentName(name(key)) + ", or " + environmentName(name(key) + "-file")
                + " to a file that holds it"));
    }

    /** Like {@link #secret}, for a secret that may be left out; a named file must still exist and hold it. */
    public Optional<String> optionalSecret(String key) {
        // The desk's own secret first, then the one every desk shares.
        Optional<String> direct = publishedValue(key)
                .or(() -> scope.isEmpty() ? Optional.empty() : raw(name(key))).or(() -> scopedOnly(key))
                .or(() -> raw(key)).or(() -> resolve(key));
        if (direct.isPresent()) {
            return direct;
        }
        Optional<String> file = optional(key + "-file");
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            String value = Files.readString(Path.of(file.get())).trim();
            if (value.isEmpty()) {
                throw new ConfigurationException(name(key) + "-file names " + file.get() + ", which is empty");
            }
            return Optional.of(value);
        } catch (IOException e) {
            throw new ConfigurationException(name(key) + "-file names " + file.get() + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A secret exactly as the environment variable or {@code -D} option holds it: Camel's placeholder parsing, which
     * every other value goes through, treats {@code \\} and {@code {{…}}} in a value as its own and would change
     * a password that contains them.
     */
    private static Optional<String> raw(String key) {
        return Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(environmentName(key))))
                .map(String::trim).filter(value -> !value.isEmpty());
    }

    public String text(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue) {
        String value = text(key, String.valueOf(defaultValue));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name(key) + " must be a whole number, was '" + value + "'");
        }
    }

    public double probability(String key, double defaultValue) {
        String value = text(key, String.valueOf(defaultValue));
        try {
            double number = Double.parseDouble(value);
            if (number >= 0 && number <= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the same message as an out-of-range number
        }
        throw new ConfigurationException(name(key) + " must be a number between 0 and 1, was '" + value + "'");
    }

    public boolean flag(String key, boolean defaultValue) {
        String value = text(key, String.valueOf(defaultValue)).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigurationException(name(key) + " must be true or false, was '" + value + "'");
        };
    }

    public Duration duration(String key, Duration defaultValue) {
        String value = text(key, defaultValue.toString());
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(name(key) + " must be an ISO-8601 duration such as P30D or PT12H, was '"
                    + value + "'");
        }
    }

    public <E extends Enum<E>> E choice(String key, E defaultValue) {
        String value = text(key, defaultValue.name().toLowerCase(Locale.ROOT));
        try {
            return Enum.valueOf(defaultValue.getDeclaringClass(), value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name(key) + " must be one of "
                    + Arrays.stream(defaultValue.getDeclaringClass().getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", was '" + value + "'");
        }
    }

    /**
     * All keys under {@code prefix} (which ends with a dot), with the prefix removed, sorted; in a desk's scope, the
     * desk's own keys under it as well, which win.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new TreeMap<>(unscopedWithPrefix(prefix));
        if (!scope.isEmpty()) {
            result.putAll(unscopedWithPrefix(name(prefix)));
        }
        return result;
    }

    private Map<String, String> unscopedWithPrefix(String prefix) {
        Properties loaded = properties.loadProperties(key -> key.startsWith(prefix));
        Map<String, String> result = new TreeMap<>();
        for (String key : loaded.stringPropertyNames()) {
            resolve(key).ifPresent(value -> result.put(key.substring(prefix.length()), value));
        }
        return result;
    }

    /** The environment variable that overrides {@code key}: upper case, dots and dashes as underscores. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
