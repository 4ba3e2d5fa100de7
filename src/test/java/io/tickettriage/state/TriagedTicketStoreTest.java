package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriagedTicketStoreTest {

    @TempDir
    Path state;

    @Test
    void remembersKeysAcrossRestarts() throws Exception {
        Path file = state.resolve("nested/triaged-tickets.txt");
        TriagedTicketStore first = new TriagedTicketStore(file);
        first.start();
        assertTrue(first.add("freshdesk:1"));
        assertTrue(first.add("freshdesk:2"));
        assertFalse(first.add("freshdesk:1"), "a key is added once");
        first.stop();

        TriagedTicketStore second = new TriagedTicketStore(file);
        second.start();
        assertTrue(second.contains("freshdesk:1") && second.contains("freshdesk:2"));
        assertFalse(second.contains("freshdesk:3"));
        assertTrue(second.add("freshdesk:3"));
        second.stop();
        assertEquals(List.of("freshdesk:1", "freshdesk:2", "freshdesk:3"), Files.readAllLines(file));
    }

    @Test
    void removeRewritesTheFileAndKeepsAppending() throws Exception {
        Path file = state.resolve("triaged-tickets.txt");
        TriagedTicketStore store = new TriagedTicketStore(file);
        store.start();
        store.add("zammad:7");
        store.add("zammad:8");
        assertTrue(store.remove("zammad:7"));
        assertFalse(store.remove("zammad:7"));
        store.add("zammad:9");
        store.stop();
        assertEquals(List.of("zammad:8", "zammad:9"), Files.readAllLines(file));
    }
}
