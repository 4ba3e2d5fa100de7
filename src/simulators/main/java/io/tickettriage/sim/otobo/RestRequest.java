package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request as the HTTP::REST transport (Kernel/GenericInterface/Transport/HTTP/REST.pm, ProviderProcessRequest) turns
 * it into an operation and its data, with the transport's own failures.
 *
 * <p>Query parameters are always read: {@code +} means a space, a repeated key becomes an array, and a first value
 * Perl considers false ("0") becomes "". The route's {@code :Name} segments override them. A GET body is ignored; a
 * POST/PUT/PATCH body must be a JSON object or array, and the URI parameters are written over it.
 */
final class RestRequest {

    /** A request the transport refused before any operation ran: HTTP status and text/plain message. */
    static final class TransportError extends Exception {

        private final int status;

        TransportError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * @param route      the request path after the web service name, without the query ("/Ticket/42")
     * @param mapping    the operation it resolved to
     * @param data       what the operation receives: an object, or for an array body an array
     */
    record Parsed(String route, RouteTable.Mapping mapping, JsonNode data) {
    }

    /** The example web service's {@code MaxLength}. */
    static final int MAX_LENGTH = 100_000_000;

    private static final Pattern AFTER_WEBSERVICE = Pattern.compile("^.*Webservice(?:ID)?/[^/]+(/.*)$",
            Pattern.DOTALL);

    private RestRequest() {
    }

    /** The part of a raw request URI after the web service name, query and all; the whole URI when there is none. */
    static String afterWebservice(String rawUri) {
        Matcher matcher = AFTER_WEBSERVICE.matcher(rawUri);
        return matcher.matches() ? matcher.group(1) : rawUri;
    }

    /** The route part without the query: what faults and error messages refer to. */
    static String routePath(String rawUri) {
        String requestUri = afterWebservice(rawUri);
        int question = requestUri.indexOf('?');
        return question < 0 ? requestUri : requestUri.substring(0, question);
    }

    static Parsed parse(String method, String rawUri, byte[] body, RouteTable routes, ObjectMapper json)
            throws TransportError {
        String requestUri = afterWebservice(rawUri);
        int question = requestUri.indexOf('?');
        String path = question < 0 ? requestUri : requestUri.substring(0, question);
        Map<String, JsonNode> query = question < 0 ? Map.of() : queryParams(requestUri.substring(question + 1));

        RouteTable.Match match = routes.match(method, path).orElseThrow(() -> new TransportError(500,
                "HTTP::REST Error while determine Operation for request URI '" + path + "'."));
        Map<String, JsonNode> uriData = new LinkedHashMap<>(query);
        match.uriParams().forEach((name, value) -> uriData.put(name, TextNode.valueOf(unescape(value))));

        if (body.length == 0 || method.equals("GET")) {
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            uriData.forEach(data::set);
            data.put("RequestMethod", method);
            return new Parsed(path, match.mapping(), data);
        }
        if (body.length > MAX_LENGTH) {
            throw new TransportError(413, "Payload Too Large");
        }
        JsonNode decoded = decode(body, json)
                .orElseThrow(() -> new TransportError(500, "Error while decoding request content."));
        if (PerlValues.isHashWithData(decoded)) {
            uriData.forEach(((ObjectNode) decoded)::set);
            return new Parsed(path, match.mapping(), decoded);
        }
        if (PerlValues.isArrayWithData(decoded)) {
            for (JsonNode element : (ArrayNode) decoded) {
                if (PerlValues.isHashWithData(element)) {
                    uriData.forEach(((ObjectNode) element)::set);
                }
            }
            return new Parsed(path, match.mapping(), decoded);
        }
        throw new TransportError(500, "Unsupported request content structure.");
    }

    /** Kernel::System::JSON's Decode; a value Perl takes for false counts as a failed decode, as REST.pm checks it. */
    private static Optional<JsonNode> decode(byte[] body, ObjectMapper json) {
        try {
            JsonNode decoded = json.readTree(new String(body, StandardCharsets.UTF_8));
            return decoded == null || !PerlValues.isTrue(decoded) ? Optional.empty() : Optional.of(decoded);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Map<String, JsonNode> queryParams(String query) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        for (String pair : query.split("[;&]")) {
            if (pair.isEmpty()) {
                continue;
            }
            // Perl's split /=/ drops trailing empty fields and REST.pm uses only the first two of the rest.
            String[] parts = pair.split("=", -1);
            String key = unescape(parts[0]);
            String value = parts.length > 1 && !parts[1].isEmpty() ? unescape(parts[1].replace("+", "%20")) : null;
            JsonNode existing = params.get(key);
            if (existing == null) {
                params.put(key, TextNode.valueOf(value == null || value.equals("0") ? "" : value));
            } else if (existing.isArray()) {
                ((ArrayNode) existing).add(value);
            } else {
                ArrayNode values = JsonNodeFactory.instance.arrayNode();
                values.add(existing);
                values.add(value);
                params.put(key, values);
            }
        }
        return params;
    }

    /** URI::Escape's uri_unescape: %XX sequences only, malformed ones kept, no '+' handling. */
    static String unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
