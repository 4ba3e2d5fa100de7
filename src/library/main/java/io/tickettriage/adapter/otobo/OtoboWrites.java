package io.tickettriage.adapter.otobo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.adapter.WriteProtocol;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.WritePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How OTOBO carries out a plan's one TicketUpdate (see {@link OtoboFieldMapping}) and recognises one that landed.
 *
 * <p>A TicketGet with DynamicFields=1 and AllArticles=1 shows how far an update whose answer was lost got: the
 * marker on the ticket means all of it landed (OTOBO sets the dynamic fields last, the marker last of them); our
 * article (its token in the body) without the marker means OTOBO applied queue, priority and article and then failed
 * before the dynamic fields (an HTTP 500 after a partial update). Then the update is sent again without its
 * article: queue, priority and dynamic fields are states, which may be set twice. Without a marker field, the
 * article alone shows that the update landed.
 */
final class OtoboWrites implements WriteProtocol.Desk {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a look at the ticket found. */
    private enum Found { NOTHING, ARTICLE_ONLY, EVERYTHING }

    private final OtoboClient client;
    private final OtoboRoute updateRoute;
    private final OtoboRoute getRoute;
    private final Optional<String> markerField;
    /** Tickets whose last look found our article but not the marker: their next update goes without it. */
    private final Set<String> articleLanded = ConcurrentHashMap.newKeySet();

    OtoboWrites(OtoboClient client, OtoboRoute updateRoute, OtoboRoute getRoute, Optional<String> markerField) {
        this.client = client;
        this.updateRoute = updateRoute;
        this.getRoute = getRoute;
        this.markerField = markerField;
    }

    @Override
    public void send(WritePlan plan, PlannedCall call, HelpDeskHttp.Guard<Boolean> guard) {
        Map<String, Object> data = JSON.convertValue(call.request().path("data"), new TypeReference<>() { });
        boolean withArticle = data.containsKey("Article") && !articleLanded.remove(plan.key());
        if (!withArticle) {
            data.remove("Article");
        }
        String what = "TicketUpdate of ticket " + plan.ticketId();
        Found found = client.call(updateRoute, data, what, true, body -> Found.EVERYTHING,
                call.once() && withArticle ? () -> Optional.of(look(plan, call)).filter(f -> f != Found.NOTHING)
                        : HelpDeskHttp.Guard.none());
        if (found == Found.ARTICLE_ONLY) {
            Map<String, Object> rest = new LinkedHashMap<>(data);
            rest.remove("Article");
            client.call(updateRoute, rest, what + " (without the article, which landed)", true,
                    body -> Found.EVERYTHING, HelpDeskHttp.Guard.none());
        }
    }

    @Override
    public boolean landed(WritePlan plan, PlannedCall call) {
        Found found = look(plan, call);
        if (found == Found.ARTICLE_ONLY) {
            articleLanded.add(plan.key());
        } else {
            articleLanded.remove(plan.key());
        }
        return found == Found.EVERYTHING;
    }

    private Found look(WritePlan plan, PlannedCall call) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("TicketID", plan.ticketId());
        data.put("DynamicFields", 1);
        data.put("AllArticles", 1);
        JsonNode ticket = client.call(getRoute, data, "TicketGet of ticket " + plan.ticketId()
                + " (did our update land?)", true, body -> {
                    List<JsonRecords.Record> records = JsonRecords.split(body, "Ticket", "TicketID");
                    return records.isEmpty() || records.get(0).json().isEmpty() ? JSON.createObjectNode()
                            : records.get(0).json().get();
                }, HelpDeskHttp.Guard.none());
        String reference = OtoboFieldMapping.REFERENCE + plan.token();
        boolean article = false;
        for (JsonNode candidate : ticket.path("Article")) {
            article |= candidate.path("Body").asText("").contains(reference);
        }
        String marker = call.request().path("marker").asText("");
        if (!marker.isEmpty() && markerField.isPresent()) {
            for (JsonNode field : ticket.path("DynamicField")) {
                if (field.path("Name").asText().equals(markerField.get()) && contains(field.path("Value"), marker)) {
                    return Found.EVERYTHING;
                }
            }
            return article ? Found.ARTICLE_ONLY : Found.NOTHING;
        }
        return article ? Found.EVERYTHING : Found.NOTHING;
    }

    private static boolean contains(JsonNode value, String marker) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (element.isValueNode() && element.asText().equals(marker)) {
                    return true;
                }
            }
            return false;
        }
        return value.isValueNode() && value.asText().equals(marker);
    }
}
