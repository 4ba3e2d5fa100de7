package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.config.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the startup check reads from Zammad, with the JDK client because no route runs yet: priorities and states
 * (any agent may read them), groups (only with {@code admin.group} before Zammad 6.5), and whether the ticket search
 * finds a ticket that exists. Every failure is a {@link ConfigurationException} that names what to fix and never
 * the credentials.
 */
final class ZammadServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final ZammadAuthentication authentication;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ZammadServer(String baseUrl, ZammadAuthentication authentication) {
        this.baseUrl = baseUrl;
        this.authentication = authentication;
    }

    List<String> priorities() {
        return names(read("/api/v1/ticket_priorities", "reading the ticket priorities").orElseThrow());
    }

    List<String> states() {
        return names(read("/api/v1/ticket_states", "reading the ticket states").orElseThrow());
    }

    /** The group names, or empty when the user may not list groups. */
    Optional<List<String>> groups() {
        return read("/api/v1/groups?per_page=1000", "listing the groups").map(ZammadServer::names);
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
            JsonNode list = read("/api/v1/tickets?per_page=1", "listing tickets").orElseThrow();
            if (!list.isArray() || list.isEmpty()) {
                return Optional.empty();
            }
            String id = list.get(0).path("id").asText();
            JsonNode found = read("/api/v1/tickets/search?per_page=1&expand=true&query="
                    + URLEncoder.encode("id:" + id, StandardCharsets.UTF_8), "searching tickets").orElseThrow();
            if (ZammadSearchPage.tickets(found.toString()).isEmpty()) {
                return Optional.of("Zammad's ticket search does not find ticket " + id + ", which exists: "
                        + "ticket-triage finds new tickets only through the search, which needs Elasticsearch "
                        + "configured and indexed in Zammad (zammad run rake zammad:searchindex:rebuild)");
            }
            return Optional.empty();
        } catch (ConfigurationException | IllegalStateException e) {
            return Optional.of("Zammad: could not check that the ticket search works: " + e.getMessage());
        }
    }

    /** The answer as JSON; empty for a 403 on a call whose permission is optional (groups). */
    private Optional<JsonNode> read(String path, String what) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authentication.headerValue()).header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ConfigurationException("cannot reach Zammad at " + baseUrl + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check zammad.base-url");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurationException("interrupted while " + what + " from Zammad");
        }
        String error = error(response.body());
        switch (response.statusCode()) {
            case 200 -> {
                try {
                    return Optional.of(JSON.readTree(response.body()));
                } catch (IOException e) {
                    throw new ConfigurationException("Zammad at " + baseUrl + " answered " + path + " with something "
                            + "that is not JSON; is zammad.base-url really a Zammad (without /api/v1)?");
                }
            }
            case 401 -> throw new ConfigurationException("Zammad at " + baseUrl + " rejected the "
                    + (authentication.usesToken() ? "API token (HTTP 401" + error + "); check ZAMMAD_API_TOKEN"
                    : "login (HTTP 401" + error + "); check ZAMMAD_USERNAME and ZAMMAD_PASSWORD"));
            case 403 -> {
                if (path.startsWith("/api/v1/groups")) {
                    return Optional.empty();
                }
                throw new ConfigurationException("Zammad at " + baseUrl + " refused " + what + " (HTTP 403" + error
                        + "); the Zammad user needs the ticket.agent permission"
                        + (authentication.usesToken() ? " and a token with the ticket.agent scope" : ""));
            }
            case 404 -> throw new ConfigurationException("Zammad at " + baseUrl + " has no " + path.split("\\?")[0]
                    + " (HTTP 404); is zammad.base-url really a Zammad (without /api/v1)?");
            default -> throw new ConfigurationException("Zammad at " + baseUrl + " answered HTTP "
                    + response.statusCode() + error + " while " + what);
        }
    }

    /** Zammad's error text, ": …" for messages; empty when the body carries none. */
    private static String error(String body) {
        try {
            JsonNode error = JSON.readTree(body == null ? "" : body);
            if (error != null && error.path("error").isTextual()) {
                return ": " + error.get("error").asText();
            }
        } catch (IOException notJson) {
            // an HTML page from a proxy says nothing useful
        }
        return "";
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
