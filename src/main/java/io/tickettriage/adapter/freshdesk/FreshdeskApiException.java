package io.tickettriage.adapter.freshdesk;

/**
 * Freshdesk could not be read: unreachable, the key refused, the rate limit never lifted. The message is one line that
 * says what to do, with the account's URL and never the API key.
 */
public class FreshdeskApiException extends RuntimeException {

    public FreshdeskApiException(String message) {
        super(message);
    }
}
