package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.HelpDeskApiException;

/**
 * An operation error: OTOBO answered HTTP 200 with {@code {"Error":{"ErrorCode":…,"ErrorMessage":…}}}. Its status
 * is the HTTP status with the same meaning, so that routes/error-handling.yaml treats it as it treats any refusal:
 * <ul>
 *   <li>{@code *.AuthFail} → 401: the credentials are wrong; the poll fails with a credentials message.</li>
 *   <li>{@code *.AccessDenied} → 404: OTOBO says this for a ticket that does not exist as well as for one the agent
 *       may not change, and it concerns that one ticket: it goes to the dead-letter store and the batch goes on
 *       (403 would fail every poll over one ticket in a queue the agent cannot write to).</li>
 *   <li>{@code *.MissingParameter}, {@code *.InvalidParameter}, {@code *.EmptyRequest}, {@code *.WrongStructure}
 *       → 422: the request was wrong for this ticket (e.g. a queue name that does not exist); dead-lettered.</li>
 *   <li>anything else (e.g. {@code Webservice.InvalidConfiguration}) → 500: retried, then the poll fails.</li>
 * </ul>
 */
public final class OtoboRefusal extends HelpDeskApiException {

    private final String errorCode;

    private OtoboRefusal(String message, int statusCode, String responseBody, String errorCode) {
        super(message, statusCode, responseBody);
        this.errorCode = errorCode;
    }

    /**
     * @param what         what was refused, e.g. "TicketUpdate of ticket 3101"
     * @param responseBody the answer as received (it never contains credentials: OTOBO does not echo them)
     */
    static OtoboRefusal of(String what, String errorCode, String errorMessage, String responseBody) {
        int status = statusFor(errorCode);
        String hint = status == 401 ? "; check otobo.user-login and OTOBO_PASSWORD (or the agent's validity)" : "";
        return new OtoboRefusal("OTOBO refused " + what + ": " + errorCode + " " + errorMessage + hint, status,
                responseBody, errorCode);
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
}
