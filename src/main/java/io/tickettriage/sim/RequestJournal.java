package io.tickettriage.sim;

import java.util.ArrayList;
import java.util.List;

/** Every request the simulator answered, in the order the answers were decided. */
final class RequestJournal {

    private final List<RecordedRequest> entries = new ArrayList<>();

    synchronized void add(RecordedRequest request) {
        entries.add(request);
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}
