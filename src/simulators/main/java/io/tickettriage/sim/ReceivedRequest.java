package io.tickettriage.sim;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A request a simulator received, read completely before it is handled, whichever help desk the simulator imitates.
 *
 * @param path     decoded path without the query
 * @param rawQuery the query as received, still percent-encoded; empty when there is none
 * @param headers  the JDK's request headers, whose lookups are case-insensitive
 * @param body     the body as UTF-8 text, empty when there is none
 */
public record ReceivedRequest(String method, String path, String rawQuery, Headers headers, String body,
                              Instant receivedAt) {

    public static ReceivedRequest read(HttpExchange exchange, Instant receivedAt) throws IOException {
        URI uri = exchange.getRequestURI();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new ReceivedRequest(exchange.getRequestMethod(), uri.getPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), exchange.getRequestHeaders(), body, receivedAt);
    }

    /** The first value of the header, or null. */
    public String header(String name) {
        return headers.getFirst(name);
    }

    /** The Content-Type without its parameters (charset and the like), lower-cased; empty when missing. */
    public String mediaType() {
        String contentType = header("Content-Type");
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    public RecordedRequest recorded(int status) {
        return new RecordedRequest(method, path, rawQuery, headers, body, status, receivedAt);
    }

    /**
     * Writes an answer to this request. A HEAD answer carries no body, though its headers may describe one.
     *
     * @param headers set as given; a body that is not empty also gets {@code contentType}
     */
    public void answer(HttpExchange exchange, int status, Map<String, String> headers, String contentType,
                       byte[] body) throws IOException {
        Headers response = exchange.getResponseHeaders();
        headers.forEach(response::set);
        if (body.length > 0) {
            response.set("Content-Type", contentType);
        }
        boolean writeBody = body.length > 0 && !method.equals("HEAD");
        exchange.sendResponseHeaders(status, writeBody ? body.length : -1);
        if (writeBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
