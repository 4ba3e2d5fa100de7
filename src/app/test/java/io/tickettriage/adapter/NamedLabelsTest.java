package io.tickettriage.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.triage.TicketOutcome;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamedLabelsTest {

    private static final Map<String, String> DEFAULTS = LabelMapping.parse("low=1 low, medium=2 normal, high=3 high,"
            + " urgent=3 high", "defaults");
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private final NamedLabels labels = NamedLabels.of("billing=Billing & Payments, sales=Sales\\, EMEA,"
            + " orders=Sales\\, EMEA", "", DEFAULTS, Optional.of("Triage Review"));

    @Test
    void readsNamesBackAsTheLabelsTheUpdateWritesThemWith() {
        TicketOutcome outcome = labels.outcome("zammad", "7", "Billing & Payments", "1 low", true, AT);

        assertEquals(new TicketOutcome("zammad", "7", Optional.of("billing"), Optional.of("low"), true, AT), outcome);
        assertEquals("zammad:7", outcome.key());
    }

    @Test
    void theFirstLabelMappedToANameWins() {
        TicketOutcome outcome = labels.outcome("zammad", "7", "Sales, EMEA", "3 high", false, AT);

        assertEquals(Optional.of("sales"), outcome.queue(), "sales comes before orders in the mapping");
        assertEquals(Optional.of("high"), outcome.priority(), "high comes before urgent in the defaults");
    }

    @Test
    void theReviewQueueAndUnmappedNamesHaveNoLabel() {
        assertFalse(labels.outcome("otobo", "3", "Triage Review", "2 normal", false, AT).queue().isPresent());
        TicketOutcome elsewhere = labels.outcome("otobo", "3", "Users", "9 unheard of", false, AT);
        assertTrue(elsewhere.queue().isEmpty() && elsewhere.priority().isEmpty());
        assertTrue(labels.outcome("otobo", "3", "", "", false, AT).queue().isEmpty(), "no queue at all");
    }

    @Test
    void aPriorityMappingReplacesTheDesksDefaults() {
        NamedLabels mapped = NamedLabels.of("billing=Billing", "low=Low, urgent=Fire", DEFAULTS, Optional.empty());

        assertEquals(Map.of("low", "Low", "urgent", "Fire"), mapped.priorities());
        assertEquals(Optional.of("urgent"), mapped.outcome("zammad", "1", "Billing", "Fire", false, AT).priority());
        assertTrue(mapped.outcome("zammad", "1", "Billing", "3 high", false, AT).priority().isEmpty());
    }

    @Test
    void aWrongPairNamesItsProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NamedLabels.of("billing", "", DEFAULTS, Optional.empty()));
        assertTrue(e.getMessage().startsWith("queueMapping"), e.getMessage());
    }
}
