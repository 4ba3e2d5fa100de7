package io.tickettriage.adapter.otobo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.adapter.HelpDeskApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation call, with what authentication needs around it: a SessionCreate first when there is no session, and
 * one renewal when the operation answers AuthFail to a session that may have expired. Every answer is checked: a
 * status other than 200, a body that is not JSON and an HTTP 200 with an {@code Error} object all throw, so a refusal
 * is never taken for success.
 */
public final class OtoboCall implements OtoboConversation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private final String baseUrl;
    private final OtoboAuthentication authentication;
    private final OtoboSession session;
    private final OtoboRoute route;
    private final Map<String, Object> data;
    private final String what;
    private boolean creatingSession;
    private String sessionUsed;
    private boolean renewed;
    private JsonNode result;

    /**
     * @param data the operation's data without credentials
     * @param what the call in words for messages, e.g. "TicketUpdate of ticket 3101"
     */
    OtoboCall(String baseUrl, OtoboAuthentication authentication, OtoboSession session, OtoboRoute route,
              Map<String, ?> data, String what) {
        this.baseUrl = baseUrl;
        this.authentication = authentication;
        this.session = session;
        this.route = route;
        this.data = new LinkedHashMap<>(data);
        this.what = what;
    }

    @Override
    public boolean hasNext() {
        return result == null;
    }

    @Override
    public OtoboRequest next() {
        if (authentication.sessions() && session.id(authentication.userLogin()).isEmpty()) {
            creatingSession = true;
            return authentication.sessionRequest(baseUrl);
        }
        creatingSession = false;
        sessionUsed = session.id(authentication.userLogin()).orElse(null);
        Map<String, Object> request = new LinkedHashMap<>(data);
        request.putAll(authentication.credentials(sessionUsed));
        return route.request(baseUrl, request);
    }

    @Override
    public void accept(int status, String body) {
        String operation = creatingSession ? "SessionCreate for " + authentication.userLogin() : what;
        // A proxy's error page may echo the URL with its query; whatever the answer says goes into messages and dead
        // letters, so the credentials are blanked out of it first.
        body = authentication.redact(body, sessionUsed, session.id(authentication.userLogin()).orElse(null));
        JsonNode answer = answer(operation, status, body);
        JsonNode error = answer.path("Error");
        if (creatingSession) {
            if (error.isObject()) {
                throw refusal(operation, error, body);
            }
            String sessionId = answer.path("SessionID").asText("");
            if (sessionId.isEmpty()) {
                throw new HelpDeskApiException("OTOBO answered " + operation + " without a SessionID", 502,
                        abbreviate(body));
            }
            session.created(authentication.userLogin(), sessionId);
            return;
        }
        if (error.isObject()) {
            String code = error.path("ErrorCode").asText("");
            if (code.endsWith(".AuthFail") && authentication.sessions() && !renewed) {
                // The session may simply have expired: renew it once; a second AuthFail is a real refusal.
                renewed = true;
                session.refused(sessionUsed);
                return;
            }
            throw refusal(operation, error, body);
        }
        result = answer;
    }

    /** The operation's answer; only once {@link #hasNext()} is false. */
    public JsonNode result() {
        if (result == null) {
            throw new IllegalStateException(what + " has not been answered yet");
        }
        return result;
    }

    /**
     * The JSON of an HTTP 200, or the failure: REST.pm answers transport errors (unknown route, bad JSON) and failed
     * operations with HTTP 500 text/plain, a proxy may answer anything.
     */
    static JsonNode answer(String operation, int status, String body) {
        if (status != 200) {
            throw new HelpDeskApiException("OTOBO answered " + operation + " with HTTP " + status
                    + (body == null || body.isBlank() ? "" : ": " + abbreviate(body)), status, abbreviate(body));
        }
        try {
            JsonNode json = JSON.readTree(body == null ? "" : body);
            if (json == null || !json.isObject()) {
                throw new HelpDeskApiException("OTOBO answered " + operation + " with something other than a JSON "
                        + "object", 502, abbreviate(body));
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new HelpDeskApiException("OTOBO answered " + operation + " with something other than JSON", 502,
                    abbreviate(body));
        }
    }

    private static OtoboRefusal refusal(String operation, JsonNode error, String body) {
        return OtoboRefusal.of(operation, error.path("ErrorCode").asText("Unknown"),
                error.path("ErrorMessage").asText(""), body);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip();
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "…" : line;
    }
}
