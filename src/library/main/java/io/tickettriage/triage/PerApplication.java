package io.tickettriage.triage;

import java.util.function.Supplier;
import org.apache.camel.CamelContext;

/**
 * One instance per Camel application of what Kamelet beans must share, kept in the application's registry under a
 * name that says what it is: the fetch and update Kamelets of one help desk share one HTTP client (one pace for the
 * account's rate limit, one refusal state), and every classify Kamelet of one model path one model session.
 */
public final class PerApplication {

    private PerApplication() {
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
