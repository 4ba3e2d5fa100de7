package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToolsTest {

    @Test
    void anUnknownToolIsAnErrorThatListsTheTools() {
        assertTrue(Tools.wanted(new String[] {"agrement"}), "a typo does not start the service");

        ToolRun run = ToolRun.of("", "agrement");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("agrement"), run.err());
        for (String tool : Tools.NAMES) {
            assertTrue(run.err().contains(tool), "lists " + tool + ": " + run.err());
        }
    }

    @Test
    void optionsAndNoArgumentsAreForTheService() {
        assertFalse(Tools.wanted(new String[0]));
        assertFalse(Tools.wanted(new String[] {"-pl", "file:/etc/triage.properties"}));
        assertTrue(Tools.wanted(new String[] {"--help"}));
    }
}
