package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.KameletBean;
import io.tickettriage.adapter.Secret;

/**
 * What the OTOBO Kamelets' beans share: the web service, the agent's credentials and the retry settings, set as
 * named bean properties (so that any character is safe in a password), and the application's one
 * {@link OtoboClient} for that web service.
 */
abstract class OtoboBean<W> extends KameletBean<W> {

    private String baseUrl;
    private String userLogin;
    private String password;
    private String auth = "session";
    private String sessionRoute = "POST /Session";

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void setUserLogin(String userLogin) {
        this.userLogin = userLogin;
    }

    /** Text, or the {@link Secret} the adapter binds ({@code #bean:<desk>.otoboPassword}). */
    public void setPassword(Object password) {
        this.password = Secret.of(password);
    }

    public void setAuth(String auth) {
        this.auth = auth;
    }

    public void setSessionRoute(String sessionRoute) {
        this.sessionRoute = sessionRoute;
    }

    /** The shared client, with every setting checked. */
    OtoboClient client() {
        String url = required("baseUrl", baseUrl).replaceAll("/+$", "");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("the OTOBO baseUrl must be an http(s) URL, was '" + url + "'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the OTOBO password is empty: set OTOBO_PASSWORD");
        }
        OtoboAuthentication authentication = new OtoboAuthentication(OtoboAuthentication.sessionMode(auth),
                route("sessionRoute", sessionRoute), required("userLogin", userLogin), password);
        return OtoboClient.shared(context(), url, authentication, policy());
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
