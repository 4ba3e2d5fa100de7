package io.tickettriage.adapter;

import io.tickettriage.triage.PerApplication;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;

/**
 * The help-desk clients of one Camel application, shared only between the parts (the fetch and update Kamelets, the
 * startup checks) that would build the very same client: the key is a record of everything a client is made from,
 * the URL, the credentials (as {@link Secret}s, compared by value and never shown) and the retry and pacing policy.
 * Two Kamelets with one base URL but other keys or settings get a client each, instead of silently acting with the
 * first one's.
 */
public final class HelpDeskClients {

    private static final String BEAN = "ticket-triage-help-desk-clients";

    private final Map<Object, Object> clients = new ConcurrentHashMap<>();

    /**
     * The application's client made from {@code key}, created by whoever asks first.
     *
     * @param key a record of everything the client is made from; equal keys share a client
     */
    public static <T> T shared(CamelContext context, Record key, Class<T> type, Supplier<T> create) {
        HelpDeskClients all = PerApplication.shared(context, BEAN, HelpDeskClients.class, HelpDeskClients::new);
        return type.cast(all.clients.computeIfAbsent(key, k -> create.get()));
    }
}
