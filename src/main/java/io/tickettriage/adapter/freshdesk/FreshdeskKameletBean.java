package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HttpPolicy;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * What the beans of both Freshdesk Kamelets are configured with: the account, the key, the retry policy and the
 * rate-limit share, set as named Kamelet properties (so any character of a key is safe), and the application's one
 * shared {@link HelpDeskHttp} of that account, found through the Camel context.
 */
abstract class FreshdeskKameletBean implements CamelContextAware {

    private CamelContext camelContext;
    private String baseUrl;
    private String apiKey;
    private double rateLimitShare = FreshdeskHttp.DEFAULT_SHARE;
    private int rateLimitedAttempts = HttpPolicy.DEFAULT.rateLimitedAttempts();
    private int serverErrorAttempts = HttpPolicy.DEFAULT.serverErrorAttempts();
    private long retryDelay = HttpPolicy.DEFAULT.initialDelay().toMillis();

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public void setRateLimitShare(double rateLimitShare) {
        this.rateLimitShare = rateLimitShare;
    }

    public void setRateLimitedAttempts(int rateLimitedAttempts) {
        this.rateLimitedAttempts = rateLimitedAttempts;
    }

    public void setServerErrorAttempts(int serverErrorAttempts) {
        this.serverErrorAttempts = serverErrorAttempts;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    /** The shared client, after checking every setting it depends on; throws IllegalArgumentException naming one. */
    protected HelpDeskHttp http() {
        if (camelContext == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs its Camel context");
        }
        if (baseUrl == null || !baseUrl.matches("(?i)https?://\\S+")) {
            throw new IllegalArgumentException("the Freshdesk Kamelet property baseUrl must be an http(s) URL, was '"
                    + baseUrl + "'");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the Freshdesk Kamelet property apiKey is empty: set FRESHDESK_API_KEY");
        }
        FreshdeskHttp.requireShare(rateLimitShare);
        if (rateLimitedAttempts < 0 || serverErrorAttempts < 0 || retryDelay < 0) {
            throw new IllegalArgumentException("the Freshdesk Kamelet properties rateLimitedAttempts ("
                    + rateLimitedAttempts + "), serverErrorAttempts (" + serverErrorAttempts + ") and retryDelay ("
                    + retryDelay + " ms) must not be negative");
        }
        HttpPolicy policy = new HttpPolicy(rateLimitedAttempts, serverErrorAttempts, Duration.ofMillis(retryDelay),
                HttpPolicy.DEFAULT.longestWait(), HttpPolicy.DEFAULT.requestTimeout());
        return FreshdeskHttp.shared(camelContext, baseUrl, apiKey, policy, rateLimitShare);
    }

    /** The listed tags the fetch side leaves for the update side of the same account. */
    protected FreshdeskListedTags listedTags() {
        return io.tickettriage.adapter.SharedClients.shared(camelContext, FreshdeskListedTags.registryName(baseUrl),
                FreshdeskListedTags.class, FreshdeskListedTags::new);
    }
}
