package io.tickettriage.sim;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A scripted failure: the next {@code count} requests whose method and path match get {@code status} instead of
 * their normal answer, with the error body the simulated help desk gives for that status. Faulted requests are recorded
 * but change no tickets or notes.
 *
 * @param method            HTTP method, compared case-insensitively
 * @param pathRegex         must match the whole request path (no query), e.g. {@code /api/v2/tickets/\d+}
 * @param status            4xx or 5xx
 * @param retryAfterSeconds sent as {@code Retry-After} when status is 429, ignored otherwise
 * @param count             how many matching requests fail
 */
public record Fault(String method, String pathRegex, int status, int retryAfterSeconds, int count) {

    public Fault {
        Objects.requireNonNull(method, "method");
        Pattern.compile(pathRegex); // fail at injection time rather than on the first request
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault status must be 4xx or 5xx: " + status);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative: " + retryAfterSeconds);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
    }
}
