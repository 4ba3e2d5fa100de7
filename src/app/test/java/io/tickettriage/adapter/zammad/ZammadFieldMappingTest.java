package io.tickettriage.adapter.zammad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.triage.PlannedCall;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WritePlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Zammad write plan: one PUT with the note sent once, only group and priority, the marker last. */
class ZammadFieldMappingTest {

    private static ZammadFieldMapping mapping(boolean notes) {
        return new ZammadFieldMapping(Map.of("billing", "Billing & Payments"), Map.of("high", "3 high"),
                Optional.of("Triage Review"), "triaged", "needs-review", "possible-duplicate", notes);
    }

    private static TriageDecision decision(Optional<String> queue, boolean toReview, Optional<String> priority,
                                           boolean needsReview) {
        Classification classification = new Classification(Map.of(
                "queue", new HeadPrediction("queue", List.of(new ScoredLabel("billing", 0.9))),
                "priority", new HeadPrediction("priority", List.of(new ScoredLabel("high", 0.3)))));
        return new TriageDecision(new Ticket("zammad", "42", "Charged twice", "body", List.of("vip"),
                Instant.parse("2024-05-01T10:00:00Z")), classification, queue, toReview, priority, needsReview, "test-model");
    }

    private static List<String> names(WritePlan plan) {
        return plan.calls().stream().map(PlannedCall::name).toList();
    }

    @Test
    void aConfidentTicketIsOneOncePutWithTheTokenedNoteThenTheMarker() {
        WritePlan plan = mapping(true).plan(decision(Optional.of("billing"), false, Optional.of("high"), false));

        assertEquals("zammad:42", plan.key());
        assertEquals(List.of("note", "marker"), names(plan));
        PlannedCall put = plan.calls().get(0);
        assertTrue(put.once(), "the PUT adds an article: sent once, looked for after a lost answer");
        assertEquals("PUT", put.request().path("method").asText());
        assertEquals("/api/v1/tickets/42", put.request().path("path").asText());
        JsonNode body = put.request().path("body");
        assertEquals(List.of("group", "priority", "article"), fieldNames(body), "nothing else of the ticket");
        assertEquals("Billing & Payments", body.path("group").asText());
        assertEquals("3 high", body.path("priority").asText());
        JsonNode article = body.path("article");
        assertTrue(article.path("internal").asBoolean());
        assertEquals("note", article.path("type").asText());
        assertTrue(article.path("body").asText().endsWith("<p>ticket-triage ref " + plan.token() + "</p>"));
        PlannedCall marker = plan.calls().get(1);
        assertFalse(marker.once(), "adding a tag twice is harmless");
        assertEquals("/api/v1/tags/add", marker.request().path("path").asText());
        assertEquals("triaged", marker.request().path("body").path("item").asText());
        assertEquals(42, marker.request().path("body").path("o_id").asLong());
    }

    @Test
    void anUncertainTicketGetsTheReviewGroupAndTheReviewTagBeforeTheMarker() {
        WritePlan plan = mapping(true).plan(decision(Optional.empty(), true, Optional.empty(), true));

        assertEquals(List.of("note", "review-tag", "marker"), names(plan));
        JsonNode body = plan.calls().get(0).request().path("body");
        assertEquals(List.of("group", "article"), fieldNames(body), "an uncertain priority is left out");
        assertEquals("Triage Review", body.path("group").asText());
        assertEquals("needs-review", plan.calls().get(1).request().path("body").path("item").asText());
    }

    @Test
    void withoutNotesThePutSetsAStateAndWithNothingToSetThereIsNone() {
        WritePlan fields = mapping(false).plan(decision(Optional.of("billing"), false, Optional.empty(), true));
        assertEquals(List.of("fields", "review-tag", "marker"), names(fields));
        assertFalse(fields.calls().get(0).once(), "a PUT without an article may be sent again");
        assertEquals(List.of("group"), fieldNames(fields.calls().get(0).request().path("body")));

        WritePlan tagsOnly = mapping(false).plan(decision(Optional.empty(), false, Optional.empty(), true));
        assertEquals(List.of("review-tag", "marker"), names(tagsOnly));
    }

    @Test
    void everyPlanHasItsOwnToken() {
        TriageDecision decision = decision(Optional.of("billing"), false, Optional.of("high"), false);
        assertNotEquals(mapping(true).plan(decision).token(), mapping(true).plan(decision).token());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
