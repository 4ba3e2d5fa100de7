package io.tickettriage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.sim.RecordedRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The successful ticket updates a simulator recorded, as the route tests check them. */
final class RecordedUpdates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedUpdates() {
    }

    /**
     * @param pathRegex a ticket's path, ending in its numeric id, e.g. {@code /api/v2/tickets/\d+}
     */
    static List<RecordedRequest> of(List<RecordedRequest> requests, String method, String pathRegex) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().matches(pathRegex) && r.status() == 200)
                .toList();
    }

    /** Their JSON bodies by the ticket id that ends the path, oldest first. */
    static Map<Long, List<JsonNode>> bodiesByTicket(List<RecordedRequest> requests, String method, String pathRegex) {
        Map<Long, List<JsonNode>> bodies = new HashMap<>();
        for (RecordedRequest update : of(requests, method, pathRegex)) {
            long id = Long.parseLong(update.path().substring(update.path().lastIndexOf('/') + 1));
            try {
                bodies.computeIfAbsent(id, k -> new ArrayList<>()).add(JSON.readTree(update.body()));
            } catch (IOException e) {
                throw new AssertionError(method + " body is not JSON: " + update.body(), e);
            }
        }
        return bodies;
    }
}
