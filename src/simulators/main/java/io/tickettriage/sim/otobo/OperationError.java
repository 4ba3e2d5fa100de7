package io.tickettriage.sim.otobo;

/**
 * An operation's refusal through Common.pm's ReturnError: HTTP 200 with {@code {"Error":{"ErrorCode":…,
 * "ErrorMessage":…}}}.
 */
final class OperationError extends Exception {

    private final String code;

    OperationError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
