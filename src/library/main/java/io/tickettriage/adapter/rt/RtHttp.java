package io.tickettriage.adapter.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.adapter.HelpDeskClients;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HttpPolicy;
import io.tickettriage.config.SecretRedactor;
import java.io.IOException;
import org.apache.camel.CamelContext;

/**
 * RT's side of the shared {@link HelpDeskHttp}: its error bodies ({@code {"message": …}}), its credentials and the
 * one client per RT, credentials and policy that the startup check, the fetch Kamelet and the update Kamelet share
 * ({@link #shared}); training builds its own ({@link #standalone}). Every path is under {@code <base-url>/REST/2.0}.
 */
final class RtHttp {

    static final String NAME = "RT";
    static final String REST = "/REST/2.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RtHttp() {
    }

    /** Everything a client is made from: parts of an application asking with equal ones share it. */
    private record Key(String baseUrl, RtAuthentication authentication, HttpPolicy policy) {
    }

    static HelpDeskHttp shared(CamelContext context, String baseUrl, RtAuthentication authentication,
                               HttpPolicy policy) {
        return HelpDeskClients.shared(context, new Key(baseUrl, authentication, policy), HelpDeskHttp.class,
                () -> standalone(context, baseUrl, authentication, policy, HelpDeskHttp.Pause.REAL_TIME));
    }

    /**
     * A client of its own, for work outside an application (training). RT has no API rate limit, so nothing paces
     * it; a 429 from a proxy in front of it still waits as its Retry-After asks.
     */
    static HelpDeskHttp standalone(CamelContext context, String baseUrl, RtAuthentication authentication,
                                   HttpPolicy policy, HelpDeskHttp.Pause pause) {
        return new HelpDeskHttp(context, new HelpDeskHttp.Desk(NAME, authentication::authorize, RtHttp::error,
                authentication.hint(), new SecretRedactor(authentication.secrets())::redact), baseUrl, policy,
                HelpDeskHttp.Pacer.NONE, pause);
    }

    /** RT's words from an error body ({@code {"message":"Unauthorized"}}), or empty. */
    static String error(String body) {
        try {
            JsonNode error = JSON.readTree(body == null ? "" : body);
            if (error != null && error.path("message").isTextual()) {
                return error.get("message").asText();
            }
        } catch (IOException notJson) {
            // an HTML page from RT's web UI or a proxy says nothing useful
        }
        return "";
    }

    /** {@code <base-url>/REST/2.0<path>}. */
    static String url(HelpDeskHttp http, String path) {
        return http.baseUrl() + REST + path;
    }

    /** The answer as JSON; an answer that is not JSON is fetched again. */
    static JsonNode tree(String body) {
        try {
            JsonNode json = JSON.readTree(body == null ? "" : body);
            if (json == null || json.isMissingNode()) {
                throw new HelpDeskHttp.UnreadableAnswer("the answer is empty");
            }
            return json;
        } catch (IOException e) {
            throw new HelpDeskHttp.UnreadableAnswer("the answer is not JSON");
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}
