package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the account's groups ({@code GET /api/v2/groups}, all pages), so configuration may name groups instead of
 * quoting ids. At startup this runs before any route exists, hence the JDK client rather than camel-http; it doubles
 * as the startup check that the URL and API key work.
 */
public final class FreshdeskGroupDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FreshdeskClient client;

    public FreshdeskGroupDirectory(FreshdeskClient client) {
        this.client = client;
    }

    /**
     * Group name → id, in the order Freshdesk lists them.
     *
     * @throws FreshdeskApiException when Freshdesk cannot be read or does not answer like a Freshdesk
     */
    public Map<String, Long> groups() {
        Map<String, Long> groups = new LinkedHashMap<>();
        String url = client.baseUrl() + "/api/v2/groups?per_page=" + FreshdeskTicketWalk.MAX_PER_PAGE;
        while (url != null) {
            FreshdeskClient.Page page = client.get(url, "listing groups");
            try {
                for (JsonNode group : JSON.readTree(page.body())) {
                    groups.put(group.path("name").asText(), group.path("id").asLong());
                }
            } catch (IOException e) {
                throw new FreshdeskApiException("Freshdesk at " + client.baseUrl() + " answered /api/v2/groups with "
                        + "something that is not JSON; is freshdesk.base-url really a Freshdesk?");
            }
            url = page.next().orElse(null);
        }
        return groups;
    }
}
