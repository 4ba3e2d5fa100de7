package io.tickettriage.adapter.otobo;

import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriageNote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a {@link TriageDecision} (model labels) to one TicketUpdate: queue and priority by name, an internal article
 * with the explanatory note, and the marker and confidence dynamic fields. Built once at startup from
 * {@code config/application.properties}; every model label must be mapped, which is checked there.
 *
 * @param queues          queue label → OTOBO queue name
 * @param priorities      priority label → OTOBO priority name ("3 normal")
 * @param reviewQueue     queue for tickets whose queue is not confident, if the policy sends them to review
 * @param markerField     multiselect dynamic field that gets the marker tag (and the review tag when uncertain)
 * @param confidenceField text dynamic field that gets the confidences, e.g. "queue 91%, priority 72%"
 * @param markerTag       the value that marks a ticket as triaged; tickets carrying it are never fetched again
 * @param reviewTag       the value added when any prediction was below its threshold
 * @param notes           whether to add the internal note
 * @param noteSubject     the note's subject
 */
public record OtoboFieldMapping(Map<String, String> queues, Map<String, String> priorities,
                                Optional<String> reviewQueue, Optional<String> markerField,
                                Optional<String> confidenceField, String markerTag, String reviewTag, boolean notes,
                                String noteSubject) {

    public OtoboFieldMapping {
        queues = Map.copyOf(queues);
        priorities = Map.copyOf(priorities);
        if (markerTag.isBlank() || reviewTag.isBlank()) {
            throw new IllegalArgumentException("the marker and review values must not be empty");
        }
        if (noteSubject.isBlank()) {
            throw new IllegalArgumentException("the note needs a subject: OTOBO refuses articles without one");
        }
    }

    public OtoboUpdate toUpdate(TriageDecision decision) {
        String id = decision.ticket().id();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("TicketID", id);
        Map<String, Object> ticket = new LinkedHashMap<>();
        decision.queue().map(this::queue).ifPresent(name -> ticket.put("Queue", name));
        if (decision.toReviewQueue()) {
            ticket.put("Queue", reviewQueue.orElseThrow(() -> new IllegalStateException(
                    "no OTOBO review queue is configured (otobo.review-queue)")));
        }
        decision.priority().map(this::priority).ifPresent(name -> ticket.put("Priority", name));
        if (!ticket.isEmpty()) {
            data.put("Ticket", ticket);
        }
        if (notes) {
            // IsVisibleForCustomer defaults to 1 in OTOBO: without the 0 the customer would read the note.
            Map<String, Object> article = new LinkedHashMap<>();
            article.put("Subject", noteSubject);
            article.put("Body", TriageNote.text(decision));
            article.put("ContentType", "text/plain; charset=utf8");
            article.put("IsVisibleForCustomer", 0);
            article.put("SenderType", "agent");
            article.put("CommunicationChannel", "Internal");
            data.put("Article", article);
        }
        List<Map<String, Object>> fields = new ArrayList<>();
        markerField.ifPresent(name -> fields.add(Map.of("Name", name, "Value",
                decision.needsReview() ? List.of(markerTag, reviewTag) : List.of(markerTag))));
        confidenceField.ifPresent(name -> fields.add(Map.of("Name", name, "Value", confidences(decision))));
        if (!fields.isEmpty()) {
            data.put("DynamicField", fields);
        }
        return new OtoboUpdate(id, data);
    }

    private static String confidences(TriageDecision decision) {
        List<String> parts = new ArrayList<>();
        for (HeadPrediction head : decision.classification().heads().values()) {
            parts.add(head.head() + " " + String.format(Locale.ROOT, "%.0f%%", head.confidence() * 100));
        }
        return String.join(", ", parts);
    }

    private String queue(String label) {
        String name = queues.get(label);
        if (name == null) {
            throw new IllegalStateException("queue label '" + label + "' has no OTOBO queue (otobo.queue." + label
                    + ")");
        }
        return name;
    }

    private String priority(String label) {
        String name = priorities.get(label);
        if (name == null) {
            throw new IllegalStateException("priority label '" + label + "' has no OTOBO priority (otobo.priority."
                    + label + ")");
        }
        return name;
    }
}
