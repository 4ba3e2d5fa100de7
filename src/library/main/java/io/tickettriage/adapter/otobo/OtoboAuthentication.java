package io.tickettriage.adapter.otobo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How requests authenticate; GenericInterface takes credentials in the request data, never in headers.
 * <ul>
 *   <li>{@code session}: one SessionCreate ({@code POST /Session} with login and password in the body), then the
 *       SessionID on every call. OTOBO ends GenericInterface sessions after SessionMaxIdleTime (2 hours) however
 *       busy they are, so an AuthFail renews the session once before it counts as a refusal.</li>
 *   <li>{@code password}: UserLogin and Password on every call — in the query string of GET routes.</li>
 * </ul>
 * {@link #toString()} masks the password.
 *
 * @param sessions     true for session mode
 * @param sessionRoute the SessionCreate route
 */
public record OtoboAuthentication(boolean sessions, OtoboRoute sessionRoute, String userLogin, String password) {

    public OtoboAuthentication {
        if (userLogin == null || userLogin.isBlank()) {
            throw new IllegalArgumentException("the OTOBO agent login is empty: set otobo.user-login");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the OTOBO password is empty: set OTOBO_PASSWORD");
        }
        userLogin = userLogin.strip();
    }

    /** Whether {@code mode} (session or password, any case) means sessions. */
    static boolean sessionMode(String mode) {
        String normalised = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        if (!normalised.equals("session") && !normalised.equals("password")) {
            throw new IllegalArgumentException("the OTOBO auth mode must be session or password, was '" + mode + "'");
        }
        return normalised.equals("session");
    }

    /** What identifies a call: the SessionID, or login and password. */
    Map<String, Object> credentials(String sessionId) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        if (sessions) {
            credentials.put("SessionID", sessionId);
        } else {
            credentials.put("UserLogin", userLogin);
            credentials.put("Password", password);
        }
        return credentials;
    }

    /** {@code text} with the password (plain and URL-encoded) and the given SessionIDs blanked out. */
    String redact(String text, Iterable<String> sessionIds) {
        if (text == null) {
            return null;
        }
        String redacted = text.replace(password, "****")
                .replace(URLEncoder.encode(password, StandardCharsets.UTF_8), "****")
                .replace(URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20"), "****");
        for (String id : sessionIds) {
            if (id != null && !id.isEmpty()) {
                redacted = redacted.replace(id, "****");
            }
        }
        return redacted;
    }

    @Override
    public String toString() {
        return "OtoboAuthentication[" + (sessions ? "session" : "password") + ", " + userLogin + ", ****]";
    }
}
