package io.tickettriage.adapter.freshdesk;

import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriageNote;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a {@link TriageDecision} (model labels) to a Freshdesk update (group ids, priority numbers, tags). Built once
 * at startup from {@code config/application.properties}; every model label must be mapped, which is checked there.
 *
 * @param groupIds     queue label → Freshdesk group id
 * @param priorities   priority label → Freshdesk priority 1 (Low) … 4 (Urgent)
 * @param reviewGroupId group for tickets whose queue is not confident, if the policy sends them to review
 * @param markerTag    added to every ticket written, so it is never selected again
 * @param reviewTag    added when any prediction was below its threshold
 * @param notes        whether to add a private note explaining the prediction
 */
public record FreshdeskFieldMapping(Map<String, Long> groupIds, Map<String, Integer> priorities,
                                    Optional<Long> reviewGroupId, String markerTag, String reviewTag,
                                    boolean notes) {

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
    }

    public FreshdeskUpdate toUpdate(TriageDecision decision) {
        Map<String, Object> fields = new LinkedHashMap<>();
        decision.queue().map(this::groupId).ifPresent(id -> fields.put("group_id", id));
        if (decision.toReviewQueue()) {
            fields.put("group_id", reviewGroupId.orElseThrow(() -> new IllegalStateException(
                    "no Freshdesk review group is configured (freshdesk.review-group)")));
        }
        decision.priority().map(this::priority).ifPresent(p -> fields.put("priority", p));
        Set<String> tags = new LinkedHashSet<>(decision.ticket().tags());
        tags.add(markerTag);
        if (decision.needsReview()) {
            tags.add(reviewTag);
        }
        fields.put("tags", List.copyOf(tags));
        Optional<Map<String, Object>> note = notes
                ? Optional.of(Map.of("body", TriageNote.html(decision), "private", true))
                : Optional.empty();
        return new FreshdeskUpdate(Long.parseLong(decision.ticket().id()), fields, note);
    }

    private long groupId(String label) {
        Long id = groupIds.get(label);
        if (id == null) {
            throw new IllegalStateException("queue label '" + label + "' has no Freshdesk group (freshdesk.queue."
                    + label + ")");
        }
        return id;
    }

    private int priority(String label) {
        Integer value = priorities.get(label);
        if (value == null) {
            throw new IllegalStateException("priority label '" + label + "' has no Freshdesk priority (freshdesk.priority."
                    + label + ")");
        }
        return value;
    }
}
