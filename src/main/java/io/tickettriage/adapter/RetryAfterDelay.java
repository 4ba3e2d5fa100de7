package io.tickettriage.adapter;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Makes Camel's redelivery wait exactly as long as a rate-limited help desk asks ({@code Retry-After} seconds).
 * Runs as the {@code onExceptionOccurred} hook: Camel reads {@value Exchange#REDELIVERY_DELAY} before it falls back
 * to the policy's delay. HttpClient's own automatic retries are switched off so that the 429 reaches Camel.
 */
public final class RetryAfterDelay implements Processor {

    private final Duration fallback;
    private final Duration maximum;

    /**
     * @param fallback wait when the answer has no usable Retry-After
     * @param maximum  longest wait honoured, so a broken header cannot park the poller for hours
     */
    public RetryAfterDelay(Duration fallback, Duration maximum) {
        this.fallback = fallback;
        this.maximum = maximum;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause instanceof HttpOperationFailedException http && http.getStatusCode() == 429) {
            Duration wait = retryAfter(http.getResponseHeaders());
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis());
        }
    }

    private Duration retryAfter(Map<String, String> headers) {
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                // Header names keep the server's casing, so compare without case.
                if (header.getKey().equalsIgnoreCase("Retry-After") && header.getValue() != null) {
                    try {
                        long seconds = Long.parseLong(header.getValue().trim());
                        Duration wait = Duration.ofSeconds(Math.max(1, seconds));
                        return wait.compareTo(maximum) > 0 ? maximum : wait;
                    } catch (NumberFormatException ignored) {
                        // An HTTP-date Retry-After is allowed by RFC 9110 but not sent by the desks we support.
                    }
                }
            }
        }
        return fallback;
    }
}
