package io.tickettriage.sim.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * An HTTP answer before it is written: JSON from Zammad itself, or an HTML page from the web server in front of it.
 *
 * @param json    the JSON body, or null
 * @param html    the HTML body when {@code json} is null, or null for an empty body
 * @param headers endpoint-specific headers (X-Failure, Retry-After)
 * @param rawJson when not null, the body exactly as sent, in place of {@code json}
 */
record Reply(int status, JsonNode json, String html, Map<String, String> headers, String rawJson) {

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply json(int status, JsonNode body) {
        return new Reply(status, body, null, Map.of(), null);
    }

    static Reply html(int status, String page) {
        return new Reply(status, null, page, Map.of(), null);
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Reply(status, json, html, more, rawJson);
    }

    /** The same answer with this JSON text as its body, sent as it is (it may not even be JSON). */
    Reply withRawJson(String text) {
        return new Reply(status, json, html, headers, text);
    }
}
