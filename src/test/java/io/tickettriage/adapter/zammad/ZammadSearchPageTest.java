package io.tickettriage.adapter.zammad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
                    ZammadSearchPage.tickets(search(legacy, query)).get(0).get("updated_at").asText());
        }
    }

    @Test
    void anAnswerThatIsNoSearchResultFailsLoudly() {
        assertThrows(IllegalStateException.class, () -> ZammadSearchPage.tickets("{\"total_count\":3}"));
        assertThrows(IllegalStateException.class, () -> ZammadSearchPage.tickets(
                "{\"tickets\":[7],\"tickets_count\":1,\"assets\":{}}"));
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
        return ZammadSearchPage.tickets(body).stream().map(ticket -> ticket.get("id").asLong()).toList();
    }
}
