package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.Secret;

import io.tickettriage.adapter.HttpPolicy;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * What the OTOBO Kamelets' beans share: the web service, the agent's credentials and the retry settings, set as
 * named bean properties (so that any character is safe in a password), and the application's one
 * {@link OtoboClient} for that web service.
 */
abstract class OtoboBean implements CamelContextAware {

    private CamelContext camelContext;
    private String baseUrl;
    private String userLogin;
    private String password;
    private String auth = "session";
    private String sessionRoute = "POST /Session";
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

    public void setUserLogin(String userLogin) {
        this.userLogin = userLogin;
    }

    /** Text, or the {@link Secret} the adapter binds ({@code #bean:otoboPassword}). */
    public void setPassword(Object password) {
        this.password = Secret.of(password);
    }

    public void setAuth(String auth) {
        this.auth = auth;
    }

    public void setSessionRoute(String sessionRoute) {
        this.sessionRoute = sessionRoute;
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

    /** The shared client, with every setting checked. */
    OtoboClient client() {
        if (camelContext == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs its CamelContext: use it from a "
                    + "Kamelet or a route, which sets it");
        }
        String url = required("baseUrl", baseUrl).replaceAll("/+$", "");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("the OTOBO baseUrl must be an http(s) URL, was '" + url + "'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the OTOBO password is empty: set OTOBO_PASSWORD");
        }
        if (rateLimitedAttempts < 0 || serverErrorAttempts < 0 || retryDelay < 0) {
            throw new IllegalArgumentException("the OTOBO retry settings must not be negative: rateLimitedAttempts "
                    + rateLimitedAttempts + ", serverErrorAttempts " + serverErrorAttempts + ", retryDelay "
                    + retryDelay);
        }
        OtoboAuthentication authentication = new OtoboAuthentication(OtoboAuthentication.sessionMode(auth),
                route("sessionRoute", sessionRoute), required("userLogin", userLogin), password);
        HttpPolicy policy = new HttpPolicy(rateLimitedAttempts, serverErrorAttempts, Duration.ofMillis(retryDelay),
                HttpPolicy.DEFAULT.longestWait(), HttpPolicy.DEFAULT.requestTimeout());
        return OtoboClient.shared(camelContext, url, authentication, policy);
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the OTOBO Kamelet property " + name + " is not set");
        }
        return value.strip();
    }

    static OtoboRoute route(String name, String value) {
        try {
            return OtoboRoute.parse(required(name, value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the OTOBO Kamelet property " + name + ": " + e.getMessage());
        }
    }
}
