package io.tickettriage.sim.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP answer before it is written.
 *
 * @param body         null for an empty body
 * @param headers      endpoint-specific headers (Location, Link, Allow, Retry-After, rate-limit headers)
 * @param extraCredits API credits this request costs beyond the base credit every request pays (side-loads)
 * @param rawItems     raw JSON texts appended to an array body as they are (hostile records no tree can hold)
 */
record Reply(int status, JsonNode body, Map<String, String> headers, int extraCredits, List<String> rawItems) {

    Reply {
        headers = Map.copyOf(headers);
        rawItems = List.copyOf(rawItems);
    }

    Reply(int status, JsonNode body, Map<String, String> headers, int extraCredits) {
        this(status, body, headers, extraCredits, List.of());
    }

    static Reply json(int status, JsonNode body) {
        return new Reply(status, body, Map.of(), 0);
    }

    static Reply empty(int status) {
        return new Reply(status, null, Map.of(), 0);
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Reply(status, body, more, extraCredits, rawItems);
    }

    Reply withExtraCredits(int credits) {
        return new Reply(status, body, headers, credits, rawItems);
    }

    /** The body (an array) with these raw JSON texts as further items, written as they are. */
    Reply withRawItems(List<String> items) {
        return new Reply(status, body, headers, extraCredits, items);
    }

    Reply withRateLimit(RateLimiter.Usage usage) {
        return withHeader("X-RateLimit-Total", Long.toString(usage.total()))
                .withHeader("X-RateLimit-Remaining", Long.toString(usage.remaining()))
                .withHeader("X-RateLimit-Used-CurrentRequest", Integer.toString(usage.usedByRequest()));
    }
}
