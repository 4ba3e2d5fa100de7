package io.tickettriage.adapter.otobo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.adapter.HelpDeskHttp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route of the web service as its admin configured it, e.g. {@code PATCH /Ticket/:TicketID}, and how an operation's
 * data travels on it, as OTOBO's REST transport reads it back: {@code :Name} segments from the data, the rest in the
 * query string for GET (whose body OTOBO ignores; a list becomes a repeated key) and in a JSON body otherwise.
 *
 * @param method upper-case HTTP method
 * @param path   starts with "/", may contain {@code :Name} segments
 */
public record OtoboRoute(String method, String path) {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern PARAMETER = Pattern.compile(":([^/]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses "PATCH /Ticket/:TicketID"; the method is case-insensitive. */
    public static OtoboRoute parse(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2 || !METHODS.contains(parts[0].toUpperCase(Locale.ROOT)) || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException("an OTOBO route is '<METHOD> /path', e.g. 'GET /Ticket/:TicketID', was '"
                    + text + "'");
        }
        return new OtoboRoute(parts[0].toUpperCase(Locale.ROOT), parts[1]);
    }

    /** Whether this route sends the data in a JSON body, which alone can carry nested values such as search filters. */
    public boolean hasBody() {
        return !method.equals("GET");
    }

    /**
     * The request carrying {@code data} to this route of the web service at {@code baseUrl}. Its URL may carry
     * credentials in the query (GET routes leave the API no other place); {@link HelpDeskHttp} never logs URLs.
     *
     * @param data           values are text, numbers, lists of those, or (body routes only) nested maps and lists
     * @param what           the call in words for messages
     * @param aboutOneTicket a refusal concerns this one ticket (an update), not the account
     */
    public HelpDeskHttp.Request request(String baseUrl, Map<String, ?> data, String what, boolean aboutOneTicket) {
        Map<String, Object> rest = new LinkedHashMap<>(data);
        Matcher parameter = PARAMETER.matcher(path);
        StringBuilder url = new StringBuilder(baseUrl);
        int last = 0;
        while (parameter.find()) {
            Object value = rest.remove(parameter.group(1));
            if (value == null) {
                throw new IllegalArgumentException("the route " + this + " needs " + parameter.group(1));
            }
            url.append(path, last, parameter.start()).append(HelpDeskHttp.encode(String.valueOf(value)));
            last = parameter.end();
        }
        url.append(path.substring(last));
        if (!hasBody()) {
            List<String> query = new ArrayList<>();
            rest.forEach((name, value) -> {
                if (value instanceof Collection<?> values) {
                    values.forEach(v -> query.add(HelpDeskHttp.encode(name) + "="
                            + HelpDeskHttp.encode(scalar(name, v))));
                } else {
                    query.add(HelpDeskHttp.encode(name) + "=" + HelpDeskHttp.encode(scalar(name, value)));
                }
            });
            if (!query.isEmpty()) {
                url.append('?').append(String.join("&", query));
            }
            return HelpDeskHttp.Request.get(url.toString(), what).aboutOneTicket(aboutOneTicket);
        }
        try {
            return HelpDeskHttp.Request.json(method, url.toString(), JSON.writeValueAsString(rest), what)
                    .aboutOneTicket(aboutOneTicket);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request for " + this, e);
        }
    }

    private String scalar(String name, Object value) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            throw new IllegalArgumentException(name + " is structured data, which the query string of " + this
                    + " cannot carry");
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
