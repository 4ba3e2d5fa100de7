package io.tickettriage.adapter.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.TicketOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one poll's {@link OtoboListing} keeps: the tickets of the incoming queues and states that do not carry the
 * marker. The search asks for exactly those where the route can carry a dynamic field filter (a JSON body); on a GET
 * route the marker is checked on what TicketGet returns. Not shared between threads.
 *
 * <p>Given the label mappings ({@link OtoboTicketFetch#labels()}), the search asks for the tickets of every queue and
 * state instead, and the queue, state and marker are checked on what TicketGet returns: every other ticket changed
 * since the watermark is reported with what it carries now (its outcome). That is one listing, as Freshdesk's is, and
 * no search of its own: its price is a TicketGet per {@code batchSize} tickets the agents changed, and more searches
 * when they fill the pages.
 */
final class OtoboTriageSelection implements OtoboListing.Visitor {

    private final OtoboTicketFetch fetch;
    private final OtoboTicketMapper mapper;
    private final Map<String, Ticket> selected = new LinkedHashMap<>();
    private final Map<String, TicketOutcome> outcomes = new LinkedHashMap<>();

    OtoboTriageSelection(OtoboTicketFetch fetch) {
        this.fetch = fetch;
        this.mapper = new OtoboTicketMapper(fetch.time(), fetch.markerField());
    }

    @Override
    public Map<String, Object> filters() {
        Map<String, Object> filters = new LinkedHashMap<>();
        if (fetch.labels().isPresent()) {
            return filters;
        }
        if (!fetch.queues().isEmpty()) {
            filters.put("Queues", fetch.queues());
        }
        if (!fetch.states().isEmpty()) {
            filters.put("States", fetch.states());
        }
        if (fetch.searchRoute().hasBody()) {
            fetch.markerField().ifPresent(field -> filters.put("DynamicField_" + field, Map.of("Empty", 1)));
        }
        return filters;
    }

    @Override
    public void ticket(String id, JsonNode json, Instant changed) {
        Ticket ticket = mapper.toTicket(json);
        fetch.client().sawDynamicFields(id, json.path("DynamicField"));
        boolean marked = ticket.tags().stream().anyMatch(value -> value.equalsIgnoreCase(fetch.markerTag()));
        if (!marked && selects(fetch.queues(), json.path("Queue")) && selects(fetch.states(), json.path("State"))) {
            selected.put(id, ticket);
        } else {
            fetch.labels().ifPresent(labels -> {
                TicketOutcome outcome = OtoboTicketMapper.outcome(labels, json, id, changed);
                outcomes.put(id, fetch.tagsField().isEmpty() ? outcome
                        : outcome.withTags(OtoboTicketMapper.values(json, fetch.tagsField())));
            });
        }
    }

    /** Whether a ticket with this name is among the names, as TicketSearch's Queues and States compare; empty: all. */
    private static boolean selects(List<String> names, JsonNode name) {
        return names.isEmpty() || !name.isValueNode() || names.contains(name.asText());
    }

    @Override
    public void searched(OtoboListing.Listed sofar) {
        // A poll reports once, at its end.
    }

    /** The poll's batch: the selected tickets, oldest change first, and the outcomes of the others. */
    TicketBatch batch(OtoboListing.Listed listed) {
        List<Ticket> tickets = new ArrayList<>(selected.values());
        tickets.sort(Comparator.comparing(Ticket::updatedAt));
        return new TicketBatch(tickets, listed.scanned(), listed.restart(), listed.unreadable(),
                List.copyOf(outcomes.values()));
    }
}
