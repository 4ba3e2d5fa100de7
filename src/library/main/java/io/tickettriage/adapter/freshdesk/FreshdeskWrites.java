package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.adapter.WriteProtocol;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.WritePlan;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a Freshdesk write plan's calls are sent, and how a note whose answer was lost is found: among the ticket's
 * conversations ({@code GET /api/v2/tickets/{id}/conversations}, every page), by the plan's token in its body.
 */
final class FreshdeskWrites implements WriteProtocol.Desk {

    private final HelpDeskHttp http;
    private final FreshdeskListedTags listed;

    FreshdeskWrites(HelpDeskHttp http, FreshdeskListedTags listed) {
        this.http = http;
        this.listed = listed;
    }

    @Override
    public void send(WritePlan plan, PlannedCall call, HelpDeskHttp.Guard<Boolean> guard) {
        JsonNode request = call.request();
        JsonNode body = request.path("body");
        if (body.has("tags") && request.has("ourTags")) {
            body = withFreshTags(plan, (ObjectNode) body.deepCopy(), request.path("ourTags"));
            if (body.isEmpty()) {
                return; // only the tags were to be written, and they cannot be: nothing to send
            }
        }
        // The answer's body is not needed: a 2xx means the call landed, even when a proxy cut the body short.
        http.send(HelpDeskHttp.Request.json(request.path("method").asText(), http.baseUrl()
                + request.path("path").asText(), body.toString(), request.path("what").asText()),
                answer -> true, guard);
    }

    /**
     * A plan finished on a later poll was planned with the tags listed then; when this poll listed the ticket again,
     * its tags now (a customer's workflow may have added one) are what ours are merged into, so none is lost.
     */
    private JsonNode withFreshTags(WritePlan plan, ObjectNode body, JsonNode ourTags) {
        Optional<JsonNode> now = listed.take(plan.ticketId());
        if (now.isEmpty()) {
            return body;
        }
        List<String> ours = new ArrayList<>();
        ourTags.forEach(tag -> ours.add(tag.asText()));
        Optional<ArrayNode> merged = FreshdeskFieldMapping.merge(now.get(), ours);
        if (merged.isPresent()) {
            body.set("tags", merged.get());
        } else {
            body.remove("tags");
        }
        return body;
    }

    @Override
    public boolean landed(WritePlan plan, PlannedCall call) {
        String url = http.baseUrl() + "/api/v2/tickets/" + Long.parseLong(plan.ticketId())
                + "/conversations?per_page=" + FreshdeskTicketWalk.MAX_PER_PAGE;
        String needle = "ticket-triage ref " + plan.token();
        while (url != null) {
            // Split inside the client, so a page cut short is fetched again rather than taken for "no note".
            FreshdeskPage page = http.send(HelpDeskHttp.Request.get(url, "looking for the note on Freshdesk ticket "
                    + plan.ticketId()).aboutOneTicket(true), FreshdeskPage.READER);
            for (JsonRecords.Record record : page.records()) {
                if (record.raw().contains(needle)) {
                    return true;
                }
            }
            url = page.next().orElse(null);
        }
        return false;
    }

    /** The ticket's tags as Freshdesk has them now, for a write planned without a listing of the ticket. */
    JsonNode currentTags(String ticketId) {
        return http.send(HelpDeskHttp.Request.get(http.baseUrl() + "/api/v2/tickets/" + Long.parseLong(ticketId),
                "reading Freshdesk ticket " + ticketId).aboutOneTicket(true),
                answer -> FreshdeskListedTags.strictTagsOf(answer.body()));
    }
}
