package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.adapter.WriteProtocol;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.WritePlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a Freshdesk write plan's calls are sent, and how a note whose answer was lost is found: among the ticket's
 * conversations ({@code GET /api/v2/tickets/{id}/conversations}, every page), by the plan's token in its body.
 */
final class FreshdeskWrites implements WriteProtocol.Desk {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HelpDeskHttp http;

    FreshdeskWrites(HelpDeskHttp http) {
        this.http = http;
    }

    @Override
    public void send(WritePlan plan, PlannedCall call, HelpDeskHttp.Guard<Boolean> guard) {
        JsonNode request = call.request();
        JsonNode body = request.path("body");
        if (body.isEmpty()) {
            return; // only the tags were to be written, and they cannot be: nothing to send
        }
        // The answer's body is not needed: a 2xx means the call landed, even when a proxy cut the body short.
        http.send(HelpDeskHttp.Request.json(request.path("method").asText(), http.baseUrl()
                + request.path("path").asText(), body.toString(), request.path("what").asText()),
                answer -> true, guard);
    }

    /**
     * The PUT of a plan an earlier poll left open carries the tags the ticket had then; Freshdesk replaces the whole
     * list, so ours are merged into the tags it has now (a customer's workflow may have added one), read afresh.
     */
    @Override
    public PlannedCall current(WritePlan plan, PlannedCall call) {
        JsonNode request = call.request();
        if (!request.path("body").has("tags") || !request.has("ourTags")) {
            return call;
        }
        ObjectNode fresh = request.deepCopy();
        ObjectNode body = (ObjectNode) fresh.path("body");
        List<String> ours = new ArrayList<>();
        request.path("ourTags").forEach(tag -> ours.add(tag.asText()));
        currentTags(plan.ticketId()).ifPresentOrElse(tags -> body.set("tags", FreshdeskFieldMapping.merge(tags, ours)),
                () -> body.remove("tags"));
        return new PlannedCall(call.name(), fresh, call.once());
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

    /**
     * The ticket's tags as Freshdesk has them now ({@code GET /api/v2/tickets/{id}}), read as {@link FreshdeskTags#of}
     * reads them; an answer that is not a JSON object is fetched again.
     */
    Optional<List<String>> currentTags(String ticketId) {
        return http.send(HelpDeskHttp.Request.get(http.baseUrl() + "/api/v2/tickets/" + Long.parseLong(ticketId),
                "reading Freshdesk ticket " + ticketId).aboutOneTicket(true),
                answer -> FreshdeskTags.of(ticketObject(answer.body()).path("tags"), ticketId));
    }

    private static JsonNode ticketObject(String answer) {
        try {
            JsonNode ticket = JSON.readTree(answer == null ? "" : answer);
            if (ticket == null || !ticket.isObject()) {
                throw new HelpDeskHttp.UnreadableAnswer("the ticket is not a JSON object");
            }
            return ticket;
        } catch (IOException e) {
            throw new HelpDeskHttp.UnreadableAnswer("the ticket is not JSON");
        }
    }
}
