package io.tickettriage.adapter;

import java.io.IOException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Apache HttpClient's own retries, switched off for the help-desk-request-action Kamelet: by default it resends a GET
 * answered 429 or 503 after the Retry-After by itself (and an idempotent request whose connection broke), out of
 * sight of {@link HelpDeskHttp}, whose policy (its own budget for 429s, the guards against writing twice) must be the
 * only one. Set on the endpoint ({@code httpClient.retryStrategy}) rather than the component's
 * {@code automaticRetriesDisabled}, so that it holds in any Camel application that uses the Kamelet, whatever its
 * component configuration.
 */
public final class NoAutomaticRetries implements HttpRequestRetryStrategy {

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}
