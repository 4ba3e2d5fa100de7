package io.tickettriage.adapter;

/**
 * A help desk refused a call in a way that is not an HTTP error status: OTOBO, for one, answers HTTP 200 with an
 * {@code Error} object. The adapter translates the refusal into the HTTP status that means the same, so that
 * {@code routes/error-handling.yaml} treats it like any other refusal: 401/403 fail the poll with a credentials
 * message, other 4xx dead-letter the ticket, 5xx are retried.
 */
public class HelpDeskApiException extends RuntimeException {

    private final int statusCode;
    private final String responseBody;

    /**
     * @param statusCode   the HTTP status with the same meaning (401 for an authentication failure …)
     * @param responseBody the help desk's error, as it sent it; must not contain secrets
     */
    public HelpDeskApiException(String message, int statusCode, String responseBody) {
        super(message);
        this.statusCode = statusCode;
        this.responseBody = responseBody;
    }

    /** Named like {@link org.apache.camel.http.base.HttpOperationFailedException}'s, so routes read both alike. */
    public int getStatusCode() {
        return statusCode;
    }

    public String getResponseBody() {
        return responseBody;
    }
}
