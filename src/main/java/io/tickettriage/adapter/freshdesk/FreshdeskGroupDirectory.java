package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.config.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the account's groups ({@code GET /api/v2/groups}, all pages) once at startup, so configuration may name
 * groups instead of quoting ids. This runs before any route exists, hence the JDK client rather than camel-http; it
 * doubles as the startup check that the URL and API key work.
 */
public final class FreshdeskGroupDirectory {

    private static final int MAX_RATE_LIMIT_WAITS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final FreshdeskAuthentication authentication;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public FreshdeskGroupDirectory(String baseUrl, FreshdeskAuthentication authentication) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.authentication = authentication;
    }

    /** Group name → id, in the order Freshdesk lists them. */
    public Map<String, Long> groups() {
        Map<String, Long> groups = new LinkedHashMap<>();
        String url = baseUrl + "/api/v2/groups?per_page=100";
        while (url != null) {
            HttpResponse<String> response = get(url);
            try {
                for (JsonNode group : JSON.readTree(response.body())) {
                    groups.put(group.path("name").asText(), group.path("id").asLong());
                }
            } catch (IOException e) {
                throw new ConfigurationException("Freshdesk at " + baseUrl + " answered /api/v2/groups with something "
                        + "that is not JSON; is freshdesk.base-url really a Freshdesk?");
            }
            url = LinkHeader.next(response.headers().firstValue("Link").orElse(null)).orElse(null);
        }
        return groups;
    }

    private HttpResponse<String> get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authentication.headerValue()).header("Accept", "application/json").GET()
                .build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new ConfigurationException("cannot reach Freshdesk at " + baseUrl + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + "); check FRESHDESK_DOMAIN or FRESHDESK_BASE_URL");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfigurationException("interrupted while reading Freshdesk groups");
            }
            int status = response.statusCode();
            if (status == 429 && attempt < MAX_RATE_LIMIT_WAITS) {
                sleepSeconds(response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(5L));
                continue;
            }
            if (status == 401 || status == 403) {
                throw new ConfigurationException("Freshdesk at " + baseUrl + " rejected the API key (HTTP " + status + " "
                        + errorCode(response.body()).orElse("") + "); check FRESHDESK_API_KEY");
            }
            if (status != 200) {
                throw new ConfigurationException("Freshdesk at " + baseUrl + " answered HTTP " + status
                        + " when listing groups; check freshdesk.base-url");
            }
            return response;
        }
    }

    private static Optional<String> errorCode(String body) {
        try {
            return Optional.ofNullable(JSON.readTree(body).path("code").textValue());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void sleepSeconds(long seconds) {
        try {
            Thread.sleep(Duration.ofSeconds(Math.max(1, seconds)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
