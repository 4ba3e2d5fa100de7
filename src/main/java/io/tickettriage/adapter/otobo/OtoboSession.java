package io.tickettriage.adapter.otobo;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SessionID a Kamelet reuses from call to call and poll to poll, with the login it belongs to: new credentials
 * start a new session. Thread-safe.
 */
final class OtoboSession {

    private record Current(String userLogin, String sessionId) {

        @Override
        public String toString() {
            return "Session[" + userLogin + ", ****]";
        }
    }

    private final AtomicReference<Current> current = new AtomicReference<>();

    Optional<String> id(String userLogin) {
        Current session = current.get();
        return session != null && session.userLogin().equals(userLogin) ? Optional.of(session.sessionId())
                : Optional.empty();
    }

    void created(String userLogin, String sessionId) {
        current.set(new Current(userLogin, sessionId));
    }

    /** Forgets {@code sessionId} if it is still the current one, so the next call creates a new session. */
    void refused(String sessionId) {
        current.updateAndGet(session -> session != null && session.sessionId().equals(sessionId) ? null : session);
    }

    @Override
    public String toString() {
        return "OtoboSession[****]";
    }
}
