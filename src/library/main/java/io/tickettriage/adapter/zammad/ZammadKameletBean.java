package io.tickettriage.adapter.zammad;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.KameletBean;
import io.tickettriage.adapter.Secret;

/**
 * What both Zammad Kamelet beans take as named properties: where Zammad is, the credentials and the retry policy.
 * The settings arrive through setters, never as constructor arguments, so a secret reaches the bean exactly as
 * configured, whatever characters it holds ({@code "}, {@code ,}, {@code \}). Each bean builds its worker on first
 * use, checking every setting with a message that names it.
 */
public abstract class ZammadKameletBean<W> extends KameletBean<W> {

    private String baseUrl;
    private String apiToken = "";
    private String username = "";
    private String password = "";

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Text, or the {@link Secret} the adapter binds ({@code #bean:<desk>.zammadApiToken}). */
    public void setApiToken(Object apiToken) {
        this.apiToken = Secret.of(apiToken);
    }

    public void setUsername(String username) {
        this.username = username == null ? "" : username;
    }

    /** Text, or the {@link Secret} the adapter binds ({@code #bean:<desk>.zammadPassword}). */
    public void setPassword(Object password) {
        this.password = Secret.of(password);
    }

    /** Checks the common settings and returns the application's client for this Zammad. */
    final HelpDeskHttp client(ZammadAuthentication authentication, String kamelet) {
        if (baseUrl == null || !baseUrl.strip().matches("(?i)https?://[^/\\s]+.*")) {
            throw new IllegalArgumentException(kamelet + ": baseUrl must be the Zammad's http(s) URL without "
                    + "/api/v1, was '" + baseUrl + "'");
        }
        return ZammadHttp.shared(context(), baseUrl, authentication, policy());
    }

    /** The credentials: the API token when there is one, else the login and password. */
    final ZammadAuthentication authentication(String kamelet) {
        try {
            return new ZammadAuthentication(apiToken, username, password);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kamelet + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        // Never the credentials.
        return getClass().getSimpleName() + "[" + baseUrl + "]";
    }
}
