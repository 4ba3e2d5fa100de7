package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.adapter.HelpDeskClients;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HttpPolicy;
import io.tickettriage.adapter.RateLimitPacer;
import io.tickettriage.adapter.Secret;
import io.tickettriage.config.SecretRedactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.camel.CamelContext;

/**
 * Freshdesk's side of the one {@link HelpDeskHttp} path: Basic authentication with the API key as user name and
 * {@code X} as password, Freshdesk's error bodies in words, and the {@link RateLimitPacer} that keeps our calls to a
 * share of the account's per-minute budget ({@code X-RateLimit-Total}). The fetch and update Kamelets and the
 * startup checks of one application share one client per account, key and policy ({@link #shared}); training builds
 * its own ({@link #standalone}).
 */
public final class FreshdeskHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FreshdeskHttp() {
    }

    /** Everything a client is made from: parts of an application asking with equal ones share it. */
    private record Key(String baseUrl, Secret apiKey, HttpPolicy policy, double share) {
    }

    /** The application's client for these settings' account, key, policy and share. */
    static HelpDeskHttp shared(CamelContext context, FreshdeskSettings settings) {
        return shared(context, settings.baseUrl(), settings.apiKey().value(), settings.policy(),
                settings.rateLimitShare());
    }

    /**
     * The application's client of the Freshdesk at {@code baseUrl} for this key, policy and share, created by whoever
     * asks first.
     */
    public static HelpDeskHttp shared(CamelContext context, String baseUrl, String apiKey, HttpPolicy policy,
                                      double share) {
        String url = baseUrl.replaceAll("/+$", "");
        return HelpDeskClients.shared(context, new Key(url, new Secret(apiKey), policy, share), HelpDeskHttp.class,
                () -> standalone(context, url, apiKey, policy, share, HelpDeskHttp.Pause.REAL_TIME));
    }

    /** A client of its own (training), waiting through {@code pause}. */
    public static HelpDeskHttp standalone(CamelContext context, String baseUrl, String apiKey, HttpPolicy policy,
                                          double share, HelpDeskHttp.Pause pause) {
        return new HelpDeskHttp(context, desk(apiKey), baseUrl, policy, new RateLimitPacer(share, Clock.systemUTC()),
                pause);
    }

    /** What is particular to Freshdesk in the shared client. */
    static HelpDeskHttp.Desk desk(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the Freshdesk API key is empty: set FRESHDESK_API_KEY");
        }
        String credentials = Base64.getEncoder()
                .encodeToString((apiKey.trim() + ":X").getBytes(StandardCharsets.UTF_8));
        String header = "Basic " + credentials;
        SecretRedactor redactor = new SecretRedactor(List.of(apiKey, apiKey.trim(), credentials));
        return new HelpDeskHttp.Desk("Freshdesk", request -> request.withHeader("Authorization", header),
                FreshdeskHttp::errorDetail, "check FRESHDESK_API_KEY and its agent's permissions", redactor::redact);
    }

    /**
     * The error's own words: a request error's {@code code} (and {@code message} where the code alone says little),
     * a validation error's field messages, or a base error's message.
     */
    static String errorDetail(String body) {
        JsonNode error;
        try {
            error = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            return "";
        }
        if (error == null || !error.isObject()) {
            return "";
        }
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        if (!code.isEmpty()) {
            return code.equals("invalid_credentials") || message.isEmpty() ? code : code + ": " + message;
        }
        List<String> fields = new ArrayList<>();
        error.path("errors").forEach(field -> fields.add(field.path("field").asText() + ": "
                + field.path("message").asText()));
        if (!fields.isEmpty()) {
            return String.join("; ", fields);
        }
        return message;
    }
}
