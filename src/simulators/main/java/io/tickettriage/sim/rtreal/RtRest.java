package io.tickettriage.sim.rtreal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * RT's REST2 API as one user calls it directly, past the proxy: what the tests do as people in RT (file a ticket,
 * route it, look at it), never counted among ticket-triage's requests. Every answer that is not a success, and every
 * update RT refuses in its 200 answer, is an {@link IllegalStateException}, so that a test's mistake shows at once.
 */
final class RtRest {

    /**
     * How RT 5 says, in the list of messages a 200 answer to {@code PUT /ticket/{id}} carries, that it did not make a
     * change (it makes the others of the same request): "Queue X does not exist", "Permission Denied", "Status 'x'
     * isn't a valid status for this ticket.", "That user does not exist".
     */
    static final Pattern REFUSED = Pattern.compile("does not exist|Permission Denied|isn't a valid|Illegal value"
            + "|Could not|Couldn't");

    private final URI rest;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json;

    /** @param rest RT's REST2 root, {@code http://127.0.0.1:<port>/REST/2.0} */
    RtRest(URI rest, String token, ObjectMapper json) {
        this.rest = rest;
        this.token = token;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code GET <path>?<query>}, the query's values encoded here. */
    JsonNode get(String path, Map<String, String> query) {
        String encoded = query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("GET", path + (encoded.isEmpty() ? "" : "?" + encoded), null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    /** A PUT whose every change RT made; RT's messages otherwise. */
    JsonNode put(String path, Object body) {
        JsonNode messages = send("PUT", path, body);
        for (JsonNode message : messages) {
            if (REFUSED.matcher(message.asText()).find()) {
                throw new IllegalStateException("RT refused part of PUT " + path + " " + body + ": " + messages);
            }
        }
        return messages;
    }

    private JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rest + path))
                .header("Authorization", "token " + token)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60));
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("RT answered " + method + " " + path + " with "
                        + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + rest + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }
}
