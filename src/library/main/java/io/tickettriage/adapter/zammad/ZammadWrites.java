package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.adapter.WriteProtocol;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.WritePlan;
import java.util.Optional;

/**
 * How Zammad carries out a planned call ({@link ZammadFieldMapping#plan}) and recognises the update with the note
 * that landed: one of the ticket's articles ({@code GET /api/v1/ticket_articles/by_ticket/{id}}) carries the plan's
 * token (Zammad creates the article in the update's transaction, so the fields landed with it).
 */
final class ZammadWrites implements WriteProtocol.Desk {

    private final HelpDeskHttp http;

    ZammadWrites(HelpDeskHttp http) {
        this.http = http;
    }

    @Override
    public void send(WritePlan plan, PlannedCall call, HelpDeskHttp.Guard<Boolean> guard) {
        JsonNode request = call.request();
        HelpDeskHttp.Request http = HelpDeskHttp.Request.json(request.path("method").asText(),
                ZammadHttp.url(this.http, request.path("path").asText()), request.path("body").toString(),
                what(plan, call));
        this.http.send(http, answer -> true, guard);
    }

    @Override
    public boolean landed(WritePlan plan, PlannedCall call) {
        String reference = ZammadFieldMapping.REFERENCE + " " + plan.token();
        HelpDeskHttp.Request request = HelpDeskHttp.Request.get(ZammadHttp.url(http,
                "/api/v1/ticket_articles/by_ticket/" + plan.ticketId()), "looking for our note on ticket "
                + plan.ticketId());
        return http.send(request.aboutOneTicket(true), answer -> JsonRecords.split(answer.body(), null, "id")
                .stream().map(JsonRecords.Record::json).flatMap(Optional::stream)
                .anyMatch(article -> article.path("body").asText("").contains(reference)));
    }

    private static String what(WritePlan plan, PlannedCall call) {
        String ticket = " on ticket " + plan.ticketId();
        return switch (call.name()) {
            case ZammadFieldMapping.NOTE -> "updating group and priority with the note" + ticket;
            case ZammadFieldMapping.FIELDS -> "setting group and priority" + ticket;
            default -> "adding the tag '" + call.request().path("body").path("item").asText() + "'" + ticket;
        };
    }
}
