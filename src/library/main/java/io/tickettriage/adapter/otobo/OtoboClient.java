package io.tickettriage.adapter.otobo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.adapter.HelpDeskClients;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HttpPolicy;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.camel.CamelContext;

/**
 * The client of one GenericInterface web service, on the shared {@link HelpDeskHttp}: the fetch and update Kamelets
 * and the startup check of one application use one instance (see {@link #shared}), so they share one session, one
 * retry policy and one refusal state.
 *
 * <p>Every operation answer is checked. OTOBO reports operation errors as HTTP 200 with an {@code Error} object; they
 * are thrown from the answer's reader as an {@link OtoboRefusal} of the matching kind, so that {@link HelpDeskHttp}
 * retries the unavailable ones (sending the request again) and closes itself on refused credentials: after a real
 * refusal nothing more is sent, not even SessionCreate, until {@link #reopen()} at the start of the next poll.
 *
 * <p>In session mode one SessionCreate serves every call until OTOBO ends the session (SessionMaxIdleTime, 2 hours,
 * however busy it is): an AuthFail to a call made with a session renews it once; that renewal is no refusal. A second
 * AuthFail, or an AuthFail to SessionCreate itself, is.
 */
public final class OtoboClient {

    /** Walks a whole answer without a nesting limit, looking only at its top level. */
    private static final JsonFactory STREAM = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build())
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HelpDeskHttp http;
    private final OtoboAuthentication authentication;
    private final OtoboSession session;
    private final Map<String, JsonNode> dynamicFields = new ConcurrentHashMap<>();

    private OtoboClient(HelpDeskHttp http, OtoboAuthentication authentication, OtoboSession session) {
        this.http = http;
        this.authentication = authentication;
        this.session = session;
    }

    /** Everything a client is made from: parts of an application asking with equal ones share it. */
    private record Key(String baseUrl, OtoboAuthentication authentication, HttpPolicy policy) {
    }

    /**
     * The client of the web service at {@code baseUrl} in this application for these credentials and this retry
     * policy, created on first use.
     */
    public static OtoboClient shared(CamelContext context, String baseUrl, OtoboAuthentication authentication,
                                     HttpPolicy policy) {
        String url = baseUrl.replaceAll("/+$", "");
        return HelpDeskClients.shared(context, new Key(url, authentication, policy), OtoboClient.class,
                () -> standalone(context, url, authentication, policy, HelpDeskHttp.Pause.REAL_TIME));
    }

    /**
     * A client of its own (training). GenericInterface has no rate limit, so nothing paces it; a 429 from a proxy in
     * front of it still waits as its Retry-After asks.
     */
    public static OtoboClient standalone(CamelContext context, String baseUrl, OtoboAuthentication authentication,
                                         HttpPolicy policy, HelpDeskHttp.Pause pause) {
        OtoboSession session = new OtoboSession();
        return new OtoboClient(new HelpDeskHttp(context, desk(authentication, session), baseUrl.replaceAll("/+$", ""),
                policy, HelpDeskHttp.Pacer.NONE, pause), authentication, session);
    }

    private static HelpDeskHttp.Desk desk(OtoboAuthentication authentication, OtoboSession session) {
        // GenericInterface takes the credentials in the request data, never in a header.
        return new HelpDeskHttp.Desk("OTOBO", request -> request, OtoboClient::errorDetail,
                "check otobo.user-login and OTOBO_PASSWORD (or the agent's validity)",
                text -> authentication.redact(text, session.issued()));
    }

    /** REST.pm's words in an error answer: the faultstring of an operation's failure, or its plain-text message. */
    static String errorDetail(String body) {
        String text = body == null ? "" : body.strip();
        if (text.startsWith("{")) {
            try {
                JsonNode json = JSON.readTree(text);
                if (json.hasNonNull("faultstring")) {
                    return json.path("faultstring").asText();
                }
            } catch (IOException notJson) {
                // an error page that merely starts like JSON
            }
        }
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    /** At the start of each poll: credentials refused in the last poll are tried again, once. */
    public void reopen() {
        http.reopen();
    }

    /**
     * Calls an operation and reads its answer.
     *
     * @param data   the operation's data without credentials
     * @param what   the call in words for messages, e.g. "TicketUpdate of ticket 3101"
     * @param reader reads the body of an answer without {@code Error}; may throw
     *               {@link HelpDeskHttp.UnreadableAnswer}, which fetches it again
     * @param guard  consulted before a request whose earlier attempt may have landed is sent again
     */
    public <T> T call(OtoboRoute route, Map<String, ?> data, String what, boolean aboutOneTicket,
                      Function<String, T> reader, HelpDeskHttp.Guard<T> guard) {
        boolean renewed = false;
        while (true) {
            String sessionId = authentication.sessions() ? sessionId() : null;
            Map<String, Object> request = new LinkedHashMap<>(data);
            request.putAll(authentication.credentials(sessionId));
            boolean mayRenew = sessionId != null && !renewed;
            Outcome<T> outcome = http.send(route.request(http.baseUrl(), request, what, aboutOneTicket),
                    answer -> read(answer.body(), what, mayRenew, reader),
                    () -> guard.landed().map(Outcome::of));
            if (outcome.value().isPresent()) {
                return outcome.value().get();
            }
            // The session ended (OTOBO's idle time ends a session however busy it is): renew it once.
            session.expired(sessionId);
            renewed = true;
        }
    }

    /** {@link #call} of an operation whose answer is read as one JSON object. */
    public JsonNode call(OtoboRoute route, Map<String, ?> data, String what, boolean aboutOneTicket) {
        return call(route, data, what, aboutOneTicket, OtoboClient::object, HelpDeskHttp.Guard.none());
    }

    /**
     * What the last fetch read of a ticket's dynamic fields, exactly as TicketGet sent them: the update keeps every
     * value a multiselect field (the marker's, the tags') had, with ours appended.
     */
    void sawDynamicFields(String ticketId, JsonNode fields) {
        dynamicFields.put(ticketId, fields == null || fields.isMissingNode() ? JSON.createArrayNode() : fields);
    }

    /**
     * The value the last fetch read of the ticket's field {@code field}: a null node when it had none, empty when the
     * ticket was not fetched.
     */
    Optional<JsonNode> valueSeen(String ticketId, String field) {
        return Optional.ofNullable(dynamicFields.get(ticketId)).map(fields -> {
            for (JsonNode named : fields) {
                if (named.path("Name").asText().equals(field) && !named.path("Value").isMissingNode()) {
                    return named.path("Value");
                }
            }
            return JSON.nullNode();
        });
    }

    /** At the start of a fetch: what an earlier fetch saw is stale. */
    void forgetDynamicFields() {
        dynamicFields.clear();
    }

    /** An answer read, or empty when the session it was sent with had ended. */
    private record Outcome<T>(Optional<T> value) {

        static <T> Outcome<T> of(T value) {
            return new Outcome<>(Optional.of(value));
        }
    }

    private <T> Outcome<T> read(String body, String what, boolean mayRenew, Function<String, T> reader) {
        Optional<JsonNode> error = error(body);
        if (error.isPresent()) {
            OtoboRefusal refusal = refusal(what, error.get(), body);
            if (refusal.isAuthFail() && mayRenew) {
                return new Outcome<>(Optional.empty());
            }
            throw refusal;
        }
        return Outcome.of(reader.apply(body));
    }

    private String sessionId() {
        Optional<String> id = session.id();
        if (id.isPresent()) {
            return id.get();
        }
        synchronized (session) {
            id = session.id();
            if (id.isPresent()) {
                return id.get();
            }
            String what = "SessionCreate for " + authentication.userLogin();
            String created = http.send(authentication.sessionRoute().request(http.baseUrl(), Map.of("UserLogin",
                    authentication.userLogin(), "Password", authentication.password()), what, false), answer -> {
                        Optional<JsonNode> error = error(answer.body());
                        if (error.isPresent()) {
                            throw refusal(what, error.get(), answer.body());
                        }
                        String sessionId = object(answer.body()).path("SessionID").asText("");
                        if (sessionId.isEmpty()) {
                            throw new HelpDeskHttp.UnreadableAnswer("OTOBO answered " + what + " without a SessionID");
                        }
                        return sessionId;
                    });
            session.created(created);
            return created;
        }
    }

    /** The answer's top-level {@code Error} object, if it has one; throws for an answer that is not a JSON object. */
    static Optional<JsonNode> error(String body) {
        try (JsonParser parser = STREAM.createParser(body == null ? "" : body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new HelpDeskHttp.UnreadableAnswer("the answer is not a JSON object");
            }
            Optional<JsonNode> error = Optional.empty();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == null) {
                    throw new HelpDeskHttp.UnreadableAnswer("the answer ends in the middle");
                }
                if (name.equals("Error") && value == JsonToken.START_OBJECT) {
                    error = Optional.of(JSON.readTree(parser));
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new HelpDeskHttp.UnreadableAnswer("the answer ends in the middle");
            }
            return error;
        } catch (HelpDeskHttp.UnreadableAnswer e) {
            throw e;
        } catch (IOException e) {
            throw new HelpDeskHttp.UnreadableAnswer("the answer is not JSON");
        }
    }

    /** The answer as one JSON object (a small answer: SessionCreate, TicketSearch, TicketUpdate). */
    static JsonNode object(String body) {
        try {
            JsonNode json = JSON.readTree(body == null ? "" : body);
            if (json == null || !json.isObject()) {
                throw new HelpDeskHttp.UnreadableAnswer("the answer is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new HelpDeskHttp.UnreadableAnswer("the answer is not JSON");
        }
    }

    private static OtoboRefusal refusal(String what, JsonNode error, String body) {
        return OtoboRefusal.of(what, error.path("ErrorCode").asText("Unknown"), error.path("ErrorMessage").asText(""),
                body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body.strip());
    }

    /** Whether an exception is OTOBO's refusal with one of these error codes. */
    static boolean refusedWith(HelpDeskApiException e, java.util.Set<String> codes) {
        return e instanceof OtoboRefusal refusal && codes.contains(refusal.errorCode());
    }

    @Override
    public String toString() {
        return "OtoboClient[" + http.baseUrl() + " as " + authentication.userLogin() + "]";
    }
}
