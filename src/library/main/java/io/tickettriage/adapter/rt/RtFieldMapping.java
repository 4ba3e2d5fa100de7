package io.tickettriage.adapter.rt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.adapter.LabelMapping;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriageNote;
import io.tickettriage.triage.WritePlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a {@link TriageDecision} (model labels) to its {@link WritePlan} of up to three calls:
 * <ol>
 *   <li>{@value #FIELDS}: {@code PUT /ticket/{id}} with the queue (by name or id), the priority (a number, or a
 *       name of RT's PriorityAsString) and the confidence custom field;</li>
 *   <li>{@value #TAGS}: {@code PUT /ticket/{id}} of the tags custom field, when tags were predicted: its values as
 *       the ticket has them when the call is sent, with the predicted tags added ({@link RtWrites} reads them first);
 *       </li>
 *   <li>{@value #NOTE}: {@code POST /ticket/{id}/comment}, a private comment (never a correspondence, which would mail
 *       the requestor) whose last line is {@code ticket-triage ref <token>}, with the marker custom field in the same
 *       call: RT adds the comment, then sets the field, so the marker on a ticket means the comment is there.
 *       Without notes the marker goes with a {@code PUT} of its own.</li>
 * </ol>
 * RT replaces a multi-value custom field's values with the list given, so the marker field is sent with every value
 * the ticket had (as the fetch read them) and ours added.
 *
 * @param queues          queue label → RT queue name or id
 * @param priorities      priority label → RT priority, a number or a name
 * @param reviewQueue     queue for tickets whose queue is not confident, if the policy sends them to review
 * @param markerField     the multi-value custom field that gets the marker (and the review value when uncertain)
 * @param confidenceField the custom field that gets the confidences, e.g. "queue 91%, priority 72%"
 * @param tagsField       the multi-value custom field the predicted tags are added to
 * @param markerTag       the value that marks a ticket as written; tickets carrying it are never fetched again
 * @param reviewTag       the value added when any prediction was below its threshold
 * @param duplicateTag    the value added when the ticket looks like a recent one of the desk
 * @param notes           whether to add the comment
 * @param noteSubject     the comment's subject
 */
record RtFieldMapping(Map<String, String> queues, Map<String, String> priorities, Optional<String> reviewQueue,
                      Optional<String> markerField, Optional<String> confidenceField, Optional<String> tagsField,
                      String markerTag, String reviewTag, String duplicateTag, boolean notes, String noteSubject) {

    static final String FIELDS = "fields";
    static final String NOTE = "note";
    static final String MARKER = "marker";
    static final String TAGS = "tags";
    /** Precedes the plan's token in the comment's last line. */
    static final String REFERENCE = "ticket-triage ref ";

    RtFieldMapping {
        queues = Map.copyOf(queues);
        priorities = Map.copyOf(priorities);
        if (markerTag.isBlank() || reviewTag.isBlank() || duplicateTag.isBlank()) {
            throw new IllegalArgumentException("the marker, review and duplicate values must not be empty");
        }
    }

    /** Whether an RT priority is given as a number (else it is a name RT looks up in the ticket's queue). */
    static boolean isNumber(String priority) {
        return priority.matches("\\d{1,9}");
    }

    WritePlan plan(TriageDecision decision) {
        String id = decision.ticket().id();
        String token = WritePlan.newToken();
        List<PlannedCall> calls = new ArrayList<>();
        ObjectNode fields = RtHttp.json().createObjectNode();
        decision.queue().map(this::queue).ifPresent(queue -> fields.put("Queue", queue));
        if (decision.toReviewQueue()) {
            fields.put("Queue", reviewQueue.orElseThrow(() -> new IllegalStateException(
                    "no RT review queue is configured (rt.review-queue)")));
        }
        Optional<String> priority = decision.priority().map(this::priority);
        priority.ifPresent(value -> {
            if (isNumber(value)) {
                fields.put("Priority", Integer.parseInt(value));
            } else {
                fields.put("Priority", value);
            }
        });
        confidenceField.ifPresent(name -> fields.putObject("CustomFields").put(name, confidences(decision)));
        if (!fields.isEmpty()) {
            ObjectNode request = call("PUT", "/ticket/" + id, fields);
            priority.filter(value -> !isNumber(value)).ifPresent(name -> request.put("priorityName", name));
            calls.add(new PlannedCall(FIELDS, request, false));
        }
        if (!decision.tags().isEmpty() && tagsField.isPresent()) {
            ObjectNode body = RtHttp.json().createObjectNode();
            ArrayNode ours = body.putObject("CustomFields").putArray(tagsField.get());
            decision.tags().forEach(ours::add);
            ObjectNode request = call("PUT", "/ticket/" + id, body);
            request.put("tagsField", tagsField.get());
            calls.add(new PlannedCall(TAGS, request, false));
        }
        Optional<ArrayNode> marker = markerField.map(field -> markerValues(decision));
        if (notes) {
            ObjectNode comment = RtHttp.json().createObjectNode();
            comment.put("Subject", noteSubject);
            comment.put("Content", TriageNote.text(decision) + "\n" + REFERENCE + token);
            comment.put("ContentType", "text/plain");
            marker.ifPresent(values -> comment.putObject("CustomFields").set(markerField.get(), values));
            ObjectNode request = call("POST", "/ticket/" + id + "/comment", comment);
            // What shows on the ticket once the whole call landed.
            marker.ifPresent(values -> request.put("marker", markerTag));
            calls.add(new PlannedCall(NOTE, request, true));
        } else if (marker.isPresent()) {
            ObjectNode body = RtHttp.json().createObjectNode();
            body.putObject("CustomFields").set(markerField.get(), marker.get());
            calls.add(new PlannedCall(MARKER, call("PUT", "/ticket/" + id, body), false));
        }
        return new WritePlan(decision.ticket().key(), id, decision.ticket().subject(),
                decision.ticket().updatedAt().toString(), token, calls, decision.summary());
    }

    /** The marker field's values as the fetch read them, with ours added. */
    private ArrayNode markerValues(TriageDecision decision) {
        Set<String> values = new LinkedHashSet<>(decision.ticket().tags());
        values.add(markerTag);
        if (decision.needsReview()) {
            values.add(reviewTag);
        }
        if (decision.resemblance().possibleDuplicate()) {
            values.add(duplicateTag);
        }
        ArrayNode array = RtHttp.json().createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ObjectNode call(String method, String path, ObjectNode body) {
        ObjectNode request = RtHttp.json().createObjectNode();
        request.put("method", method);
        request.put("path", path);
        request.set("body", body);
        return request;
    }

    private static String confidences(TriageDecision decision) {
        List<String> parts = new ArrayList<>();
        for (HeadPrediction head : decision.classification().heads().values()) {
            parts.add(head.head() + " " + String.format(Locale.ROOT, "%.0f%%", head.confidence() * 100));
        }
        return String.join(", ", parts);
    }

    private String queue(String label) {
        return LabelMapping.valueOf(queues, label, "queue", "RT queue", "queueMapping");
    }

    private String priority(String label) {
        return LabelMapping.valueOf(priorities, label, "priority", "RT priority", "priorityMapping");
    }
}
