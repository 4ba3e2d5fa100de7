package io.tickettriage.adapter.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.triage.HelpDeskApiException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * At startup, through the application's one RT client: that the URL is an RT ({@code GET /REST/2.0/rt} answers its
 * version), that RT takes the credentials, that every queue the configuration names exists
 * ({@code GET /queue/<name>}; RT answers a search with an unknown queue as one that finds nothing, and an update to
 * one with HTTP 200), and that the custom fields exist as ticket custom fields (RT ignores an update of an unknown
 * one without a word). Each problem is one {@link ConfigurationException} line that says what to fix.
 */
final class RtStartupCheck {

    private final HelpDeskHttp http;
    private final RtAuthentication authentication;

    RtStartupCheck(HelpDeskHttp http, RtAuthentication authentication) {
        this.http = http;
        this.authentication = authentication;
    }

    /** @return RT's version */
    String version() {
        try {
            Optional<JsonNode> answer = http.send(HelpDeskHttp.Request.get(RtHttp.url(http, "/rt"), "asking RT for "
                    + "its version"), a -> lenient(a.body()));
            String version = answer.map(json -> json.path("Version").asText("")).orElse("");
            if (version.isEmpty()) {
                throw new ConfigurationException("rt.base-url gives " + http.baseUrl() + ", which is not a Request "
                        + "Tracker: " + RtHttp.REST + "/rt answered without RT's version; rt.base-url is RT's web "
                        + "root, e.g. https://rt.example.com");
            }
            return version;
        } catch (HelpDeskApiException e) {
            throw switch (e.getStatusCode()) {
                case 0 -> new ConfigurationException(e.getMessage() + "; check rt.base-url");
                case 401, 403 -> new ConfigurationException("RT at " + http.baseUrl() + " refused "
                        + authentication.describe() + " (HTTP " + e.getStatusCode() + "); " + authentication.hint());
                case 404 -> new ConfigurationException("rt.base-url gives " + http.baseUrl() + ", which has no "
                        + RtHttp.REST + "/rt (HTTP 404): is it RT's web root (without /REST/2.0), and RT 4.4 or "
                        + "later with REST2?");
                default -> new ConfigurationException(e.getMessage() + "; check rt.base-url");
            };
        } finally {
            // A refusal at startup must not keep the first poll from trying.
            http.reopen();
        }
    }

    /** Each queue exists and the user may see it; named in messages by the key that gives it. */
    void queues(List<Map.Entry<String, String>> named) {
        for (Map.Entry<String, String> entry : named) {
            String queue = entry.getValue();
            try {
                http.send(HelpDeskHttp.Request.get(RtHttp.url(http, "/queue/" + HelpDeskHttp.encode(queue)),
                        "looking up the queue '" + queue + "'").aboutOneTicket(true), a -> RtHttp.tree(a.body()));
            } catch (HelpDeskApiException e) {
                if (e.getStatusCode() == 404 || e.getStatusCode() == 403) {
                    throw new ConfigurationException(entry.getKey() + " names the queue '" + queue + "', which this "
                            + "RT does not have (or the RT user may not see it: it needs SeeQueue there)");
                }
                throw new ConfigurationException(e.getMessage());
            }
        }
    }

    /**
     * The ticket custom field {@code name} exists and the user may see it.
     *
     * @param multiValue whether it must take several values (the marker)
     */
    void customField(String key, String name, boolean multiValue) {
        ArrayNode query = RtHttp.json().createArrayNode();
        query.addObject().put("field", "Name").put("value", name);
        query.addObject().put("field", "LookupType").put("value", "RT::Queue-RT::Ticket");
        List<JsonNode> found;
        try {
            found = http.send(HelpDeskHttp.Request.get(RtHttp.url(http,
                            "/customfields?fields=Name,MaxValues,Disabled&per_page=100&query="
                                    + HelpDeskHttp.encode(query.toString())),
                            "looking up the custom field '" + name + "'"),
                    a -> RtPage.read(a.body()).records().stream().map(JsonRecords.Record::json)
                            .flatMap(Optional::stream)
                            .filter(field -> field.path("Name").asText().equals(name)).toList());
        } catch (HelpDeskApiException e) {
            throw new ConfigurationException(e.getMessage());
        }
        if (found.isEmpty()) {
            throw new ConfigurationException(key + " names the custom field '" + name + "', which this RT does not "
                    + "have as a ticket custom field (or the RT user may not see it: it needs SeeCustomField); create "
                    + "it (Admin > Custom Fields, applies to tickets, applied to the queues), or set " + key
                    + " empty to do without");
        }
        JsonNode field = found.get(0);
        if ("1".equals(field.path("Disabled").asText())) {
            throw new ConfigurationException(key + " names the custom field '" + name + "', which is disabled in "
                    + "this RT: enable it");
        }
        if (multiValue && !"0".equals(field.path("MaxValues").asText("0"))) {
            throw new ConfigurationException(key + " names the custom field '" + name + "', which takes "
                    + field.path("MaxValues").asText() + " value(s); the marker needs one that takes several "
                    + "(Freeform, \"Enter multiple values\"), so that it keeps the values others put there");
        }
    }

    /** The answer as JSON, or empty when it is not (an HTML page of something that is not RT). */
    private static Optional<JsonNode> lenient(String body) {
        try {
            return Optional.ofNullable(RtHttp.json().readTree(body == null ? "" : body));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
