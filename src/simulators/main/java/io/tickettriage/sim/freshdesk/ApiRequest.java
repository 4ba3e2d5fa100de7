package io.tickettriage.sim.freshdesk;

import io.tickettriage.sim.ReceivedRequest;
import io.tickettriage.sim.RecordedRequest;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Instant;

/**
 * A received request with its query parsed the way Freshdesk reads parameters.
 *
 * @param received the request as it arrived
 */
record ApiRequest(ReceivedRequest received, QueryParams query) {

    static ApiRequest read(HttpExchange exchange, Instant receivedAt) throws IOException {
        ReceivedRequest received = ReceivedRequest.read(exchange, receivedAt);
        return new ApiRequest(received, QueryParams.parse(received.rawQuery()));
    }

    String method() {
        return received.method();
    }

    /** Decoded path without the query. */
    String path() {
        return received.path();
    }

    String body() {
        return received.body();
    }

    String header(String name) {
        return received.header(name);
    }

    String mediaType() {
        return received.mediaType();
    }

    RecordedRequest recorded(int status) {
        return received.recorded(status);
    }
}
