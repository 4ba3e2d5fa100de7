package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.KameletBean;
import io.tickettriage.adapter.Secret;
import io.tickettriage.triage.PerApplication;

/**
 * What the beans of both Freshdesk Kamelets are configured with: the account, the key, the retry policy and the
 * rate-limit share, set as named Kamelet properties (so any character of a key is safe), and the application's one
 * shared {@link HelpDeskHttp} of that account, found through the Camel context.
 */
abstract class FreshdeskKameletBean<W> extends KameletBean<W> {

    private String baseUrl;
    private String apiKey;
    private double rateLimitShare = FreshdeskHttp.DEFAULT_SHARE;

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Text, or the {@link Secret} the adapter binds ({@code #bean:<desk>.freshdeskApiKey}). */
    public void setApiKey(Object apiKey) {
        this.apiKey = Secret.of(apiKey);
    }

    public void setRateLimitShare(double rateLimitShare) {
        this.rateLimitShare = rateLimitShare;
    }

    /** The shared client, after checking every setting it depends on; throws IllegalArgumentException naming one. */
    protected HelpDeskHttp http() {
        if (baseUrl == null || !baseUrl.matches("(?i)https?://\\S+")) {
            throw new IllegalArgumentException("the Freshdesk Kamelet property baseUrl must be an http(s) URL, was '"
                    + baseUrl + "'");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the Freshdesk Kamelet property apiKey is empty: set FRESHDESK_API_KEY");
        }
        FreshdeskHttp.requireShare(rateLimitShare);
        return FreshdeskHttp.shared(context(), baseUrl, apiKey, policy(), rateLimitShare);
    }

    /** The listed tags the fetch side leaves for the update side of the same account. */
    protected FreshdeskListedTags listedTags() {
        return PerApplication.shared(context(), FreshdeskListedTags.registryName(baseUrl),
                FreshdeskListedTags.class, FreshdeskListedTags::new);
    }
}
