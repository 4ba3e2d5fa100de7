package io.tickettriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static TriageDecision decided(HeadPrediction queue, HeadPrediction priority) {
        Map<String, HeadPrediction> heads = new LinkedHashMap<>();
        heads.put("queue", queue);
        heads.put("priority", priority);
        return new TriageDecision(TICKET, new Classification(heads),
                Optional.of(queue.label()), false, Optional.of(priority.label()), false, "test-model");
    }
}
