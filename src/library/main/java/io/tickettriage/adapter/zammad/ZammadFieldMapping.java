package io.tickettriage.adapter.zammad;

import io.tickettriage.adapter.LabelMapping;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriageNote;
import io.tickettriage.triage.WritePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a {@link TriageDecision} (model labels) to the calls that write it to Zammad ({@link #plan}): group and
 * priority by name, the note as an internal article, the review tag and the marker tag. Built once at startup, where
 * every name was checked.
 *
 * <p>The calls, in order:
 * <ol>
 *   <li>{@code note} (or {@code fields} without notes): one {@code PUT /api/v1/tickets/{id}} with only
 *       {@code group} and {@code priority}, the two fields triage means to change (nothing else of the ticket is
 *       sent back), and the note as its {@code article} (internal, type note), which Zammad creates in the same
 *       transaction: both land or neither. The note's last line carries the plan's token ({@value #REFERENCE} …);
 *       since the call adds an article it is sent once: one whose answer was lost is looked for among the ticket's
 *       articles before it is sent again;</li>
 *   <li>{@code review-tag}: {@code POST /api/v1/tags/add}, when a prediction was uncertain;</li>
 *   <li>{@code duplicate-tag}: {@code POST /api/v1/tags/add}, when the ticket looks like a recent one;</li>
 *   <li>{@code tag:<tag>}: {@code POST /api/v1/tags/add}, one per predicted tag;</li>
 *   <li>{@code marker}: {@code POST /api/v1/tags/add}, last: a ticket that carries it is never selected again.</li>
 * </ol>
 * The PUT and the tags calls set a state and may be sent again harmlessly. The tags API adds one tag and keeps the
 * ticket's own, whatever they are.
 *
 * @param groups      queue label → Zammad group name
 * @param priorities  priority label → Zammad priority name ("3 high")
 * @param reviewGroup group for tickets whose queue is not confident, if the policy sends them to review
 * @param markerTag   added to every ticket written, so it is never selected again
 * @param reviewTag   added when any prediction was below its threshold
 * @param duplicateTag added when the ticket looks like a recent one of the desk
 * @param notes       whether to add an internal note explaining the prediction
 */
public record ZammadFieldMapping(Map<String, String> groups, Map<String, String> priorities,
                                 Optional<String> reviewGroup, String markerTag, String reviewTag, String duplicateTag,
                                 boolean notes) {

    /** Starts the note's last line, followed by the plan's token. */
    public static final String REFERENCE = "ticket-triage ref";
    static final String NOTE = "note";
    static final String FIELDS = "fields";
    static final String REVIEW_TAG = "review-tag";
    static final String DUPLICATE_TAG = "duplicate-tag";
    static final String MARKER = "marker";
    /** Starts the name of the call that adds one predicted tag. */
    static final String TAG = "tag:";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public ZammadFieldMapping {
        groups = Map.copyOf(groups);
        priorities = Map.copyOf(priorities);
        requireValidTag(markerTag, "triage.marker-tag");
        requireValidTag(reviewTag, "triage.review-tag");
        requireValidTag(duplicateTag, "triage.duplicate-tag");
    }

    /** Every call that writes the decision, in the order they are sent. */
    public WritePlan plan(TriageDecision decision) {
        long ticketId;
        try {
            ticketId = Long.parseLong(decision.ticket().id());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Zammad ticket id '" + decision.ticket().id() + "' is not a number");
        }
        String token = WritePlan.newToken();
        List<PlannedCall> calls = new ArrayList<>();
        ObjectNode fields = JSON.objectNode();
        decision.queue().map(label -> LabelMapping.valueOf(groups, label, "queue", "Zammad group", "queueMapping"))
                .ifPresent(group -> fields.put("group", group));
        if (decision.toReviewQueue()) {
            fields.put("group", reviewGroup.orElseThrow(() -> new IllegalStateException(
                    "no Zammad review group is configured (zammad.review-group)")));
        }
        decision.priority().map(label -> LabelMapping.valueOf(priorities, label, "priority", "Zammad priority",
                "priorityMapping"))
                .ifPresent(priority -> fields.put("priority", priority));
        if (notes) {
            // internal: true is what keeps the note from the customer; Zammad's default is a public article.
            fields.putObject("article").put("subject", "ticket-triage")
                    .put("body", TriageNote.html(decision) + "<p>" + REFERENCE + " " + token + "</p>")
                    .put("content_type", "text/html").put("type", "note").put("internal", true);
        }
        if (!fields.isEmpty()) {
            // With the note, the PUT adds something: it is sent once, and looked for before it is sent again.
            calls.add(call(notes ? NOTE : FIELDS, "PUT", "/api/v1/tickets/" + ticketId, fields, notes));
        }
        if (decision.needsReview()) {
            calls.add(call(REVIEW_TAG, "POST", "/api/v1/tags/add", tag(ticketId, reviewTag), false));
        }
        if (decision.resemblance().possibleDuplicate()) {
            calls.add(call(DUPLICATE_TAG, "POST", "/api/v1/tags/add", tag(ticketId, duplicateTag), false));
        }
        for (String predicted : decision.tags()) {
            calls.add(call(TAG + predicted, "POST", "/api/v1/tags/add", tag(ticketId, predicted), false));
        }
        calls.add(call(MARKER, "POST", "/api/v1/tags/add", tag(ticketId, markerTag), false));
        return new WritePlan(decision.ticket().key(), decision.ticket().id(), decision.ticket().subject(),
                decision.ticket().updatedAt().toString(), token, calls, decision.summary());
    }

    private static ObjectNode tag(long ticketId, String item) {
        return JSON.objectNode().put("object", "Ticket").put("o_id", ticketId).put("item", item);
    }

    private static PlannedCall call(String name, String method, String path, ObjectNode body, boolean once) {
        ObjectNode request = JSON.objectNode().put("method", method).put("path", path);
        request.set("body", body);
        return new PlannedCall(name, request, once);
    }

    /** Zammad strips tags and takes anything else; an empty tag would fail every update, so it stops the start. */
    static void requireValidTag(String tag, String key) {
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException(key + " is empty; Zammad needs a tag with text");
        }
    }
}
