package io.tickettriage.adapter.zammad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;

import io.tickettriage.sim.zammad.SimulatedZammad;
import io.tickettriage.sim.zammad.ZammadSettings;
import io.tickettriage.sim.zammad.ZammadSimulator;
import io.tickettriage.sim.zammad.ZammadTicketDraft;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every shape Zammad answers a ticket search with, as the simulator serves them, reads as the same tickets. */
class ZammadSearchPageTest {

    private static final String TOKEN = "search-page-token";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyAnswerShapeGivesTheSameTicketsInOrder() throws Exception {
        try (ZammadSimulator modern = start(false); ZammadSimulator legacy = start(true)) {
            List<Long> expected = List.of(101L, 102L, 103L);
            String query = "/api/v1/tickets/search?query=state.name:new&sort_by=id&order_by=asc";

            assertEquals(expected, ids(search(modern, query)));
            assertEquals(expected, ids(search(modern, query + "&expand=true")));
            assertEquals(expected, ids(search(modern, query + "&with_total_count=true")));
            assertEquals(expected, ids(search(modern, query + "&full=true")));
            assertEquals(expected, ids(search(legacy, query)), "ids with the tickets among the assets");
            assertEquals(expected, ids(search(legacy, query + "&expand=true")));
            assertEquals("2024-05-01T10:00:00.000Z",
                    ZammadSearchPage.records(search(legacy, query)).get(0).json().orElseThrow().get("updated_at")
                            .asText());
        }
    }

    @Test
    void anAnswerThatIsNoSearchResultIsFetchedAgain() {
        assertThrows(HelpDeskHttp.UnreadableAnswer.class, () -> ZammadSearchPage.records("{\"total_count\":3}"));
        assertThrows(HelpDeskHttp.UnreadableAnswer.class, () -> ZammadSearchPage.records(
                "{\"tickets\":[7],\"tickets_count\":1,\"assets\":{}}"));
        assertThrows(HelpDeskHttp.UnreadableAnswer.class, () -> ZammadSearchPage.records("[{\"id\":1},{\"id\""));
        assertThrows(HelpDeskHttp.UnreadableAnswer.class, () -> ZammadSearchPage.records("<html>502</html>"));
    }

    @Test
    void aRecordNoReaderAcceptsIsKeptAsAProblemAndTheOthersAreRead() {
        String deep = "[".repeat(2_000) + "]".repeat(2_000);
        List<JsonRecords.Record> records = ZammadSearchPage.records("[{\"id\":1},{\"id\":2,\"x\":" + deep
                + "},{\"id\":3}]");
        assertEquals(3, records.size());
        assertEquals("2", records.get(1).id());
        assertTrue(records.get(1).problem().isPresent());
        assertEquals(3, records.get(2).json().orElseThrow().get("id").asInt());
        assertEquals(List.of(), ZammadSearchPage.records("{\"records\":[],\"total_count\":0}"));
    }

    private ZammadSimulator start(boolean legacy) {
        ZammadSimulator simulator = ZammadSimulator.start(ZammadSettings.defaults(TOKEN, SimulatedZammad.DEMO_GROUPS)
                .withLegacySearch(legacy));
        for (int i = 0; i < 3; i++) {
            simulator.createTicket(ZammadTicketDraft.web("T" + i, "body")
                    .at(Instant.parse("2024-05-01T10:00:00Z").plusSeconds(i)));
        }
        return simulator;
    }

    private String search(ZammadSimulator simulator, String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl()
                + pathAndQuery)).header("Authorization", "Token token=" + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static List<Long> ids(String body) {
        return ZammadSearchPage.records(body).stream().map(r -> r.json().orElseThrow().get("id").asLong()).toList();
    }
}
