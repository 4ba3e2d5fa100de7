package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tickettriage.adapter.HelpDeskHttp;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code tags} of each ticket the fetch side selected, exactly as Freshdesk listed them (raw JSON, whatever its
 * shape), for the update side: Freshdesk's PUT replaces the whole tag list, so the marker can only be added by
 * sending the customer's tags back as they came. Shared by the two Kamelets of one account; an entry is taken when
 * its ticket's write is planned or finished, and each poll's fetch starts afresh, so it holds one poll's selection
 * at most. Thread-safe.
 */
final class FreshdeskListedTags {

    /** Reads numbers as they were written (1.10 stays 1.10), so that nothing of the customer's changes on the way back. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final Map<String, JsonNode> byTicket = new ConcurrentHashMap<>();

    static String registryName(String baseUrl) {
        return "ticket-triage-tags:" + FreshdeskAdapter.NAME + ":" + baseUrl.replaceAll("/+$", "");
    }

    /** Remembers the tags of a listed ticket from its raw record. */
    void listed(String ticketId, String rawRecord) {
        byTicket.put(ticketId, tagsOf(rawRecord));
    }

    /** Forgets every listing: a new poll lists afresh. */
    void clear() {
        byTicket.clear();
    }

    /** The ticket's tags as last listed (a missing node when it had none), once. */
    Optional<JsonNode> take(String ticketId) {
        return Optional.ofNullable(byTicket.remove(ticketId));
    }

    /** The {@code tags} of a ticket's JSON text, exactly; a missing node when there are none. */
    static JsonNode tagsOf(String rawTicket) {
        try {
            JsonNode ticket = EXACT.readTree(rawTicket);
            return ticket == null ? MissingNode.getInstance() : ticket.path("tags");
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** As {@link #tagsOf}, for an answer: one that is not a JSON object is fetched again. */
    static JsonNode strictTagsOf(String rawTicket) {
        try {
            JsonNode ticket = EXACT.readTree(rawTicket == null ? "" : rawTicket);
            if (ticket == null || !ticket.isObject()) {
                throw new HelpDeskHttp.UnreadableAnswer("the ticket is not a JSON object");
            }
            return ticket.path("tags");
        } catch (IOException e) {
            throw new HelpDeskHttp.UnreadableAnswer("the ticket is not JSON");
        }
    }

    int size() {
        return byTicket.size();
    }
}
