package io.tickettriage.adapter.zammad;

import io.tickettriage.adapter.HelpDeskHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Zammad's {@code Authorization} header: the API token ({@code Token token=…}) when there is one, else HTTP Basic
 * with a login and password. Every character of a password is kept as it is (quotes, commas, backslashes): it only
 * ever travels Base64-encoded. Equal when the header is equal.
 */
public final class ZammadAuthentication {

    private final String headerValue;
    private final List<String> secrets;

    /**
     * @param apiToken the token, or empty to use the login
     * @param username a Zammad login, used only without a token
     * @param password its password
     */
    public ZammadAuthentication(String apiToken, String username, String password) {
        if (apiToken != null && !apiToken.isBlank()) {
            String token = apiToken.trim();
            if (token.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == ',' || c == ';')) {
                throw new IllegalArgumentException("the Zammad API token contains spaces, quotes, commas or "
                        + "semicolons, which no Zammad token does: check ZAMMAD_API_TOKEN");
            }
            this.headerValue = "Token token=" + token;
            this.secrets = List.of(token);
        } else if (username != null && !username.isBlank() && password != null && !password.isEmpty()) {
            String encoded = Base64.getEncoder()
                    .encodeToString((username.trim() + ":" + password).getBytes(StandardCharsets.UTF_8));
            this.headerValue = "Basic " + encoded;
            this.secrets = List.of(password, encoded);
        } else {
            throw new IllegalArgumentException("Zammad credentials are missing: set ZAMMAD_API_TOKEN, or "
                    + "ZAMMAD_USERNAME and ZAMMAD_PASSWORD");
        }
    }

    public String headerValue() {
        return headerValue;
    }

    /** Every text on the wire that would leak the credentials: the token, or the password and its encoding. */
    public List<String> secrets() {
        return secrets;
    }

    public boolean usesToken() {
        return headerValue.startsWith("Token ");
    }

    /** What to check when Zammad refuses these credentials. */
    public String hint() {
        return usesToken() ? "check ZAMMAD_API_TOKEN (a token of an agent, with the ticket.agent scope)"
                : "check ZAMMAD_USERNAME and ZAMMAD_PASSWORD";
    }

    /** The request with these credentials. */
    public HelpDeskHttp.Request authorize(HelpDeskHttp.Request request) {
        return request.withHeader("Authorization", headerValue);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ZammadAuthentication that && that.headerValue.equals(headerValue);
    }

    @Override
    public int hashCode() {
        return headerValue.hashCode();
    }

    @Override
    public String toString() {
        return "ZammadAuthentication[****]";
    }
}
