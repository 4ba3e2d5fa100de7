package io.tickettriage.adapter.otobo;

import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.config.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * At startup, one search through the configured routes as the configured agent (after a SessionCreate in session
 * mode), through the application's one {@link OtoboClient}: it proves that the URL names a web service, that the
 * routes exist and that OTOBO accepts the credentials, so that none of these waits for the first poll. Queue and
 * state names cannot be checked: OTOBO answers a search with an unknown one as it answers one that finds nothing.
 */
final class OtoboStartupCheck {

    private OtoboStartupCheck() {
    }

    static void run(OtoboClient client, OtoboRoute searchRoute, List<String> queues) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (!queues.isEmpty()) {
            data.put("Queues", queues);
        }
        data.put("Limit", 1);
        try {
            client.call(searchRoute, data, "the startup check's TicketSearch", false);
        } catch (HelpDeskApiException refused) {
            String hint = switch (refused.getStatusCode()) {
                case 0 -> "; check otobo.base-url";
                case 401 -> "";
                case 404 -> "; check otobo.base-url";
                default -> "; check that otobo.base-url names an existing web service and otobo.route.* its routes";
            };
            throw new ConfigurationException(refused.getMessage() + hint);
        } finally {
            // A refusal at startup must not keep the first poll from trying.
            client.reopen();
        }
    }
}
