package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.adapter.WriteProtocol;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.WritePlan;

/**
 * How a Freshdesk write plan's calls are sent, and how a note whose answer was lost is found: among the ticket's
 * conversations ({@code GET /api/v2/tickets/{id}/conversations}, every page), by the plan's token in its body.
 */
final class FreshdeskWrites implements WriteProtocol.Desk {

    private final HelpDeskHttp http;

    FreshdeskWrites(HelpDeskHttp http) {
        this.http = http;
    }

    @Override
    public void send(WritePlan plan, PlannedCall call, HelpDeskHttp.Guard<Boolean> guard) {
        JsonNode request = call.request();
        // The answer's body is not needed: a 2xx means the call landed, even when a proxy cut the body short.
        http.send(HelpDeskHttp.Request.json(request.path("method").asText(), http.baseUrl()
                + request.path("path").asText(), request.path("body").toString(), request.path("what").asText()),
                answer -> true, guard);
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
