package io.tickettriage.sim.freshdesk;

import io.tickettriage.sim.RecordedRequest;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * A received request, read completely before it is handled.
 *
 * @param path     decoded path without the query
 * @param rawQuery the query as received, empty when there is none
 * @param headers  the JDK's request headers, whose lookups are case-insensitive
 */
record ApiRequest(String method, String path, String rawQuery, QueryParams query, Headers headers, String body,
                  Instant receivedAt) {

    static ApiRequest read(HttpExchange exchange, Instant receivedAt) throws IOException {
        URI uri = exchange.getRequestURI();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new ApiRequest(exchange.getRequestMethod(), uri.getPath(), rawQuery, QueryParams.parse(rawQuery),
                exchange.getRequestHeaders(), body, receivedAt);
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    /** The Content-Type without its parameters (charset and the like), lower-cased; empty when missing. */
    String mediaType() {
        String contentType = header("Content-Type");
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    RecordedRequest recorded(int status) {
        return new RecordedRequest(method, path, rawQuery, headers, body, status, receivedAt);
    }
}
