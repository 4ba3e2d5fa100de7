package io.tickettriage.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.model.LabelledText;
import io.tickettriage.model.LinearModelTrainer;
import io.tickettriage.model.OnnxLinearModelWriter;
import io.tickettriage.model.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reasons from real models: two trained by the project's trainer on corpora written here, identical but for which
 * word marks a billing ticket. The same ticket then gets the same label from both, for a different reason.
 */
class LinearReasonsTest {

    private static final String TICKET = "Question about invoice and contract, please answer asap";

    @Test
    void theReasonIsTheTicketsWordThatTheWeightsTieToTheLabel() {
        try (LinearTicketModel invoiceModel = trained("invoice", "contract");
             LinearTicketModel contractModel = trained("contract", "invoice")) {
            HeadPrediction byInvoice = invoiceModel.classifyTexts(List.of(TICKET)).get(0).head("queue");
            HeadPrediction byContract = contractModel.classifyTexts(List.of(TICKET)).get(0).head("queue");

            assertEquals("billing", byInvoice.label());
            assertEquals("billing", byContract.label());
            assertEquals("invoice", byInvoice.reasons().get(0), byInvoice.toString());
            assertEquals("contract", byContract.reasons().get(0), byContract.toString());
            for (HeadPrediction prediction : List.of(byInvoice, byContract)) {
                assertTrue(prediction.reasons().size() <= LinearReasons.MAX_REASONS, prediction.toString());
                prediction.reasons().forEach(reason -> assertTrue(
                        TICKET.toLowerCase(Locale.ROOT).contains(reason), reason + " is not in the ticket"));
            }
        }
    }

    @Test
    void eachHeadHasItsOwnReasonsAndAPairOfWordsIsShownAsThePhrase() {
        try (LinearTicketModel model = trained("invoice", "contract")) {
            Classification result = model.classifyTexts(List.of(
                    "Re: invoice... I was charged   twice! Please answer ASAP")).get(0);

            assertEquals("high", result.head("priority").label());
            assertEquals("asap", result.head("priority").reasons().get(0), result.toString());
            assertTrue(result.head("queue").reasons().contains("charged twice"), result.toString());
            assertFalse(result.head("queue").reasons().contains("charged"), "a word of a phrase shown is not repeated");
        }
    }

    @Test
    void aTicketWithoutAnyKnownWordHasNoReasons() {
        try (LinearTicketModel model = trained("invoice", "contract")) {
            Classification result = model.classifyTexts(List.of("zzqx")).get(0);

            assertEquals(List.of(), result.head("queue").reasons());
        }
    }

    /**
     * Billing tickets name {@code billingWord} and "charged twice"; access tickets name login troubles. Both kinds
     * name {@code neutralWord} and "charged" or "twice" alone, equally often, so those speak for neither. "asap"
     * marks high priority in both queues.
     */
    private static LinearTicketModel trained(String billingWord, String neutralWord) {
        List<String> fillers = List.of("hello team", "thanks in advance", "see attached", "kind regards",
                "good morning", "as discussed", "one more thing", "best wishes");
        List<LabelledText> examples = new ArrayList<>();
        for (int i = 0; i < fillers.size(); i++) {
            String filler = fillers.get(i);
            String priority = i % 2 == 0 ? "high" : "low";
            String urgency = priority.equals("high") ? " asap" : " whenever you can";
            examples.add(example(billingWord + " is wrong, " + filler + urgency, "billing", priority));
            examples.add(example("I was charged twice, " + filler + urgency, "billing", priority));
            examples.add(example("about the " + neutralWord + ", " + filler, "billing", "low"));
            examples.add(example("password reset fails, " + filler + urgency, "access", priority));
            examples.add(example("login locked twice, " + filler + urgency, "access", priority));
            examples.add(example("about the " + neutralWord + ", I was charged a login, " + filler, "access",
                    "low"));
        }
        LinearModelTrainer trainer = new LinearModelTrainer(FeaturizerSettings.defaults().withCharNgrams("2-4"),
                LinearModelTrainer.Settings.defaults().withBudget(Duration.ZERO));
        byte[] onnx = new OnnxLinearModelWriter().write(trainer.train("reasons-" + billingWord, "{subject}\n{body}",
                List.of("queue", "priority"), examples, Map.of(), Progress.silent()).model());
        return LinearTicketModel.open(onnx, "reasons-" + billingWord);
    }

    private static LabelledText example(String text, String queue, String priority) {
        return new LabelledText(text, Map.of("queue", queue, "priority", priority));
    }
}
