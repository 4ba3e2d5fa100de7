package io.tickettriage.adapter.otobo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The OTOBO write plan: one TicketUpdate, the marker last, the customer's marker values kept as they came. */
class OtoboFieldMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OtoboFieldMapping mapping = new OtoboFieldMapping(Map.of("billing", "Billing & Payments"),
            Map.of("high", "4 high"), Optional.of("Triage Review"), Optional.of("TriageMarker"),
            Optional.of("TriageConfidence"), Optional.of("TriageTags"), "triaged", "needs-review", "possible-duplicate",
            true, "ticket-triage");

    private static TriageDecision decision(List<String> tags) {
        Classification classification = new Classification(Map.of(
                "queue", new HeadPrediction("queue", List.of(new ScoredLabel("billing", 0.9))),
                "priority", new HeadPrediction("priority", List.of(new ScoredLabel("high", 0.3)))));
        return new TriageDecision(new Ticket("otobo", "42", "Charged twice", "body", tags, Instant.EPOCH),
                classification, Optional.of("billing"), false, Optional.of("high"), true, "test-model");
    }

    /** What the fetch saw: this value in the marker field, no other field. */
    private static Function<String, Optional<JsonNode>> marker(JsonNode value) {
        return field -> Optional.of(field.equals("TriageMarker") ? value : JSON.nullNode());
    }

    private static JsonNode data(WritePlan plan) {
        return plan.calls().get(0).request().path("data");
    }

    @Test
    void oneOnceUpdateWithTheTokenInTheNoteAndTheMarkerLast() {
        WritePlan plan = mapping.plan(decision(List.of()), field -> Optional.empty());

        assertEquals(1, plan.calls().size());
        PlannedCall call = plan.calls().get(0);
        assertTrue(call.once(), "the update adds an article");
        JsonNode data = data(plan);
        assertEquals("42", data.path("TicketID").asText());
        assertEquals("Billing & Payments", data.path("Ticket").path("Queue").asText());
        assertEquals("4 high", data.path("Ticket").path("Priority").asText());
        assertEquals(0, data.path("Article").path("IsVisibleForCustomer").asInt());
        assertTrue(data.path("Article").path("Body").asText().endsWith("ticket-triage ref " + plan.token()));
        JsonNode fields = data.path("DynamicField");
        assertEquals("TriageMarker", fields.get(fields.size() - 1).path("Name").asText());
        assertEquals(JSON.valueToTree(List.of("triaged", "needs-review")), fields.get(fields.size() - 1).path("Value"));
        assertEquals("triaged", call.request().path("marker").asText());
    }

    @Test
    void theMarkerFieldKeepsItsValuesExactlyAsTheyCameWithOursAppended() throws Exception {
        JsonNode seen = JSON.readTree("[\"vip\", 7, \"needs-review\"]");
        WritePlan plan = mapping.plan(decision(List.of("vip", "7", "needs-review")), marker(seen));

        JsonNode fields = data(plan).path("DynamicField");
        assertEquals(JSON.readTree("[\"vip\", 7, \"needs-review\", \"triaged\"]"),
                fields.get(fields.size() - 1).path("Value"));
        JsonNode single = data(mapping.plan(decision(List.of("vip")), marker(JSON.readTree("\"vip\""))))
                .path("DynamicField");
        assertEquals(JSON.readTree("[\"vip\", \"triaged\", \"needs-review\"]"), single.get(1).path("Value"));
    }

    @Test
    void aMarkerValueOfAShapeNoFieldHasIsLeftOutOfTheUpdate() throws Exception {
        for (String odd : List.of("{\"a\":1}", "[1,null,{},[],true,\"ok\"]", "[[\"x\"]]")) {
            WritePlan plan = mapping.plan(decision(List.of()), marker(JSON.readTree(odd)));
            JsonNode fields = data(plan).path("DynamicField");
            assertEquals(1, fields.size(), odd);
            assertEquals("TriageConfidence", fields.get(0).path("Name").asText());
            assertFalse(plan.calls().get(0).request().has("marker"), "landed is then seen by the article");
        }
    }

    @Test
    void thePredictedTagsJoinTheTagsFieldsValuesEachOnceBeforeTheMarker() throws Exception {
        Classification classification = new Classification(Map.of(
                "queue", new HeadPrediction("queue", List.of(new ScoredLabel("billing", 0.9))),
                "tags", new HeadPrediction("tags", List.of(new ScoredLabel("invoice", 0.9),
                        new ScoredLabel("vip", 0.8)))));
        TriageDecision tagged = new TriageDecision(new Ticket("otobo", "42", "s", "b", List.of(), Instant.EPOCH),
                classification, Optional.of("billing"), false, Optional.empty(), false, "test-model",
                List.of("invoice", "vip"));
        JsonNode customers = JSON.readTree("[\"vip\", \"Key account\"]");

        JsonNode fields = data(mapping.plan(tagged, field -> Optional.of(field.equals("TriageTags") ? customers
                : JSON.nullNode()))).path("DynamicField");

        assertEquals("TriageTags", fields.get(1).path("Name").asText());
        assertEquals(JSON.readTree("[\"vip\", \"Key account\", \"invoice\"]"), fields.get(1).path("Value"));
        assertEquals("TriageMarker", fields.get(2).path("Name").asText(), "the marker stays last");
        JsonNode unread = data(mapping.plan(tagged, field -> Optional.empty())).path("DynamicField");
        for (JsonNode field : unread) {
            assertFalse(field.path("Name").asText().equals("TriageTags"),
                    "values never read cannot be kept, so the tags field is not written");
        }
    }

    @Test
    void withNothingToWriteThePlanHasNoCall() {
        OtoboFieldMapping nothing = new OtoboFieldMapping(Map.of(), Map.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), "triaged", "needs-review", "possible-duplicate", false,
                "ticket-triage");
        Classification classification = new Classification(Map.of(
                "queue", new HeadPrediction("queue", List.of(new ScoredLabel("billing", 0.1))),
                "priority", new HeadPrediction("priority", List.of(new ScoredLabel("high", 0.1)))));
        TriageDecision unsure = new TriageDecision(new Ticket("otobo", "42", "s", "b", List.of(), Instant.EPOCH),
                classification, Optional.empty(), false, Optional.empty(), true, "test-model");

        assertTrue(nothing.plan(unsure, field -> Optional.empty()).calls().isEmpty());
    }
}
