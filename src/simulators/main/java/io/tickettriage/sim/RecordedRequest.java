package io.tickettriage.sim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request the simulator received, with the status it was answered with.
 *
 * @param path       the decoded path, without the query
 * @param query      the raw (still percent-encoded) query string, empty when there is none
 * @param headers    request headers as received; look them up with {@link #header(String)}
 * @param body       the body as UTF-8 text, empty when there is none
 * @param receivedAt arrival time by the simulator's clock
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              String body, int status, Instant receivedAt) {

    public RecordedRequest {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /**
     * The query's parameters, decoded ({@code +} as a space, as forms encode it); a parameter given more than once
     * has its values joined with commas, in order.
     */
    public Map<String, String> queryParameters() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameAndValue = pair.split("=", 2);
            values.merge(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    nameAndValue.length > 1 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "",
                    (first, next) -> first + "," + next);
        }
        return values;
    }

    /** The first value of the header, matched case-insensitively as HTTP requires, or null. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty())
                .map(entry -> entry.getValue().get(0))
                .findFirst()
                .orElse(null);
    }
}
