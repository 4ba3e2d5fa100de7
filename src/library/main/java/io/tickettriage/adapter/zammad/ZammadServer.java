package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.config.ConfigurationException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the startup check reads from Zammad, through the same {@link HelpDeskHttp} the Kamelets use (so the same
 * retries and error type): priorities and states (any agent may read them), groups (only with {@code admin.group}
 * before Zammad 6.5), and whether the ticket search finds a ticket that exists. Every failure is a
 * {@link ConfigurationException} that names what to fix and never the credentials.
 */
final class ZammadServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HelpDeskHttp http;
    private final ZammadAuthentication authentication;

    ZammadServer(HelpDeskHttp http, ZammadAuthentication authentication) {
        this.http = http;
        this.authentication = authentication;
    }

    List<String> priorities() {
        return names(read("/api/v1/ticket_priorities", "reading the ticket priorities", false).orElseThrow());
    }

    List<String> states() {
        return names(read("/api/v1/ticket_states", "reading the ticket states", false).orElseThrow());
    }

    /** The group names, or empty when the user may not list groups. */
    Optional<List<String>> groups() {
        return read("/api/v1/groups?per_page=1000", "listing the groups", true).map(ZammadServer::names);
    }

    /**
     * Looks up the oldest ticket the user can read with the search. Zammad answers attribute searches only from
     * Elasticsearch and answers nothing at all without it, which would look like a desk without new tickets. Only
     * advice: a search that fails for another reason here fails the polls, which say why.
     *
     * @return why the search seems not to work, or empty when it found the ticket (or there is none to look for)
     */
    Optional<String> searchProblem() {
        try {
            JsonNode list = read("/api/v1/tickets?per_page=1", "listing tickets", false).orElseThrow();
            if (!list.isArray() || list.isEmpty()) {
                return Optional.empty();
            }
            String id = list.get(0).path("id").asText();
            List<JsonRecords.Record> found = http.send(HelpDeskHttp.Request.get(ZammadHttp.url(http,
                    "/api/v1/tickets/search?per_page=1&expand=true&query=" + URLEncoder.encode("id:" + id,
                            StandardCharsets.UTF_8)), "searching tickets"),
                    answer -> ZammadSearchPage.records(answer.body()));
            if (found.isEmpty()) {
                return Optional.of("Zammad's ticket search does not find ticket " + id + ", which exists: "
                        + "ticket-triage finds new tickets only through the search, which needs Elasticsearch "
                        + "configured and indexed in Zammad (zammad run rake zammad:searchindex:rebuild)");
            }
            return Optional.empty();
        } catch (ConfigurationException | HelpDeskApiException e) {
            return Optional.of("Zammad: could not check that the ticket search works: " + e.getMessage());
        }
    }

    /**
     * The answer as JSON; empty for Zammad's 403 "Not authorized" on a call whose permission is optional (groups).
     */
    private Optional<JsonNode> read(String path, String what, boolean optional) {
        HelpDeskHttp.Request request = HelpDeskHttp.Request.get(ZammadHttp.url(http, path), what)
                .aboutOneTicket(optional);
        try {
            return Optional.of(http.send(request, answer -> tree(answer.body())));
        } catch (HelpDeskApiException e) {
            String error = ZammadHttp.error(e.getResponseBody());
            String detail = error.isEmpty() ? "" : ": " + error;
            int status = e.getStatusCode();
            if (optional && status == 403 && ZammadHttp.NOT_AUTHORIZED.equals(error)) {
                return Optional.empty();
            }
            if (status == 401 || (status == 403 && !ZammadHttp.NOT_AUTHORIZED.equals(error))) {
                throw new ConfigurationException("Zammad at " + http.baseUrl() + " rejected the "
                        + (authentication.usesToken() ? "API token (HTTP " + status + detail
                        + "); check ZAMMAD_API_TOKEN" : "login (HTTP " + status + detail
                        + "); check ZAMMAD_USERNAME and ZAMMAD_PASSWORD"));
            }
            if (status == 403) {
                throw new ConfigurationException("Zammad at " + http.baseUrl() + " refused " + what + " (HTTP 403"
                        + detail + "); the Zammad user needs the ticket.agent permission"
                        + (authentication.usesToken() ? " and a token with the ticket.agent scope" : ""));
            }
            if (status == 404) {
                throw new ConfigurationException("Zammad at " + http.baseUrl() + " has no " + path.split("\\?")[0]
                        + " (HTTP 404); is zammad.base-url really a Zammad (without /api/v1)?");
            }
            if (status == 0) {
                throw new ConfigurationException(e.getMessage() + "; check zammad.base-url");
            }
            if (e.isUnavailable() && status >= 200 && status < 300) {
                throw new ConfigurationException("Zammad at " + http.baseUrl() + " answered " + path + " with "
                        + "something that is not JSON; is zammad.base-url really a Zammad (without /api/v1)?");
            }
            throw new ConfigurationException("Zammad at " + http.baseUrl() + " answered HTTP " + status + detail
                    + " while " + what);
        }
    }

    private static JsonNode tree(String body) {
        try {
            JsonNode json = JSON.readTree(body == null ? "" : body);
            if (json == null || json.isMissingNode()) {
                throw new HelpDeskHttp.UnreadableAnswer("the answer is empty");
            }
            return json;
        } catch (IOException e) {
            throw new HelpDeskHttp.UnreadableAnswer("the answer is not JSON");
        }
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(item -> {
            if (item.path("active").asBoolean(true)) {
                names.add(item.path("name").asText());
            }
        });
        return names;
    }
}
