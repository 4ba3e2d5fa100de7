package io.tickettriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TriageNoteTest {

    private static final Ticket TICKET = new Ticket("freshdesk", "7", "Invoice", "charged twice", List.of(),
            Instant.parse("2026-12-01T00:00:00Z"));

    @Test
    void eachHeadNamesItsReasonsBeforeTheRunnersUp() {
        TriageDecision decision = decided(
                new HeadPrediction("queue", List.of(new ScoredLabel("billing", 0.84), new ScoredLabel("sales", 0.07)),
                        List.of("invoice", "charged twice", "<b>refund</b>")),
                new HeadPrediction("priority", List.of(new ScoredLabel("high", 0.7), new ScoredLabel("low", 0.2))));

        assertEquals("ticket-triage classified this ticket:\n"
                + "- queue: billing (84%) because of: \"invoice\", \"charged twice\", \"<b>refund</b>\"; "
                + "runners-up: sales 7%\n"
                + "- priority: high (70%); runners-up: low 20%\n"
                + "Model test-model.\n", TriageNote.text(decision));
        assertEquals("<p><b>ticket-triage</b> classified this ticket:</p><ul>"
                + "<li>queue: <b>billing</b> (84%) because of: <em>invoice</em>, <em>charged twice</em>, "
                + "<em>&lt;b&gt;refund&lt;/b&gt;</em>; runners-up: sales 7%</li>"
                + "<li>priority: <b>high</b> (70%); runners-up: low 20%</li></ul><p>Model test-model.</p>",
                TriageNote.html(decision));
    }

    @Test
    void aHeadTheModelLacksIsSaidToBeLeftAsTheDeskHasIt() {
        HeadPrediction queue = new HeadPrediction("queue", List.of(new ScoredLabel("billing", 0.3),
                new ScoredLabel("sales", 0.2)));
        TriageDecision decision = new TriagePolicy(0.45, 0.45, QueueFallback.REVIEW).decide(TICKET,
                new Classification(Map.of("queue", queue)), "queue-only");

        assertEquals(List.of("priority"), decision.absent());
        assertEquals("ticket-triage classified this ticket:\n"
                + "- queue: billing (30%); runners-up: sales 20%\n"
                + "- priority: left as the desk has it: the model has no priority head\n"
                + "Not confident enough (below the threshold of the class, or a class not live yet) for: queue. "
                + "Those fields were not set as if sure; the ticket went to the review queue.\n"
                + "Model queue-only.\n", TriageNote.text(decision));
        assertEquals("freshdesk:7 -> review queue (best guess billing 30%), priority left as the desk has it: the "
                + "model has no priority head [needs review] (model queue-only)", decision.summary());

        TriageDecision sure = new TriagePolicy(0.2, 0.45, QueueFallback.REVIEW).decide(TICKET,
                new Classification(Map.of("queue", queue)), "queue-only");
        assertEquals(Optional.of("billing"), sure.queue());
        assertEquals(Optional.empty(), sure.priority());
        assertFalse(sure.needsReview(), "a head the model lacks does not make the ticket need review");
        assertEquals("<p><b>ticket-triage</b> classified this ticket:</p><ul>"
                + "<li>queue: <b>billing</b> (30%); runners-up: sales 20%</li>"
                + "<li>priority: left as the desk has it: the model has no priority head</li></ul>"
                + "<p>Model queue-only.</p>", TriageNote.html(sure));
    }

    @Test
    void theTicketsItLooksLikeAndItsBurstAreNamedAfterTheHeads() {
        TriageDecision decision = decided(
                new HeadPrediction("queue", List.of(new ScoredLabel("billing", 0.84))),
                new HeadPrediction("priority", List.of(new ScoredLabel("high", 0.7)))).withResemblance(
                new Resemblance(List.of(new Resemblance.Lookalike("1234", 0.931), new Resemblance.Lookalike("<1240>",
                        0.876)), List.of("1234", "<1240>", "7")));

        assertEquals("ticket-triage classified this ticket:\n"
                + "- queue: billing (84%)\n"
                + "- priority: high (70%)\n"
                + "Looks like #1234 (0.93), #<1240> (0.88): a possible duplicate (nothing was merged or closed).\n"
                + "Part of a burst of 3 similar tickets: #1234, #<1240>, #7.\n"
                + "Model test-model.\n", TriageNote.text(decision));
        assertEquals("<p><b>ticket-triage</b> classified this ticket:</p><ul>"
                + "<li>queue: <b>billing</b> (84%)</li><li>priority: <b>high</b> (70%)</li></ul>"
                + "<p>Looks like #1234 (0.93), #&lt;1240&gt; (0.88): a possible duplicate (nothing was merged or "
                + "closed).</p><p>Part of a burst of 3 similar tickets: #1234, #&lt;1240&gt;, #7.</p>"
                + "<p>Model test-model.</p>", TriageNote.html(decision));
        assertEquals("freshdesk:7 -> queue billing (84%), priority high (70%) [possible duplicate of #1234 (0.93), "
                + "#<1240> (0.88)] (model test-model)", decision.summary());
        assertEquals(Resemblance.NONE, decided(
                new HeadPrediction("queue", List.of(new ScoredLabel("billing", 0.84))),
                new HeadPrediction("priority", List.of(new ScoredLabel("high", 0.7)))).resemblance(),
                "a decision resembles nothing until the similar-ticket step says otherwise");
    }

    @Test
    void eachTagAddedIsNamedWithItsProbabilityAndReasonsThenTheClosestNotAdded() {
        Map<String, HeadPrediction> heads = new LinkedHashMap<>();
        heads.put("queue", new HeadPrediction("queue", List.of(new ScoredLabel("technical-support", 0.96))));
        heads.put("tags", new HeadPrediction("tags", List.of(new ScoredLabel("door-controller", 0.99),
                new ScoredLabel("camera", 0.98), new ScoredLabel("console", 0.26), new ScoredLabel("sensor", 0.01)),
                List.of()).withTagReasons(Map.of("door-controller", List.of("door", "controller"), "camera",
                List.of("camera <cam>"))));
        TriageDecision decision = new TriageDecision(TICKET, new Classification(heads),
                Optional.of("technical-support"), false, Optional.empty(), false, "test-model",
                List.of("door-controller", "camera"));

        assertEquals("ticket-triage classified this ticket:\n"
                + "- queue: technical-support (96%)\n"
                + "- tags: added door-controller (99%) because of: \"door\", \"controller\"; camera (98%) because "
                + "of: \"camera <cam>\"; not added: console 26%, sensor 1%\n"
                + "- priority: left as the desk has it: the model has no priority head\n"
                + "Model test-model.\n", TriageNote.text(decision));
        assertTrue(TriageNote.html(decision).contains("<li>tags: added <b>door-controller</b> (99%) because of: "
                + "<em>door</em>, <em>controller</em>; <b>camera</b> (98%) because of: <em>camera &lt;cam&gt;</em>;"
                + " not added: console 26%, sensor 1%</li>"), TriageNote.html(decision));
        assertFalse(decision.needsReview(), "tags are no reason for review");
    }

    private static TriageDecision decided(HeadPrediction queue, HeadPrediction priority) {
        Map<String, HeadPrediction> heads = new LinkedHashMap<>();
        heads.put("queue", queue);
        heads.put("priority", priority);
        return new TriageDecision(TICKET, new Classification(heads),
                Optional.of(queue.label()), false, Optional.of(priority.label()), false, "test-model");
    }
}
