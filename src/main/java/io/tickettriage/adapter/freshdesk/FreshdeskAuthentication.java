package io.tickettriage.adapter.freshdesk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sets Freshdesk's Basic authentication (API key as user name, {@code X} as password) as a header. Doing it here
 * rather than with camel-http's {@code authUsername} keeps the key out of endpoint URIs, which Camel logs and does not
 * mask for user names.
 */
public final class FreshdeskAuthentication implements Processor {

    private final String headerValue;

    public FreshdeskAuthentication(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the Freshdesk API key is empty: set FRESHDESK_API_KEY");
        }
        this.headerValue = "Basic " + Base64.getEncoder()
                .encodeToString((apiKey.trim() + ":X").getBytes(StandardCharsets.UTF_8));
    }

    public String headerValue() {
        return headerValue;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setHeader("Authorization", headerValue);
    }

    @Override
    public String toString() {
        return "FreshdeskAuthentication[****]";
    }
}
