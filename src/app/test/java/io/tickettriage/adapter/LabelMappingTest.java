package io.tickettriage.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMappingTest {

    @Test
    void pairsWithEscapedCommasAndBackslashes() {
        Map<String, String> mapping = LabelMapping.parse(" billing = Billing & Payments, sales=Sales\\, EMEA,"
                + "it=C:\\\\Desk", "queueMapping");

        assertEquals(List.of("billing", "sales", "it"), List.copyOf(mapping.keySet()));
        assertEquals("Billing & Payments", mapping.get("billing"));
        assertEquals("Sales, EMEA", mapping.get("sales"));
        assertEquals("C:\\Desk", mapping.get("it"));
        assertTrue(LabelMapping.parse("  ", "queueMapping").isEmpty());
    }

    @Test
    void aWrongPairIsAClearError() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelMapping.parse("billing", "queueMapping"))
                .getMessage().startsWith("queueMapping takes label=value pairs"));
        assertThrows(IllegalArgumentException.class, () -> LabelMapping.parse("billing=,sales=Sales", "queueMapping"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LabelMapping.parse("sales=A,sales=B", "queueMapping")).getMessage().contains("twice"));
    }
}
