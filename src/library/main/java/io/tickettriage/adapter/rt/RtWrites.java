package io.tickettriage.adapter.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.adapter.WriteProtocol;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.WritePlan;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How RT carries out a planned call ({@link RtFieldMapping}) and recognises one that landed.
 *
 * <p>RT answers an update with HTTP 200 and a list of messages, one per change, also for a change it refused
 * ({@code "Ticket 3: Queue No Such Queue does not exist"}, {@code "Ticket 3: Queue General is disabled"}), and applies
 * the rest. A message that says a change failed refuses the call for good (the ticket becomes a dead letter with that
 * message); so does a priority name RT did not know: it silently sets the priority to 0 instead, which its message
 * shows ({@code "… to 'Low'"}).
 *
 * <p>A comment whose answer was lost is looked for among the ticket's attachments
 * ({@code GET /ticket/{id}/attachments?query=<JSON>} with {@code Content LIKE 'ticket-triage ref <token>'}): found,
 * and the marker it carried on the ticket ({@code GET /ticket/{id}}), the call landed; found without the marker (RT
 * stopped between the two), only the marker is sent again; not found, the comment is sent again. A field update
 * whose answer was lost, or that an earlier poll left open, is looked for the same way: its queue, priority and
 * confidence on the ticket ({@link #current}).
 */
final class RtWrites implements WriteProtocol.Desk {

    /** RT's words for a change it did not make. */
    private static final Pattern FAILED = Pattern.compile("(?i)does not exist|is disabled|permission denied|illegal"
            + "|invalid|could ?n[o']t|can ?n[o']t|not allowed|failed|no such|not found");
    private static final Pattern PRIORITY_SET = Pattern.compile("Priority changed from '.*' to '(.*)'");

    /** What a look at the ticket found. */
    private enum Found { NOTHING, COMMENT_ONLY, EVERYTHING }

    private final HelpDeskHttp http;
    private final Optional<String> markerField;
    /** Tickets whose last look found our comment but not the marker: their next send is the marker alone. */
    private final Set<String> commentLanded = ConcurrentHashMap.newKeySet();

    RtWrites(HelpDeskHttp http, Optional<String> markerField) {
        this.http = http;
        this.markerField = markerField;
    }

    @Override
    public void send(WritePlan plan, PlannedCall call, HelpDeskHttp.Guard<Boolean> guard) {
        JsonNode request = call.request();
        String what = what(plan, call);
        if (call.name().equals(RtFieldMapping.NOTE)) {
            if (!commentLanded.remove(plan.key())) {
                Found found = http.send(request(request.path("method").asText(), request.path("path").asText(),
                        request.path("body"), what), answer -> {
                            check(answer, what, Optional.empty(), Optional.empty());
                            return Found.EVERYTHING;
                        }, () -> Optional.of(look(plan, call)).filter(f -> f != Found.NOTHING));
                if (found != Found.COMMENT_ONLY) {
                    return;
                }
            }
            sendMarkerOnly(plan, call);
            return;
        }
        if (call.name().equals(RtFieldMapping.TAGS)) {
            sendTags(plan, call, what);
            return;
        }
        if (request.path("body").isEmpty()) {
            return; // an earlier attempt's fields were found on the ticket (see current)
        }
        Optional<String> priorityName = Optional.of(request.path("priorityName").asText(""))
                .filter(name -> !name.isEmpty());
        HelpDeskHttp.Guard<Boolean> resend = call.name().equals(RtFieldMapping.FIELDS)
                ? () -> fieldsOnTicket(plan, call) ? Optional.of(true) : Optional.empty() : guard;
        try {
            http.send(request(request.path("method").asText(), request.path("path").asText(), request.path("body"),
                    what), answer -> {
                        check(answer, what, priorityName, Optional.of(request.path("body").path("Queue").asText(""))
                                .filter(queue -> !queue.isEmpty()));
                        return true;
                    }, resend);
        } catch (HelpDeskApiException refusal) {
            throw refusal.getStatusCode() == 200 ? appliedInPart(plan, refusal) : refusal;
        }
    }

    /**
     * A refusal in a 200: RT made the update's other changes, which stamped the ticket's LastUpdated. The refusal
     * carries the new time, so that the ticket's one dead letter is kept under the version the next poll lists (else
     * that poll takes our own change for an agent's, tries the ticket again and keeps a second letter). Where the
     * ticket cannot be read now, or did not change, the refusal goes as it is.
     */
    private HelpDeskApiException appliedInPart(WritePlan plan, HelpDeskApiException refusal) {
        try {
            String updated = http.send(HelpDeskHttp.Request.get(RtHttp.url(http, "/ticket/" + plan.ticketId()),
                    "reading ticket " + plan.ticketId() + " (what RT applied of a refused update)")
                    .aboutOneTicket(true), answer -> RtTicketMapper.text(RtHttp.tree(answer.body()), "LastUpdated"));
            Instant now = Instant.parse(updated);
            // Unchanged: nothing else of the update was new to RT (the same update, refused once before).
            return now.toString().equals(plan.ticketVersion()) ? refusal : refusal.appliedInPart(now);
        } catch (HelpDeskApiException | DateTimeParseException unreadable) {
            return refusal;
        }
    }

    /**
     * The fields of a plan an earlier poll left open are looked for on the ticket first: an update whose answer was
     * lost, or that landed just before a crash, is not sent a second time.
     */
    @Override
    public PlannedCall current(WritePlan plan, PlannedCall call) {
        if (!call.name().equals(RtFieldMapping.FIELDS) || !fieldsOnTicket(plan, call)) {
            return call;
        }
        ObjectNode landed = call.request().deepCopy();
        landed.putObject("body");
        return new PlannedCall(call.name(), landed, call.once());
    }

    /**
     * Whether the ticket has the queue, priority and confidence the call sets: a search for it
     * ({@code fields[Queue]=Name}, since {@code GET /ticket/{id}} gives the queue by id only). A priority given by name
     * is not compared: RT answers with its number.
     */
    private boolean fieldsOnTicket(WritePlan plan, PlannedCall call) {
        JsonNode body = call.request().path("body");
        String url = RtHttp.url(http, "/tickets?query=" + HelpDeskHttp.encode("id = " + plan.ticketId())
                + "&per_page=1" + RtSearch.FIELDS);
        List<JsonNode> found = http.send(HelpDeskHttp.Request.get(url, "reading ticket " + plan.ticketId()
                + " (did our update land?)"), answer -> RtPage.read(answer.body()).records().stream()
                .map(JsonRecords.Record::json).flatMap(Optional::stream).toList());
        if (found.isEmpty()) {
            return false;
        }
        JsonNode ticket = found.get(0);
        String queue = body.path("Queue").asText("");
        boolean queueSet = queue.isEmpty() || queue.equals(RtTicketMapper.queueName(ticket))
                || queue.equals(RtTicketMapper.queueId(ticket));
        JsonNode priority = body.path("Priority");
        boolean prioritySet = !priority.isNumber() || priority.asText().equals(RtTicketMapper.text(ticket,
                "Priority"));
        Iterator<Map.Entry<String, JsonNode>> fields = body.path("CustomFields").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!RtTicketMapper.customFieldValues(ticket, field.getKey()).equals(List.of(field.getValue().asText()))) {
                return false;
            }
        }
        return queueSet && prioritySet;
    }

    @Override
    public boolean landed(WritePlan plan, PlannedCall call) {
        Found found = look(plan, call);
        if (found == Found.COMMENT_ONLY) {
            commentLanded.add(plan.key());
        } else {
            commentLanded.remove(plan.key());
        }
        return found == Found.EVERYTHING;
    }

    /**
     * RT sets a multi-value custom field to exactly the values sent, so the tags field's values are read from the
     * ticket as it is now (a customer's workflow may have added one since the fetch), and the predicted tags added to
     * them: the customer's values stay, and a tag already there is not sent again. Nothing is sent when every tag is
     * there; an answer that was lost is found the same way.
     */
    private void sendTags(WritePlan plan, PlannedCall call, String what) {
        String field = call.request().path("tagsField").asText();
        List<String> ours = new ArrayList<>();
        call.request().path("body").path("CustomFields").path(field).forEach(tag -> ours.add(tag.asText()));
        List<String> values = new ArrayList<>(tagValues(plan, field));
        if (values.containsAll(ours)) {
            return;
        }
        ours.stream().filter(tag -> !values.contains(tag)).forEach(values::add);
        ObjectNode body = RtHttp.json().createObjectNode();
        ArrayNode all = body.putObject("CustomFields").putArray(field);
        values.forEach(all::add);
        http.send(request("PUT", "/ticket/" + plan.ticketId(), body, what), answer -> {
            check(answer, what, Optional.empty(), Optional.empty());
            return true;
        }, () -> tagValues(plan, field).containsAll(ours) ? Optional.of(true) : Optional.empty());
    }

    /** The values of the ticket's custom field {@code field} as RT has them now. */
    private List<String> tagValues(WritePlan plan, String field) {
        JsonNode ticket = http.send(HelpDeskHttp.Request.get(RtHttp.url(http, "/ticket/" + plan.ticketId()),
                "reading the tags of ticket " + plan.ticketId()).aboutOneTicket(true),
                answer -> RtHttp.tree(answer.body()));
        return RtTicketMapper.customFieldValues(ticket, field);
    }

    /** The comment landed but its marker did not: the marker is set by an update of its own. */
    private void sendMarkerOnly(WritePlan plan, PlannedCall call) {
        JsonNode fields = call.request().path("body").path("CustomFields");
        if (fields.isMissingNode()) {
            return;
        }
        ObjectNode body = RtHttp.json().createObjectNode();
        body.set("CustomFields", fields);
        String what = "setting the marker on ticket " + plan.ticketId() + " (its comment landed)";
        http.send(request("PUT", "/ticket/" + plan.ticketId(), body, what), answer -> {
            check(answer, what, Optional.empty(), Optional.empty());
            return true;
        });
    }

    private Found look(WritePlan plan, PlannedCall call) {
        ArrayNode query = RtHttp.json().createArrayNode();
        query.addObject().put("field", "Content").put("operator", "LIKE")
                .put("value", RtFieldMapping.REFERENCE + plan.token());
        boolean comment = http.send(HelpDeskHttp.Request.get(RtHttp.url(http, "/ticket/" + plan.ticketId()
                        + "/attachments?fields=TransactionId&per_page=1&query="
                        + HelpDeskHttp.encode(query.toString())),
                "looking for our comment on ticket " + plan.ticketId()).aboutOneTicket(true),
                answer -> !RtPage.read(answer.body()).records().isEmpty());
        String marker = call.request().path("marker").asText("");
        if (!comment || marker.isEmpty() || markerField.isEmpty()) {
            return comment ? Found.EVERYTHING : Found.NOTHING;
        }
        JsonNode ticket = http.send(HelpDeskHttp.Request.get(RtHttp.url(http, "/ticket/" + plan.ticketId()),
                "reading ticket " + plan.ticketId() + " (did our marker land?)").aboutOneTicket(true),
                answer -> RtHttp.tree(answer.body()));
        boolean marked = RtTicketMapper.customFieldValues(ticket, markerField.get()).stream()
                .anyMatch(marker::equalsIgnoreCase);
        return marked ? Found.EVERYTHING : Found.COMMENT_ONLY;
    }

    private HelpDeskHttp.Request request(String method, String path, JsonNode body, String what) {
        return HelpDeskHttp.Request.json(method, RtHttp.url(http, path), body.toString(), what);
    }

    /**
     * Reads RT's list of messages: one that says a change failed refuses the call, as does a priority name RT set as
     * another.
     */
    private static void check(HelpDeskHttp.Answer answer, String what, Optional<String> priorityName,
                              Optional<String> queueSent) {
        JsonNode messages = RtHttp.tree(answer.body());
        List<String> failed = new ArrayList<>();
        for (JsonNode message : messages.isArray() ? messages : RtHttp.json().createArrayNode().add(messages)) {
            String text = message.isValueNode() ? message.asText() : message.toString();
            Matcher priority = PRIORITY_SET.matcher(text);
            if (priorityName.isPresent() && priority.find() && !priority.group(1).equals(priorityName.get())) {
                failed.add(text + " (RT does not know the priority '" + priorityName.get() + "' in this ticket's "
                        + "queue, whose PriorityAsString names it; it set " + priority.group(1) + " instead: map the "
                        + "label to a number or to a name RT has)");
            } else if (FAILED.matcher(text).find()) {
                failed.add(text + queueSent.map(queue -> explained(text, queue)).orElse(""));
            }
        }
        if (!failed.isEmpty()) {
            throw new HelpDeskApiException(HelpDeskApiException.Kind.REJECTED, "RT refused " + what + ": "
                    + String.join("; ", failed), answer.status(), answer.body());
        }
    }

    /** What RT's message about a refused move leaves out. */
    private static String explained(String text, String queue) {
        if (text.contains("Permission Denied")) {
            // RT says no more than that when the user may not move the ticket.
            return " (moving a ticket takes ModifyTicket in its queue and CreateTicket in the queue it moves to)";
        }
        // RT 5.0.3 names the ticket's present queue here, not the disabled one it was to move to.
        return text.contains("is disabled") ? " (the queue it was to move to, " + queue + ", is disabled)" : "";
    }

    private static String what(WritePlan plan, PlannedCall call) {
        String ticket = " on ticket " + plan.ticketId();
        return switch (call.name()) {
            case RtFieldMapping.FIELDS -> "setting queue, priority and confidence" + ticket;
            case RtFieldMapping.NOTE -> "adding the private comment and the marker" + ticket;
            default -> "setting the marker" + ticket;
        };
    }
}
