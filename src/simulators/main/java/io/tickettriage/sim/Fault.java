package io.tickettriage.sim;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A scripted failure for the next {@code count} requests whose method and path match.
 *
 * <ul>
 *   <li>{@link Kind#STATUS}: answered with {@code status} and the error body the help desk gives for it; nothing
 *       changes.</li>
 *   <li>{@link Kind#RESET}: the connection is closed before any answer; nothing changes.</li>
 *   <li>{@link Kind#GARBLED}: handled as usual, but the answer's body is cut short, as a broken proxy sends it.</li>
 *   <li>{@link Kind#APPLIED_THEN_FAILED}: handled as usual (the change lands), then answered with {@code status}
 *       (a 5xx) instead of the real answer, or, with status 0, the connection is closed: the answer is lost.</li>
 * </ul>
 *
 * @param method            HTTP method, compared case-insensitively
 * @param pathRegex         must match the whole request path (no query), e.g. {@code /api/v2/tickets/\d+}
 * @param kind              what goes wrong
 * @param status            4xx or 5xx for STATUS, 5xx or 0 (a reset) for APPLIED_THEN_FAILED, ignored otherwise
 * @param retryAfterSeconds sent as {@code Retry-After} when status is 429, ignored otherwise
 * @param count             how many matching requests fail
 */
public record Fault(String method, String pathRegex, Kind kind, int status, int retryAfterSeconds, int count) {

    public enum Kind { STATUS, RESET, GARBLED, APPLIED_THEN_FAILED }

    public Fault {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(kind, "kind");
        Pattern.compile(pathRegex); // fail at injection time rather than on the first request
        if (kind == Kind.STATUS && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("a fault status must be 4xx or 5xx: " + status);
        }
        if (kind == Kind.APPLIED_THEN_FAILED && status != 0 && (status < 500 || status > 599)) {
            throw new IllegalArgumentException("an applied-then-failed write answers 5xx or 0 (reset): " + status);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative: " + retryAfterSeconds);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
    }

    /** The help desk answers {@code status} instead of handling the request. */
    public Fault(String method, String pathRegex, int status, int retryAfterSeconds, int count) {
        this(method, pathRegex, Kind.STATUS, status, retryAfterSeconds, count);
    }

    public static Fault reset(String method, String pathRegex, int count) {
        return new Fault(method, pathRegex, Kind.RESET, 0, 0, count);
    }

    public static Fault garbled(String method, String pathRegex, int count) {
        return new Fault(method, pathRegex, Kind.GARBLED, 0, 0, count);
    }

    /** @param status 5xx, or 0 for a connection closed after the change landed */
    public static Fault appliedThenFailed(String method, String pathRegex, int status, int count) {
        return new Fault(method, pathRegex, Kind.APPLIED_THEN_FAILED, status, 0, count);
    }

    /** Whether the simulator handles the request (and so applies a write) before the fault strikes. */
    public boolean handlesRequest() {
        return kind == Kind.GARBLED || kind == Kind.APPLIED_THEN_FAILED;
    }

    /** The body a GARBLED answer sends instead of {@code body}: its first part, as a cut connection leaves it. */
    public static byte[] garble(byte[] body) {
        int keep = Math.max(1, body.length / 2);
        byte[] cut = java.util.Arrays.copyOf(body, Math.min(keep, body.length));
        return cut.length == 0 ? new byte[] {'{'} : cut;
    }
}
