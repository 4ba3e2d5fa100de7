package io.tickettriage.adapter;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Where a help desk's settings record reads its {@link Setting}s from, with every check in one place: either the
 * service's configuration (messages name the key, failures are {@link ConfigurationException}s that stop the start),
 * or the properties an application set on a Kamelet (messages name the Kamelet and the property, failures are
 * {@link IllegalArgumentException}s). A setting that neither gives takes its {@link Setting#defaultValue()}.
 */
public final class SettingValues {

    private final Function<Setting, Optional<Object>> given;
    private final Function<Setting, String> naming;
    private final Function<String, RuntimeException> failure;
    /** What to do about a missing setting, given the Kamelet's hint: the configuration names its key and variable. */
    private final BiFunction<Setting, String, String> whereToSet;
    private final Function<Setting, Optional<String>> secrets;

    private SettingValues(Function<Setting, Optional<Object>> given, Function<Setting, String> naming,
                          Function<String, RuntimeException> failure, Function<Setting, Optional<String>> secrets,
                          BiFunction<Setting, String, String> whereToSet) {
        this.given = given;
        this.naming = naming;
        this.failure = failure;
        this.secrets = secrets;
        this.whereToSet = whereToSet;
    }

    /**
     * The service's configuration: a setting's key, else its default; a setting without a key, its default. A key
     * set empty is given as empty, not defaulted: an empty selection means "any queue", an empty marker field "none".
     */
    public static SettingValues of(TriageProperties properties) {
        return new SettingValues(
                setting -> setting.key().isEmpty() ? Optional.empty() : properties.given(setting.key()).map(v -> v),
                setting -> properties.name(setting.key()), ConfigurationException::new,
                setting -> properties.optionalSecret(setting.key()),
                (setting, hint) -> ": add it to config/application.properties or set "
                        + TriageProperties.environmentName(properties.name(setting.key())));
    }

    /**
     * The properties set on one Kamelet instance, by Kamelet property name (an unset property is absent: Camel does
     * not pass it); a secret may be a {@link Secret} bean.
     */
    public static SettingValues of(String kamelet, Map<String, Object> properties) {
        Function<Setting, Optional<Object>> given = setting -> Optional.ofNullable(properties.get(setting.property()));
        return new SettingValues(given, setting -> kamelet + ": " + setting.property(), IllegalArgumentException::new,
                setting -> given.apply(setting).map(Secret::of).filter(value -> !value.isEmpty()),
                (setting, hint) -> hint);
    }

    /** These values, with {@code setting} given as {@code value} (what the service works out, e.g. a desk's beans). */
    public SettingValues with(Setting setting, String value) {
        return new SettingValues(s -> s.equals(setting) ? Optional.of(value) : given.apply(s), naming, failure,
                secrets, whereToSet);
    }

    /** The setting's name in messages: its key, or the Kamelet and property. */
    public String name(Setting setting) {
        return naming.apply(setting);
    }

    /** A failure that names the setting: "{name} {problem}". */
    public RuntimeException invalid(Setting setting, String problem) {
        return failure.apply(name(setting) + " " + problem);
    }

    /** A failure of the whole configuration, with the message as it is. */
    public RuntimeException invalid(String message) {
        return failure.apply(message);
    }

    /** The text, trimmed; empty when given empty, the default when not given. */
    public String text(Setting setting) {
        return given.apply(setting).map(value -> value.toString().strip()).orElse(setting.defaultValue());
    }

    /** The text, or empty when it is blank. */
    public Optional<String> optional(Setting setting) {
        String text = text(setting);
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** The text, which must not be blank. */
    public String required(Setting setting, String hint) {
        return optional(setting).orElseThrow(() -> invalid(setting, "is not set" + whereToSet.apply(setting, hint)));
    }

    /** A secret exactly as given (a Kamelet's {@link Secret} bean, or the configuration's variable or file). */
    public Optional<String> secret(Setting setting) {
        return secrets.apply(setting);
    }

    public int integer(Setting setting, int min, int max) {
        String text = text(setting);
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
            throw invalid(setting, "must be " + (max == Integer.MAX_VALUE ? "at least " + min : min + ".." + max)
                    + ", was " + value);
        } catch (NumberFormatException e) {
            throw invalid(setting, "must be a whole number, was '" + text + "'");
        }
    }

    /** A number above {@code above} and at most {@code max}. */
    public double number(Setting setting, double above, double max) {
        String text = text(setting);
        try {
            double value = Double.parseDouble(text);
            if (value > above && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the same message as a number out of range
        }
        throw invalid(setting, "must be above " + format(above) + " and at most " + format(max) + ", was '" + text
                + "'");
    }

    public boolean flag(Setting setting) {
        String text = text(setting).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(setting, "must be true or false, was '" + text + "'");
        };
    }

    /** An ISO-8601 duration, not negative. */
    public Duration duration(Setting setting) {
        String text = text(setting);
        Duration value;
        try {
            value = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(setting, "must be an ISO-8601 duration such as PT2M, was '" + text + "'");
        }
        if (value.isNegative()) {
            throw invalid(setting, "must not be negative, was " + text);
        }
        return value;
    }

    /** Checks a value with a parser whose IllegalArgumentException says what is wrong. */
    public <T> T parsed(Setting setting, Function<String, T> parser) {
        try {
            return parser.apply(text(setting));
        } catch (IllegalArgumentException e) {
            throw failure.apply(name(setting) + ": " + e.getMessage());
        }
    }

    private static String format(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }
}
