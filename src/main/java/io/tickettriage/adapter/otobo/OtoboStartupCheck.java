package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.HelpDeskApiException;
import io.tickettriage.config.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * At startup, one search through the configured routes as the configured agent (after a SessionCreate in session
 * mode): it proves that the URL names a web service, that the routes exist and that OTOBO accepts the credentials,
 * so that none of these waits for the first poll. Queue and state names cannot be checked: OTOBO answers a search
 * with an unknown one as it answers one that finds nothing.
 */
final class OtoboStartupCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private OtoboStartupCheck() {
    }

    static void run(String baseUrl, OtoboAuthentication authentication, OtoboRoute searchRoute, List<String> queues) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (!queues.isEmpty()) {
            data.put("Queues", queues);
        }
        data.put("Limit", 1);
        OtoboCall call = new OtoboCall(baseUrl, authentication, new OtoboSession(), searchRoute, data,
                "the startup check's TicketSearch");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            while (call.hasNext()) {
                OtoboRequest request = call.next();
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url())).timeout(TIMEOUT)
                        .header("Content-Type", "application/json; charset=UTF-8");
                builder.method(request.method(), request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
                HttpResponse<String> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                call.accept(answer.statusCode(), answer.body());
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot reach OTOBO at " + baseUrl + " (" + e.getClass().getSimpleName()
                    + "); check otobo.base-url");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurationException("interrupted while checking OTOBO at " + baseUrl);
        } catch (HelpDeskApiException refused) {
            String hint = switch (refused.getStatusCode()) {
                case 401 -> "";
                case 404 -> "; check otobo.base-url";
                default -> "; check that otobo.base-url names an existing web service and otobo.route.* its routes";
            };
            throw new ConfigurationException(refused.getMessage() + hint);
        }
    }
}
