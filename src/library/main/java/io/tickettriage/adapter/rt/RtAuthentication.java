package io.tickettriage.adapter.rt;

import io.tickettriage.adapter.HelpDeskHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * RT's {@code Authorization} header: an auth token ({@code token …}, RT's own "Auth Tokens" of the user's settings)
 * when there is one, else HTTP Basic with the user's name and password. The token wins when both are given. Every
 * character of a password is kept as it is: it only ever travels Base64-encoded. Equal when the header is equal.
 */
public final class RtAuthentication {

    private final String headerValue;
    private final List<String> secrets;
    private final String user;

    /**
     * @param token    the auth token, or empty to use the user and password
     * @param user     an RT user name, used only without a token
     * @param password its password
     * @throws IllegalArgumentException when neither is given, or the token cannot be one
     */
    public RtAuthentication(String token, String user, String password) {
        if (token != null && !token.isBlank()) {
            String trimmed = token.strip();
            if (trimmed.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("the RT auth token contains spaces or characters no RT token "
                        + "has: check RT_TOKEN (or the file RT_TOKEN_FILE names)");
            }
            this.headerValue = "token " + trimmed;
            this.secrets = List.of(trimmed);
            this.user = "";
        } else if (user != null && !user.isBlank() && password != null && !password.isEmpty()) {
            String encoded = Base64.getEncoder()
                    .encodeToString((user.strip() + ":" + password).getBytes(StandardCharsets.UTF_8));
            this.headerValue = "Basic " + encoded;
            this.secrets = List.of(password, encoded);
            this.user = user.strip();
        } else {
            throw new IllegalArgumentException("RT credentials are missing: set RT_TOKEN (or RT_TOKEN_FILE), or "
                    + "rt.user and RT_PASSWORD (or RT_PASSWORD_FILE)");
        }
    }

    /** Every text on the wire that would leak the credentials: the token, or the password and its encoding. */
    public List<String> secrets() {
        return secrets;
    }

    public boolean usesToken() {
        return headerValue.startsWith("token ");
    }

    /** For the startup line: "an auth token" or "user triage". */
    public String describe() {
        return usesToken() ? "an auth token" : "user " + user;
    }

    /** What to check when RT refuses these credentials. */
    public String hint() {
        return usesToken() ? "check RT_TOKEN or RT_TOKEN_FILE (an auth token of the RT user, which must be enabled "
                + "and privileged)" : "check rt.user and RT_PASSWORD or RT_PASSWORD_FILE";
    }

    /** The request with these credentials. */
    public HelpDeskHttp.Request authorize(HelpDeskHttp.Request request) {
        return request.withHeader("Authorization", headerValue);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RtAuthentication that && that.headerValue.equals(headerValue);
    }

    @Override
    public int hashCode() {
        return headerValue.hashCode();
    }

    @Override
    public String toString() {
        return "RtAuthentication[****]";
    }
}
