package io.tickettriage.adapter;

import java.util.function.Supplier;
import org.apache.camel.CamelContext;

/**
 * One client per help desk in a Camel application: the fetch and update Kamelets of one desk, however many routes
 * use them, share one {@link HelpDeskHttp} (so one pace for the account's rate limit and one refusal state), kept
 * in the application's registry under a name made of the desk and its URL.
 */
public final class SharedClients {

    private SharedClients() {
    }

    public static <T> T shared(CamelContext context, String name, Class<T> type, Supplier<T> create) {
        // The registry has no compute-if-absent; the context is the one lock every Kamelet of the app can see.
        synchronized (context) {
            T existing = context.getRegistry().lookupByNameAndType(name, type);
            if (existing != null) {
                return existing;
            }
            T created = create.get();
            context.getRegistry().bind(name, type, created);
            return created;
        }
    }
}
