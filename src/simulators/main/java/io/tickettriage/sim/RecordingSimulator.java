package io.tickettriage.sim;

import java.util.List;

/**
 * What every help-desk simulator offers a test besides its API: where it listens, the requests it answered, scripted
 * faults, and stopping.
 */
public abstract class RecordingSimulator implements AutoCloseable {

    private final SimulatorServer server;
    private final RequestJournal journal;
    private final FaultQueue faults;

    protected RecordingSimulator(SimulatorServer server, RequestJournal journal, FaultQueue faults) {
        this.server = server;
        this.journal = journal;
        this.faults = faults;
    }

    /** "http://127.0.0.1:&lt;port&gt;", without a trailing slash. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    /** Every request received so far, including refused and faulted ones, with the status each got. */
    public List<RecordedRequest> requests() {
        return journal.snapshot();
    }

    public void clearRequests() {
        journal.clear();
    }

    /**
     * Queues a scripted failure; faults are consumed in the order they were injected. Its path pattern is matched
     * against the path the simulator routes by (for OTOBO, the part after the web service's name).
     */
    public void injectFault(Fault fault) {
        faults.add(fault);
    }

    /** From now on, requests no scripted fault matches meet random faults drawn from {@code mix}; null stops them. */
    public void mixFaults(FaultMix mix) {
        faults.mix(mix);
    }

    /** Stops at once: requests in flight are cut off rather than waited for. */
    @Override
    public void close() {
        server.close();
    }
}
