package io.tickettriage.triage;

import java.time.Instant;
import java.util.Optional;

/**
 * The one error type of every help-desk call, whichever the help desk and whoever calls (the Kamelets, the startup
 * checks, training). Its message is one line for the operator that never contains a secret. What the pipeline does
 * with it depends only on its {@link Kind}, see {@code routes/error-handling.yaml}.
 */
public class HelpDeskApiException extends RuntimeException {

    /** What went wrong, as far as what to do next is concerned. */
    public enum Kind {
        /** The help desk refused our credentials: nothing more is sent with them until the next poll. */
        REFUSED_CREDENTIALS,
        /** The help desk refused this one request for good (a 4xx about one ticket): the ticket is dead-lettered. */
        REJECTED,
        /** The help desk could not be reached or kept failing after every retry: the next poll tries again. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final int statusCode;
    private final String responseBody;
    private final Instant ticketUpdatedAt;

    /**
     * @param statusCode   the HTTP status (or, for a help desk that reports refusals in a 200, the status with the
     *                     same meaning); 0 when there was no answer
     * @param responseBody the help desk's error as it sent it, with secrets already blanked out
     */
    public HelpDeskApiException(Kind kind, String message, int statusCode, String responseBody) {
        this(kind, message, statusCode, responseBody, null);
    }

    private HelpDeskApiException(Kind kind, String message, int statusCode, String responseBody,
                                 Instant ticketUpdatedAt) {
        super(message);
        this.kind = kind;
        this.statusCode = statusCode;
        this.responseBody = responseBody;
        this.ticketUpdatedAt = ticketUpdatedAt;
    }

    /** The kind an HTTP status stands for: 401 refused credentials, 429 and 5xx unavailable, any other 4xx rejected. */
    public HelpDeskApiException(String message, int statusCode, String responseBody) {
        this(kindOf(statusCode), message, statusCode, responseBody);
    }

    public static Kind kindOf(int statusCode) {
        if (statusCode == 401) {
            return Kind.REFUSED_CREDENTIALS;
        }
        if (statusCode == 0 || statusCode == 429 || statusCode >= 500) {
            return Kind.UNAVAILABLE;
        }
        return Kind.REJECTED;
    }

    public Kind kind() {
        return kind;
    }

    /** For the routes' Simple expressions. */
    public boolean isRefusedCredentials() {
        return kind == Kind.REFUSED_CREDENTIALS;
    }

    public boolean isUnavailable() {
        return kind == Kind.UNAVAILABLE;
    }

    public boolean isRejected() {
        return kind == Kind.REJECTED;
    }

    public int getStatusCode() {
        return statusCode;
    }

    public String getResponseBody() {
        return responseBody;
    }

    /**
     * The same refusal of a call the help desk applied in part (RT refuses one change of an update in a 200 and makes
     * the others): the ticket changed, and this is its new change time. The dead letter is kept under that version,
     * so that the next poll does not take our own partial change for an agent's and try the ticket again.
     */
    public HelpDeskApiException appliedInPart(Instant updatedAt) {
        return new HelpDeskApiException(kind, getMessage() + " (the rest of the update was applied: the ticket changed "
                + "at " + updatedAt + ")", statusCode, responseBody, updatedAt);
    }

    /** The ticket's change time after a call applied in part ({@link #appliedInPart}). */
    public Optional<Instant> ticketUpdatedAt() {
        return Optional.ofNullable(ticketUpdatedAt);
    }
}
