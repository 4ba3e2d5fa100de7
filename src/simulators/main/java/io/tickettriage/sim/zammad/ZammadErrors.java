package io.tickettriage.sim.zammad;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.sim.Fault;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Zammad's error answers, as {@code ApplicationController::HandlesErrors} renders them: {@code {"error": …,
 * "error_human": …}} for the exception classes it humanizes (not found, unprocessable, authentication, routing),
 * a masked "Error ID …" for anything else, and an {@code X-Failure} header on 401 and 403.
 */
final class ZammadErrors {

    static final String AUTHENTICATION_REQUIRED = "Authentication required";
    static final String INVALID_TOKEN = "Can't find User for Token";
    static final String INVALID_BEARER = "The provided token is invalid.";
    static final String INVALID_BASIC = "Invalid BasicAuth credentials";
    static final String NOT_AUTHORIZED = "Not authorized";
    static final String TOKEN_ACCESS_DISABLED = "API token access disabled!";
    static final String ARTICLE_WITHOUT_BODY = "Need at least article: { body: \"some text\" }";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ZammadErrors() {
    }

    /** A humanized error: both fields carry the message. */
    static Reply humanized(int status, String message) {
        ObjectNode body = JSON.objectNode().put("error", message).put("error_human", message);
        return Reply.json(status, body);
    }

    /** {@code ActiveRecord::RecordNotFound}: e.g. "Couldn't find Ticket with 'id'=42". */
    static Reply notFound(String model, String id) {
        return humanized(404, "Couldn't find " + model + " with 'id'=" + id);
    }

    /** Zammad's catch-all route answers every path it does not know, before authentication. */
    static Reply noRoute(String method, String path) {
        return humanized(404, "No route matches [" + method + "] " + path);
    }

    static Reply unprocessable(String message) {
        return humanized(422, message);
    }

    /** An unknown name where the API takes names for ids, e.g. {@code "group": "Salez"}. */
    static Reply noLookupValue(String attribute, String value) {
        return unprocessable("No lookup value found for '" + attribute + "': " + rubyInspect(value));
    }

    /** Errors Zammad does not humanize (database errors, bugs) are masked for users without admin rights. */
    static Reply masked(int status) {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        String reference = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        return Reply.json(status, JSON.objectNode()
                .put("error", "Error ID " + reference + ": Please contact your administrator."));
    }

    static Reply unauthorized(String message) {
        return humanized(401, message).withHeader("X-Failure", message);
    }

    static Reply forbidden(String message) {
        return humanized(403, message).withHeader("X-Failure", message);
    }

    /** What a scripted {@link Fault} answers: the body Zammad (or the web server in front of it) gives. */
    static Reply forFault(Fault fault, String method, String path) {
        return switch (fault.status()) {
            case 401 -> unauthorized(INVALID_TOKEN);
            case 403 -> forbidden(NOT_AUTHORIZED);
            case 404 -> noRoute(method, path);
            case 422 -> unprocessable(ARTICLE_WITHOUT_BODY);
            case 500 -> masked(500);
            // Zammad itself never throttles; a 429 can only come from a proxy in front of it.
            case 429 -> fault.retryAfterSeconds() > 0
                    ? proxyPage(429).withHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()))
                    : proxyPage(429);
            default -> fault.status() >= 500 ? proxyPage(fault.status()) : humanized(fault.status(), "Simulated "
                    + fault.status());
        };
    }

    /** [GUESS] nginx's page for statuses Rails never sends itself (the reverse proxy of Zammad's packages). */
    private static Reply proxyPage(int status) {
        String reason = switch (status) {
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Error";
        };
        return Reply.html(status, "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n"
                + "<center><h1>" + status + " " + reason + "</h1></center>\r\n<hr><center>nginx</center>\r\n"
                + "</body>\r\n</html>\r\n");
    }

    /** Ruby's {@code String#inspect}, which Zammad uses to quote the value in lookup errors. */
    static String rubyInspect(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
