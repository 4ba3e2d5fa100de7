package io.tickettriage.adapter.zammad;

import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriageNote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;

/**
 * Maps a {@link TriageDecision} (model labels) to a Zammad update: group and priority by name, the review tag and
 * the marker tag, and the note as an internal article. Built once at startup, where every name was checked.
 *
 * @param groups      queue label → Zammad group name
 * @param priorities  priority label → Zammad priority name ("3 high")
 * @param reviewGroup group for tickets whose queue is not confident, if the policy sends them to review
 * @param markerTag   added to every ticket written, so it is never selected again
 * @param reviewTag   added when any prediction was below its threshold
 * @param notes       whether to add an internal note explaining the prediction
 */
public record ZammadFieldMapping(Map<String, String> groups, Map<String, String> priorities,
                                 Optional<String> reviewGroup, String markerTag, String reviewTag, boolean notes) {

    public ZammadFieldMapping {
        groups = Map.copyOf(groups);
        priorities = Map.copyOf(priorities);
        requireValidTag(markerTag, "triage.marker-tag");
        requireValidTag(reviewTag, "triage.review-tag");
    }

    public ZammadUpdate toUpdate(TriageDecision decision) {
        Map<String, Object> fields = new LinkedHashMap<>();
        decision.queue().map(label -> mapped(groups, label, "group", "zammad.queue."))
                .ifPresent(group -> fields.put("group", group));
        if (decision.toReviewQueue()) {
            fields.put("group", reviewGroup.orElseThrow(() -> new IllegalStateException(
                    "no Zammad review group is configured (zammad.review-group)")));
        }
        decision.priority().map(label -> mapped(priorities, label, "priority", "zammad.priority."))
                .ifPresent(priority -> fields.put("priority", priority));
        if (notes) {
            // internal: true is what keeps the note from the customer; Zammad's default is a public article.
            fields.put("article", Map.of("subject", "ticket-triage", "body", TriageNote.html(decision),
                    "content_type", "text/html", "type", "note", "internal", true));
        }
        List<String> tags = new ArrayList<>();
        if (decision.needsReview()) {
            tags.add(reviewTag);
        }
        tags.add(markerTag);
        return new ZammadUpdate(Long.parseLong(decision.ticket().id()), fields, tags);
    }

    /** The body of the tags call the sink's loop is at. */
    public Map<String, Object> tagRequest(@Variable("update") ZammadUpdate update,
                                          @ExchangeProperty(Exchange.LOOP_INDEX) int index) {
        return update.tagRequest(index);
    }

    private static String mapped(Map<String, String> names, String label, String what, String prefix) {
        String name = names.get(label);
        if (name == null) {
            throw new IllegalStateException(what + " label '" + label + "' has no Zammad " + what + " (" + prefix
                    + label + ")");
        }
        return name;
    }

    /** Zammad strips tags and takes anything else; an empty tag would fail every update, so it stops the start. */
    private static void requireValidTag(String tag, String key) {
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException(key + " is empty; Zammad needs a tag with text");
        }
    }
}
