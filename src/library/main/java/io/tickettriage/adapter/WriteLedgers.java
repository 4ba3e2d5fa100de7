package io.tickettriage.adapter;

import io.tickettriage.state.FileWriteLedger;
import io.tickettriage.triage.PerApplication;
import io.tickettriage.triage.WriteLedger;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The write ledger an update Kamelet records its writes in: the application's bean of that name when it has one
 * (ticket-triage's own application binds {@code writeLedger}), else a file ledger in the Kamelet's state directory,
 * one per directory in the application, closed when the application stops.
 */
public final class WriteLedgers {

    /** A desk's ledger, as its routes name it: {@code <desk>.writeLedger}; the update Kamelets' default too. */
    public static final String BEAN = "writeLedger";

    private WriteLedgers() {
    }

    public static WriteLedger forKamelet(CamelContext context, String name, String stateDirectory) {
        if (name != null && !name.isBlank()) {
            WriteLedger bound = context.getRegistry().lookupByNameAndType(name.strip(), WriteLedger.class);
            if (bound != null) {
                return bound;
            }
        }
        if (stateDirectory == null || stateDirectory.isBlank()) {
            throw new IllegalArgumentException("an update Kamelet needs a write ledger: name a WriteLedger bean "
                    + "(ledger) or a state directory (stateDirectory)");
        }
        Path directory = Path.of(stateDirectory.strip()).toAbsolutePath().normalize();
        return PerApplication.shared(context, "ticket-triage-ledger:" + directory, WriteLedger.class, () -> {
            FileWriteLedger ledger = FileWriteLedger.open(directory);
            try {
                context.addService(new ServiceSupport() {
                    @Override
                    protected void doStop() {
                        ledger.close();
                    }
                }, true, true);
            } catch (Exception e) {
                ledger.close();
                throw new IllegalStateException("cannot register the write ledger for shutdown", e);
            }
            return ledger;
        });
    }
}

