package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.LabelMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriageNote;
import io.tickettriage.triage.WritePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a {@link TriageDecision} (model labels) to its {@link WritePlan}: one TicketUpdate with queue and priority by
 * name, an internal article with the explanatory note (its last line {@code ticket-triage ref <token>}), and the
 * confidence and marker dynamic fields, the marker last: OTOBO applies the ticket's attributes, then the article,
 * then the dynamic fields in their order, so a marker on the ticket means the whole update landed. Built once at
 * startup from {@code config/application.properties}; every model label must be mapped, which is checked there.
 *
 * <p>Nothing we do not mean to change is written: the ticket's attributes other than queue and priority are left
 * out, and the marker field keeps every value it had, exactly as TicketGet sent them, with ours appended; so does the
 * tags field, with the predicted tags appended (each once: the field's values are a set). A multiselect field whose
 * value has a shape no OTOBO field has (an object, nested lists) is left out of the update altogether, with a warning:
 * the ticket is written without its marker (or its tags).
 *
 * @param queues          queue label → OTOBO queue name
 * @param priorities      priority label → OTOBO priority name ("3 normal")
 * @param reviewQueue     queue for tickets whose queue is not confident, if the policy sends them to review
 * @param markerField     multiselect dynamic field that gets the marker tag (and the review tag when uncertain)
 * @param confidenceField text dynamic field that gets the confidences, e.g. "queue 91%, priority 72%"
 * @param tagsField       multiselect dynamic field the predicted tags are added to, keeping every value it had
 * @param markerTag       the value that marks a ticket as triaged; tickets carrying it are never fetched again
 * @param reviewTag       the value added when any prediction was below its threshold
 * @param duplicateTag    the value added when the ticket looks like a recent one of the desk
 * @param notes           whether to add the internal note
 * @param noteSubject     the note's subject
 */
public record OtoboFieldMapping(Map<String, String> queues, Map<String, String> priorities,
                                Optional<String> reviewQueue, Optional<String> markerField,
                                Optional<String> confidenceField, Optional<String> tagsField, String markerTag,
                                String reviewTag, String duplicateTag, boolean notes, String noteSubject) {

    /** The one call of an OTOBO plan. */
    static final String UPDATE = "update";
    /** Precedes the plan's token in the note's last line. */
    static final String REFERENCE = "ticket-triage ref ";
    private static final Logger LOG = LoggerFactory.getLogger(OtoboFieldMapping.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public OtoboFieldMapping {
        queues = Map.copyOf(queues);
        priorities = Map.copyOf(priorities);
        if (markerTag.isBlank() || reviewTag.isBlank() || duplicateTag.isBlank()) {
            throw new IllegalArgumentException("the marker, review and duplicate values must not be empty");
        }
        if (noteSubject.isBlank()) {
            throw new IllegalArgumentException("the note needs a subject: OTOBO refuses articles without one");
        }
    }

    /**
     * The plan for a decision: no call when there is nothing to write, else one TicketUpdate, marked {@code once}
     * when it adds an article.
     *
     * @param seen a dynamic field's value as the fetch read it (a null node when the ticket had none), if it did
     */
    WritePlan plan(TriageDecision decision, Function<String, Optional<JsonNode>> seen) {
        String id = decision.ticket().id();
        String token = WritePlan.newToken();
        ObjectNode data = JSON.createObjectNode();
        data.put("TicketID", id);
        ObjectNode ticket = JSON.createObjectNode();
        decision.queue().map(this::queue).ifPresent(name -> ticket.put("Queue", name));
        if (decision.toReviewQueue()) {
            ticket.put("Queue", reviewQueue.orElseThrow(() -> new IllegalStateException(
                    "no OTOBO review queue is configured (otobo.review-queue)")));
        }
        decision.priority().map(this::priority).ifPresent(name -> ticket.put("Priority", name));
        if (!ticket.isEmpty()) {
            data.set("Ticket", ticket);
        }
        if (notes) {
            // IsVisibleForCustomer defaults to 1 in OTOBO: without the 0 the customer would read the note.
            ObjectNode article = data.putObject("Article");
            article.put("Subject", noteSubject);
            article.put("Body", TriageNote.text(decision) + "\n\n" + REFERENCE + token);
            article.put("ContentType", "text/plain; charset=utf8");
            article.put("IsVisibleForCustomer", 0);
            article.put("SenderType", "agent");
            article.put("CommunicationChannel", "Internal");
        }
        ArrayNode fields = JSON.createArrayNode();
        confidenceField.ifPresent(name -> fields.addObject().put("Name", name).put("Value", confidences(decision)));
        if (!decision.tags().isEmpty()) {
            tagsField.flatMap(name -> tagsValue(decision, seen.apply(name), name))
                    .ifPresent(value -> fields.addObject().put("Name", tagsField.get()).set("Value", value));
        }
        Optional<ArrayNode> marker = markerField.flatMap(name -> markerValue(decision, seen.apply(name), name));
        marker.ifPresent(value -> fields.addObject().put("Name", markerField.get()).set("Value", value));
        if (!fields.isEmpty()) {
            data.set("DynamicField", fields);
        }
        List<PlannedCall> calls = new ArrayList<>();
        if (data.size() > 1) {
            ObjectNode request = JSON.createObjectNode();
            request.set("data", data);
            // What shows on the ticket once the whole update landed.
            marker.ifPresent(value -> request.put("marker", markerTag));
            calls.add(new PlannedCall(UPDATE, request, notes));
        }
        return new WritePlan(decision.ticket().key(), id, decision.ticket().subject(),
                decision.ticket().updatedAt().toString(), token, calls, decision.summary());
    }

    /** The marker field's values as they were with ours appended, or empty when they have a shape OTOBO has not. */
    private Optional<ArrayNode> markerValue(TriageDecision decision, Optional<JsonNode> seen, String field) {
        List<String> ours = new ArrayList<>(List.of(markerTag));
        if (decision.needsReview()) {
            ours.add(reviewTag);
        }
        if (decision.resemblance().possibleDuplicate()) {
            ours.add(duplicateTag);
        }
        if (seen.isEmpty()) {
            // Not fetched by this service: the ticket's tags are the marker field's values it was read with.
            ArrayNode values = JSON.createArrayNode();
            decision.ticket().tags().forEach(values::add);
            return Optional.of(appended(values, ours));
        }
        return withValues(decision, seen.get(), field, ours);
    }

    /**
     * The tags field's values as they were with the predicted tags appended; empty when the fetch did not read the
     * field (a TicketUpdate replaces a multiselect's values, and values unknown cannot be kept) or it has a shape
     * OTOBO has not.
     */
    private Optional<ArrayNode> tagsValue(TriageDecision decision, Optional<JsonNode> seen, String field) {
        if (seen.isEmpty()) {
            LOG.warn("{}: its dynamic field {} was not read with the ticket, so its values cannot be kept; the tags {} "
                    + "are not added", decision.ticket().key(), field, decision.tags());
            return Optional.empty();
        }
        return withValues(decision, seen.get(), field, decision.tags());
    }

    /** A multiselect field's values as TicketGet sent them, then each of {@code ours} not among them. */
    private Optional<ArrayNode> withValues(TriageDecision decision, JsonNode value, String field, List<String> ours) {
        ArrayNode values = JSON.createArrayNode();
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (!element.isValueNode() || element.isNull()) {
                    return odd(decision, field, value);
                }
                values.add(element);
            }
        } else if (value.isValueNode() && !value.isNull()) {
            if (!value.asText().isEmpty()) {
                values.add(value);
            }
        } else if (!value.isNull()) {
            return odd(decision, field, value);
        }
        return Optional.of(appended(values, ours));
    }

    private static ArrayNode appended(ArrayNode values, List<String> ours) {
        for (String value : ours) {
            boolean present = false;
            for (JsonNode existing : values) {
                present |= existing.isValueNode() && existing.asText().equals(value);
            }
            if (!present) {
                values.add(value);
            }
        }
        return values;
    }

    private static Optional<ArrayNode> odd(TriageDecision decision, String field, JsonNode value) {
        String shown = value.toString();
        LOG.warn("{}: its dynamic field {} holds {}, which is no list of values; it is left as it is, so our values "
                        + "could not be added", decision.ticket().key(), field,
                shown.length() > 100 ? shown.substring(0, 100) + "…" : shown);
        return Optional.empty();
    }

    private static String confidences(TriageDecision decision) {
        List<String> parts = new ArrayList<>();
        for (HeadPrediction head : decision.classification().heads().values()) {
            parts.add(head.head() + " " + String.format(Locale.ROOT, "%.0f%%", head.confidence() * 100));
        }
        return String.join(", ", parts);
    }

    private String queue(String label) {
        return LabelMapping.valueOf(queues, label, "queue", "OTOBO queue", "queueMapping");
    }

    private String priority(String label) {
        return LabelMapping.valueOf(priorities, label, "priority", "OTOBO priority", "priorityMapping");
    }
}
