package io.tickettriage.adapter.otobo;

/**
 * A dialogue with the web service that the Kamelets drive through camel-http, one request at a time: while
 * {@link #hasNext()}, send {@link #next()} and hand the answer to {@link #accept}. Keeping the HTTP calls in the
 * Kamelets keeps them Camel's: its timeouts, its retries of network faults, its error handling.
 */
public interface OtoboConversation {

    /** The name of the exchange variable the Kamelets keep the conversation in. */
    String VARIABLE = "conversation";

    boolean hasNext();

    OtoboRequest next();

    /**
     * Takes the answer to the last {@link #next()}.
     *
     * @throws io.tickettriage.adapter.HelpDeskApiException when the web service refused or failed; the conversation
     *                                                      is then unchanged, so the same request may be sent again
     */
    void accept(int status, String body);
}
