package io.tickettriage.sim;

import java.util.ArrayList;
import java.util.List;

/** Every request the simulator answered, in the order the answers were decided. */
public final class RequestJournal {

    private final List<RecordedRequest> entries = new ArrayList<>();

    public synchronized void add(RecordedRequest request) {
        entries.add(request);
    }

    public synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
