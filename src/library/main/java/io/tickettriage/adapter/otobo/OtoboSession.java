package io.tickettriage.adapter.otobo;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SessionID the client reuses from call to call and poll to poll, and every SessionID it was ever given, so that
 * none of them reaches a log or a dead letter. Thread-safe.
 */
final class OtoboSession {

    private final AtomicReference<String> current = new AtomicReference<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    Optional<String> id() {
        return Optional.ofNullable(current.get());
    }

    void created(String sessionId) {
        issued.add(sessionId);
        current.set(sessionId);
    }

    /** Forgets {@code sessionId} if it is still the current one, so the next call creates a new session. */
    void expired(String sessionId) {
        current.compareAndSet(sessionId, null);
    }

    /** Every SessionID handed out so far, for redaction. */
    Set<String> issued() {
        return issued;
    }

    @Override
    public String toString() {
        return "OtoboSession[****]";
    }
}
