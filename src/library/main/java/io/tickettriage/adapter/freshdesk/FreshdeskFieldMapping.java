package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.LabelMapping;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriageNote;
import io.tickettriage.triage.WritePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a {@link TriageDecision} (model labels) to the Freshdesk calls that write it (group ids, priority numbers,
 * tags, the note): a {@link WritePlan}. Built once at startup from {@code config/application.properties}; every
 * model label must be mapped, which is checked there.
 *
 * <p>The plan: first the private note ({@code POST /api/v2/tickets/{id}/notes}, sent at most once: it carries the
 * plan's token, by which a note whose answer was lost is found among the ticket's conversations), then one
 * {@code PUT /api/v2/tickets/{id}} with group, priority and the tags including the marker and the predicted tags (the
 * customer's own kept, ours added once: tags are a set), which Freshdesk applies
 * at once. The marker goes last, so a ticket whose note failed is still selected, and the ledger finishes it.
 *
 * @param groupIds      queue label → Freshdesk group id
 * @param priorities    priority label → Freshdesk priority 1 (Low) … 4 (Urgent)
 * @param reviewGroupId group for tickets whose queue is not confident, if the policy sends them to review
 * @param markerTag     added to every ticket written, so it is never selected again
 * @param reviewTag     added when any prediction was below its threshold
 * @param duplicateTag  added when the ticket looks like a recent one of the desk
 * @param notes         whether to add a private note explaining the prediction
 */
public record FreshdeskFieldMapping(Map<String, Long> groupIds, Map<String, Integer> priorities,
                                    Optional<Long> reviewGroupId, String markerTag, String reviewTag,
                                    String duplicateTag, boolean notes) {

    private static final Logger LOG = LoggerFactory.getLogger(FreshdeskFieldMapping.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String NOTE = "note";
    static final String FIELDS = "fields";

    public FreshdeskFieldMapping {
        groupIds = Map.copyOf(groupIds);
        priorities = Map.copyOf(priorities);
        priorities.forEach((label, value) -> {
            if (value < 1 || value > 4) {
                throw new IllegalArgumentException("Freshdesk priority for '" + label + "' must be 1..4, was " + value);
            }
        });
        FreshdeskTags.requireValid(markerTag);
        FreshdeskTags.requireValid(reviewTag);
        FreshdeskTags.requireValid(duplicateTag);
    }

    /**
     * The calls that write the decision. Freshdesk's PUT replaces the whole tag list, so ours are appended to the
     * ticket's tags as fetched; when those were not a list ({@link Ticket#tagsKnown()}) the PUT leaves the tags alone
     * (the marker cannot be added then).
     */
    public WritePlan toPlan(TriageDecision decision) {
        Ticket ticket = decision.ticket();
        long ticketId = Long.parseLong(ticket.id());
        String token = WritePlan.newToken();
        List<PlannedCall> calls = new ArrayList<>();
        if (notes) {
            ObjectNode body = JSON.objectNode()
                    .put("body", TriageNote.html(decision) + "<p>ticket-triage ref " + token + "</p>")
                    .put("private", true);
            calls.add(new PlannedCall(NOTE, call("POST", "/api/v2/tickets/" + ticketId + "/notes", body,
                    "posting the note on Freshdesk ticket " + ticketId), true));
        }
        ObjectNode fields = JSON.objectNode();
        decision.queue().map(this::groupId).ifPresent(group -> fields.put("group_id", group));
        if (decision.toReviewQueue()) {
            fields.put("group_id", reviewGroupId.orElseThrow(() -> new IllegalStateException(
                    "no Freshdesk review group is configured (freshdesk.review-group)")));
        }
        decision.priority().map(this::priority).ifPresent(p -> fields.put("priority", p));
        List<String> ours = new ArrayList<>(List.of(markerTag));
        if (decision.needsReview()) {
            ours.add(reviewTag);
        }
        if (decision.resemblance().possibleDuplicate()) {
            ours.add(duplicateTag);
        }
        // The predicted tags join ours: merged into the customer's like the marker, each added once.
        ours.addAll(decision.tags());
        if (ticket.tagsKnown()) {
            fields.set("tags", merge(ticket.tags(), ours));
        } else {
            LOG.warn("Freshdesk ticket {} lists its tags as something other than a list: they are left as they are, "
                    + "and the marker tag '{}' cannot be added (ticket-triage still remembers the ticket as written)",
                    ticketId, markerTag);
        }
        if (!fields.isEmpty()) {
            ObjectNode put = call("PUT", "/api/v2/tickets/" + ticketId, fields,
                    "updating group, priority and tags of Freshdesk ticket " + ticketId);
            // Our own tags, so that a plan finished on a later poll can merge them into the tags the ticket has then.
            ArrayNode ourTags = put.putArray("ourTags");
            ours.forEach(ourTags::add);
            calls.add(new PlannedCall(FIELDS, put, false));
        }
        return new WritePlan(ticket.key(), ticket.id(), ticket.subject(), ticket.updatedAt().toString(), token, calls,
                decision.summary());
    }

    /** {@code tags} as they are, then each of {@code ours} that is not among them (Freshdesk ignores case). */
    static ArrayNode merge(List<String> tags, List<String> ours) {
        ArrayNode merged = JSON.arrayNode();
        tags.forEach(merged::add);
        for (String tag : ours) {
            if (tags.stream().noneMatch(existing -> existing.trim().equalsIgnoreCase(tag))) {
                merged.add(tag);
            }
        }
        return merged;
    }

    private static ObjectNode call(String method, String path, ObjectNode body, String what) {
        ObjectNode call = JSON.objectNode().put("method", method).put("path", path).put("what", what);
        call.set("body", body);
        return call;
    }

    private long groupId(String label) {
        return LabelMapping.valueOf(groupIds, label, "queue", "Freshdesk group", "queueMapping");
    }

    private int priority(String label) {
        return LabelMapping.valueOf(priorities, label, "priority", "Freshdesk priority", "priorityMapping");
    }
}
