package io.tickettriage.adapter.zammad;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sets Zammad's {@code Authorization} header: the API token ({@code Token token=…}) when there is one, else HTTP
 * Basic with a login and password. A header rather than camel-http's auth options keeps credentials out of endpoint
 * URIs, which Camel logs.
 */
public final class ZammadAuthentication implements Processor {

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

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setHeader("Authorization", headerValue);
    }

    @Override
    public String toString() {
        return "ZammadAuthentication[****]";
    }
}
