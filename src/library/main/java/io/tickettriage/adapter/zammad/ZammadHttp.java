package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.adapter.HelpDeskClients;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HttpPolicy;
import io.tickettriage.config.SecretRedactor;
import java.io.IOException;
import java.util.List;
import org.apache.camel.CamelContext;

/**
 * Zammad's side of the shared {@link HelpDeskHttp}: its error bodies ({@code {"error": …}}), its credentials and
 * the one client per Zammad, credentials and policy that the startup check, the fetch Kamelet and the update Kamelet
 * share ({@link #shared}); training builds its own ({@link #standalone}).
 *
 * <p>Zammad answers 403 for two different things. {@code {"error":"Not authorized"}} (its policy check) on a call
 * about one ticket means this agent may not change that ticket: that ticket is refused, the others go on. Any other
 * 403 ("API token access disabled!", "API password access disabled!", "Authentication required") refuses the
 * account, like a 401: the poll stops.
 */
final class ZammadHttp {

    static final String NAME = "Zammad";
    /** Zammad's answer for an agent who may not do this to this ticket. */
    static final String NOT_AUTHORIZED = "Not authorized";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ZammadHttp() {
    }

    /** Everything a client is made from: parts of an application asking with equal ones share it. */
    private record Key(String baseUrl, ZammadAuthentication authentication, HttpPolicy policy) {
    }

    /**
     * The application's client for the Zammad at {@code baseUrl} with these credentials and this policy, made on
     * first use.
     */
    static HelpDeskHttp shared(CamelContext context, String baseUrl, ZammadAuthentication authentication,
                               HttpPolicy policy) {
        String url = baseUrl.strip().replaceAll("/+$", "");
        return HelpDeskClients.shared(context, new Key(url, authentication, policy), HelpDeskHttp.class,
                () -> standalone(context, url, authentication, policy, HelpDeskHttp.Pause.REAL_TIME));
    }

    /**
     * A client of its own, for work outside an application (training). Zammad has no API rate limit, so nothing
     * paces it; a 429 from a proxy in front of it still waits as its Retry-After asks.
     */
    static HelpDeskHttp standalone(CamelContext context, String baseUrl, ZammadAuthentication authentication,
                                   HttpPolicy policy, HelpDeskHttp.Pause pause) {
        return new HelpDeskHttp(context, desk(authentication), baseUrl.strip().replaceAll("/+$", ""), policy,
                HelpDeskHttp.Pacer.NONE, pause);
    }

    static HelpDeskHttp.Desk desk(ZammadAuthentication authentication) {
        List<String> secrets = authentication.secrets();
        return new HelpDeskHttp.Desk(NAME, authentication::authorize, ZammadHttp::error, authentication.hint(),
                new SecretRedactor(secrets)::redact, answer -> !NOT_AUTHORIZED.equals(error(answer.body())));
    }

    /** Zammad's error text from an error body, or empty. */
    static String error(String body) {
        try {
            JsonNode error = JSON.readTree(body == null ? "" : body);
            if (error != null && error.path("error").isTextual()) {
                return error.get("error").asText();
            }
        } catch (IOException notJson) {
            // an HTML page from a proxy says nothing useful
        }
        return "";
    }


    /** {@code /api/v1/…} under the base URL. */
    static String url(HelpDeskHttp http, String path) {
        return http.baseUrl() + path;
    }
}
