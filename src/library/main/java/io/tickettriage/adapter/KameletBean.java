package io.tickettriage.adapter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * What every help desk's Kamelet beans share. A Kamelet gets its settings in one of two ways, never mixed:
 * <ul>
 *   <li>{@code settings}: the help desk's settings record, which the service's adapter built and checked from the
 *   configuration at startup and bound as {@code <desk>.<helpdesk>Settings};</li>
 *   <li>its individual properties, as an application of its own sets them: the template hands each one that is set
 *   to {@link #getGiven()} ({@code given.perPage: "{{?perPage}}"}; Camel passes no unset optional property), and the
 *   same record is built from them, with the same checks and defaults, messages naming the property.</li>
 * </ul>
 * A property set next to {@code settings} is refused, not silently replaced by the record's value. Properties arrive
 * as named bean properties, never constructor arguments, so a secret arrives exactly as configured. The worker is
 * built once, on first use.
 *
 * @param <S> the help desk's settings record
 * @param <W> the worker that does the bean's job
 */
public abstract class KameletBean<S, W> implements CamelContextAware {

    private final String kamelet;
    private final Class<S> type;
    private final List<Setting> settings;
    private final Map<String, Object> given = new LinkedHashMap<>();
    private CamelContext camelContext;
    private Object settingsRecord;
    private volatile W worker;

    /**
     * @param kamelet  the Kamelet's name, for messages
     * @param type     the settings record's type
     * @param settings every setting the record holds, to say where one set next to it belongs
     */
    protected KameletBean(String kamelet, Class<S> type, List<Setting> settings) {
        this.kamelet = kamelet;
        this.type = type;
        this.settings = settings;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** The Kamelet properties set on this instance, by name. */
    public Map<String, Object> getGiven() {
        return given;
    }

    /** The help desk's settings record ({@code #bean:<desk>.<helpdesk>Settings}). */
    public void setSettings(Object settings) {
        this.settingsRecord = settings;
    }

    /** The settings record from the individual properties, checked; failures name the Kamelet and property. */
    protected abstract S read(SettingValues values);

    /** The worker, from the checked settings; an IllegalArgumentException names a setting that is wrong. */
    protected abstract W build(S settings);

    /** The worker, built on first use. */
    protected final W worker() {
        W built = worker;
        if (built == null) {
            synchronized (this) {
                if (worker == null) {
                    worker = build(settings());
                }
                built = worker;
            }
        }
        return built;
    }

    /** The record given as {@code settings}, or the one the individual properties make. */
    final S settings() {
        if (settingsRecord == null) {
            return read(SettingValues.of(kamelet, given));
        }
        if (!given.isEmpty()) {
            String property = given.keySet().iterator().next();
            String where = settings.stream().filter(setting -> setting.property().equals(property)).findFirst()
                    .map(Setting::inSettings).orElse("the settings");
            throw new IllegalArgumentException(kamelet + ": " + property + " is set next to settings, which hold it "
                    + "already: set " + property + " in " + where + ", not next to settings");
        }
        if (!type.isInstance(settingsRecord)) {
            throw new IllegalArgumentException(kamelet + ": settings must be a " + type.getName() + ", was a "
                    + settingsRecord.getClass().getName());
        }
        return type.cast(settingsRecord);
    }

    /** How this Kamelet names a setting in messages: {@code freshdesk-update-ticket-action: queueMapping}. */
    protected final Function<Setting, String> names() {
        return setting -> kamelet + ": " + setting.property();
    }

    protected final CamelContext context() {
        if (camelContext == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs its CamelContext: use it from a "
                    + "Kamelet or a route, which sets it");
        }
        return camelContext;
    }
}
