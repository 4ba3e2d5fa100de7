package io.tickettriage.adapter.otobo;

import io.tickettriage.triage.HelpDeskApiException;

/**
 * An operation error: OTOBO answered HTTP 200 with {@code {"Error":{"ErrorCode":…,"ErrorMessage":…}}}. Its kind and
 * status are those of the HTTP status with the same meaning, so that routes/error-handling.yaml and
 * {@link io.tickettriage.adapter.HelpDeskHttp} treat it as they treat any answer:
 * <ul>
 *   <li>{@code *.AuthFail} → refused credentials, 401: nothing more is sent until the next poll.</li>
 *   <li>{@code *.AccessDenied} → rejected, 404: OTOBO says this for a ticket that does not exist as well as for one
 *       the agent may not change, and it concerns that one ticket: it goes to the dead-letter store and the batch
 *       goes on (403 would stop every poll over one ticket in a queue the agent cannot write to).</li>
 *   <li>{@code *.MissingParameter}, {@code *.InvalidParameter}, {@code *.EmptyRequest}, {@code *.WrongStructure}
 *       → rejected, 422: the request was wrong for this ticket (e.g. a queue name that does not exist).</li>
 *   <li>anything else (e.g. {@code Webservice.InvalidConfiguration}) → unavailable, 500: retried, then the next poll
 *       tries again.</li>
 * </ul>
 */
public final class OtoboRefusal extends HelpDeskApiException {

    private final String errorCode;

    private OtoboRefusal(Kind kind, String message, int statusCode, String responseBody, String errorCode) {
        super(kind, message, statusCode, responseBody);
        this.errorCode = errorCode;
    }

    /**
     * @param what         what was refused, e.g. "TicketUpdate of ticket 3101"
     * @param responseBody the answer as received, secrets already blanked out
     */
    static OtoboRefusal of(String what, String errorCode, String errorMessage, String responseBody) {
        int status = statusFor(errorCode);
        String hint = status == 401 ? "; check otobo.user-login and OTOBO_PASSWORD (or the agent's validity)" : "";
        String verb = status == 500 ? "OTOBO failed " : "OTOBO refused ";
        return new OtoboRefusal(kindOf(status), verb + what + ": " + errorCode + " " + errorMessage + hint,
                status, responseBody, errorCode);
    }

    static int statusFor(String errorCode) {
        String kind = errorCode.substring(errorCode.indexOf('.') + 1);
        return switch (kind) {
            case "AuthFail" -> 401;
            case "AccessDenied" -> 404;
            case "MissingParameter", "InvalidParameter", "EmptyRequest", "WrongStructure" -> 422;
            default -> 500;
        };
    }

    /** E.g. {@code TicketGet.AccessDenied}. */
    public String errorCode() {
        return errorCode;
    }

    /** Whether OTOBO refused the credentials (not merely an expired session, which the client renews first). */
    boolean isAuthFail() {
        return errorCode.endsWith(".AuthFail");
    }
}
