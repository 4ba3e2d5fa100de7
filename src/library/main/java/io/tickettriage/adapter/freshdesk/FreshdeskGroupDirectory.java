package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the account's groups ({@code GET /api/v2/groups}, all pages), so configuration may name groups instead of
 * quoting ids. At startup it goes through the same {@link HelpDeskHttp} as the Kamelets; it doubles as the startup
 * check that the URL and API key work.
 */
public final class FreshdeskGroupDirectory {

    private final HelpDeskHttp http;

    public FreshdeskGroupDirectory(HelpDeskHttp http) {
        this.http = http;
    }

    /**
     * Group name → id, in the order Freshdesk lists them.
     *
     * @throws HelpDeskApiException when Freshdesk cannot be read or does not answer like a Freshdesk
     */
    public Map<String, Long> groups() {
        Map<String, Long> groups = new LinkedHashMap<>();
        String url = http.baseUrl() + "/api/v2/groups?per_page=" + FreshdeskTicketWalk.MAX_PER_PAGE;
        while (url != null) {
            FreshdeskPage page = http.send(HelpDeskHttp.Request.get(url, "listing groups"), FreshdeskPage.READER);
            for (JsonRecords.Record record : page.records()) {
                record.json().filter(JsonNode::isObject)
                        .ifPresent(group -> groups.put(group.path("name").asText(), group.path("id").asLong()));
            }
            url = page.next().orElse(null);
        }
        return groups;
    }
}
