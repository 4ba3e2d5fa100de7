package io.tickettriage.adapter.freshdesk;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.config.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model whose tags Freshdesk would refuse stops the start, before any update fails on them. */
class FreshdeskModelTagsTest {

    private static List<HeadSpec> model(String... tags) {
        return List.of(new HeadSpec("queue", List.of("billing", "sales"), "queue_probabilities"),
                new HeadSpec("tags", List.of(tags), "tags_probabilities", true));
    }

    @Test
    void aTagLongerThanFreshdeskTakesStopsTheStartNamingIt() {
        String tooLong = "a tag of more than thirty-two chars";
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> FreshdeskAdapter.requireFreshdeskTags(model("invoice", tooLong)));
        assertEquals("the model's tags head has tags Freshdesk refuses (a tag is 1..32 characters without commas): ["
                + tooLong + "]; rename them in the training data and train again", refused.getMessage());
    }

    @Test
    void tagsFreshdeskTakesAndModelsWithoutTagsPass() {
        assertDoesNotThrow(() -> FreshdeskAdapter.requireFreshdeskTags(model("invoice", "Billing Issue")));
        assertDoesNotThrow(() -> FreshdeskAdapter.requireFreshdeskTags(List.of(new HeadSpec("queue",
                List.of("billing", "sales"), "queue_probabilities"))));
    }
}
