package io.tickettriage.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordsTest {

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    @Test
    void aRecordNestedTooDeepIsKeptApartAndTheOthersAreRead() {
        String page = "[{\"id\":1,\"subject\":\"a\"},{\"id\":2,\"custom_fields\":" + nested(2_000) + "},"
                + "{\"id\":3,\"subject\":\"c\"}]";

        List<JsonRecords.Record> records = JsonRecords.split(page, null, "id");

        assertEquals(3, records.size());
        assertEquals("a", records.get(0).json().orElseThrow().path("subject").asText());
        assertEquals("2", records.get(1).id(), "the id of an unreadable record is still known");
        assertTrue(records.get(1).json().isEmpty());
        assertTrue(records.get(1).problem().orElseThrow().contains("exceeds"), records.get(1).problem().get());
        assertTrue(records.get(1).raw().startsWith("{\"id\":2"));
        assertEquals("c", records.get(2).json().orElseThrow().path("subject").asText());
    }

    @Test
    void recordsUnderAFieldOfTheTopObject() {
        List<JsonRecords.Record> records = JsonRecords.split("{\"Other\":[1,{\"x\":[]}],\"Ticket\":[{\"TicketID\":"
                + "\"7\"}]}", "Ticket", "TicketID");

        assertEquals(1, records.size());
        assertEquals("7", records.get(0).id());
        assertTrue(JsonRecords.split("{}", "Ticket", "TicketID").isEmpty(), "no field is no records");
    }

    @Test
    void aPageThatIsNotJsonIsUnreadableAndFetchedAgain() {
        assertThrows(HelpDeskHttp.UnreadableAnswer.class, () -> JsonRecords.split("[{\"id\":1},{\"id\"", null, "id"));
        assertThrows(HelpDeskHttp.UnreadableAnswer.class, () -> JsonRecords.split("<html>", null, "id"));
        assertThrows(HelpDeskHttp.UnreadableAnswer.class, () -> JsonRecords.split("", null, "id"));
        assertThrows(HelpDeskHttp.UnreadableAnswer.class, () -> JsonRecords.split("{\"id\":1}", null, "id"));
    }

    @Test
    void anIdThatIsNotPlainIsLeftEmpty() {
        List<JsonRecords.Record> records = JsonRecords.split("[{\"id\":{\"x\":1}},{\"id\":\"../../x\"}]", null, "id");

        assertEquals("", records.get(0).id());
        assertEquals("../../x", records.get(1).id());
    }
}
