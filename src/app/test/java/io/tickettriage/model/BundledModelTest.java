package io.tickettriage.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.ModelDescriptor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model the build put into the jar is exactly what the sources produce, and it is good enough to demo. */
class BundledModelTest {

    private static byte[] built;
    private static byte[] retrained;

    @BeforeAll
    static void trainAgain() {
        built = BundledModel.bytes();
        retrained = BundledModel.train();
    }

    @Test
    void retrainingGivesTheSameModelByteForByte() {
        assertArrayEquals(built, retrained, "the build's model and a fresh training differ");
    }

    @Test
    void theModelDescribesItself() {
        try (LinearTicketModel model = LinearTicketModel.open(built, "bundled")) {
            ModelDescriptor descriptor = model.descriptor();
            assertEquals(List.of("queue", "priority"), descriptor.heads().stream().map(h -> h.name()).toList());
            assertEquals(8, descriptor.head("queue").orElseThrow().labels().size());
            assertEquals(List.of("high", "low", "medium", "urgent"), descriptor.head("priority").orElseThrow().labels());
            assertEquals("{subject}\n{body}", descriptor.textTemplate());
            assertEquals(FeaturizerSettings.defaults().withCharNgrams("2-4"), descriptor.featurizer());
            assertTrue(descriptor.training().containsKey("dataSha256"));
        }
    }

    @Test
    void heldOutAccuracyIsWellAboveChance() {
        // 8 queues (chance 12.5%) and 4 priorities (chance 25%), scored on tickets the model never trained on.
        try (LinearTicketModel model = LinearTicketModel.open(built, "bundled")) {
            @SuppressWarnings("unchecked")
            Map<String, Number> accuracy = (Map<String, Number>) model.descriptor().training().get("heldOutAccuracy");
            assertTrue(accuracy.get("queue").doubleValue() >= 0.70, "queue accuracy " + accuracy);
            assertTrue(accuracy.get("priority").doubleValue() >= 0.50, "priority accuracy " + accuracy);
        }
    }

    @Test
    void classifiesEnglishAndGermanTicketsItNeverSaw() {
        try (LinearTicketModel model = LinearTicketModel.open(built, "bundled")) {
            List<Classification> results = model.classifyTexts(List.of(
                    "Charged twice\nYour invoice INV-7781 was debited twice from our credit card, please refund one.",
                    "Passwort vergessen\nIch kann mich nicht mehr in die Konsole einloggen, das Zurücksetzen klappt nicht.",
                    "", "🔥🔥🔥"));
            assertEquals("billing", results.get(0).head("queue").label());
            assertEquals("account-access", results.get(1).head("queue").label());
            for (Classification result : results) {
                double total = result.head("queue").top().stream().mapToDouble(s -> s.confidence()).sum();
                assertTrue(total <= 1.0001 && result.head("queue").top().size() == 3);
            }
        }
    }
}
