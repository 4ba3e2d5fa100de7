package io.tickettriage.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Field values a simulator sends in place of a ticket's own: how a test makes a help desk list a broken record (a
 * change time that is not a time), as a faulty proxy or an API change would. The stored ticket stays as it is.
 * Thread-safe.
 */
public final class GarbledFields {

    private final Map<String, Map<String, String>> byTicket = new ConcurrentHashMap<>();

    public void garble(String ticketId, String field, String value) {
        byTicket.computeIfAbsent(ticketId, id -> new ConcurrentHashMap<>()).put(field, value);
    }

    /** Overwrites the garbled fields of the ticket's JSON view; returns it. */
    public ObjectNode applyTo(String ticketId, ObjectNode json) {
        byTicket.getOrDefault(ticketId, Map.of()).forEach(json::put);
        return json;
    }
}
