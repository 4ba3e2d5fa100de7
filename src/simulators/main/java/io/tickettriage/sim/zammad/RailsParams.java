package io.tickettriage.sim.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request's parameters as a Rails controller sees them: query parameters ({@code name[]=…} collect into an array,
 * otherwise the last value wins) merged with the fields of a JSON body, which keep their JSON types.
 */
final class RailsParams {

    private final ObjectNode params;

    private RailsParams(ObjectNode params) {
        this.params = params;
    }

    /** @param rawQuery still percent-encoded, may be empty */
    static RailsParams of(String rawQuery, ObjectNode jsonBody) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        for (String segment : rawQuery.split("&")) {
            if (segment.isEmpty()) {
                continue;
            }
            int equals = segment.indexOf('=');
            String name = decode(equals < 0 ? segment : segment.substring(0, equals));
            String value = decode(equals < 0 ? "" : segment.substring(equals + 1));
            if (name.endsWith("[]")) {
                String array = name.substring(0, name.length() - 2);
                JsonNode existing = params.get(array);
                (existing instanceof ArrayNode list ? list : params.putArray(array)).add(value);
            } else {
                params.put(name, value);
            }
        }
        params.setAll(jsonBody);
        return new RailsParams(params);
    }

    /** The parameter, or empty when absent or JSON null. */
    Optional<JsonNode> get(String name) {
        JsonNode value = params.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** A parameter's text; empty when absent. A number or boolean is read as its text, as Rails would. */
    Optional<String> text(String name) {
        return get(name).filter(JsonNode::isValueNode).map(JsonNode::asText);
    }

    /** Rails' {@code present?}: there, and neither blank text nor an empty array or hash. */
    boolean present(String name) {
        return get(name).filter(value -> !(value.isTextual() && value.asText().isBlank())
                && !(value.isContainerNode() && value.isEmpty())).isPresent();
    }

    /** Zammad's {@code response_expand?} and friends: the parameter is the text (or JSON boolean) true. */
    boolean flag(String name) {
        return text(name).map("true"::equals).orElse(false);
    }

    /** Ruby's {@code to_i} on the parameter (leading digits, 0 for none), or {@code absent} when it is not there. */
    long integer(String name, long absent) {
        return text(name).map(RailsParams::rubyToI).orElse(absent);
    }

    /** The values of a list parameter: an array, or one text split at commas (Zammad's sort_by and order_by). */
    List<String> list(String name) {
        List<String> values = new ArrayList<>();
        get(name).ifPresent(value -> {
            if (value.isArray()) {
                value.forEach(item -> values.add(item.asText().strip()));
            } else {
                for (String item : value.asText().split(",")) {
                    values.add(item.strip());
                }
            }
        });
        values.removeIf(String::isEmpty);
        return values;
    }

    /** A hash parameter such as {@code article}; empty when absent or not a hash. */
    Optional<ObjectNode> object(String name) {
        return get(name).filter(JsonNode::isObject).map(ObjectNode.class::cast);
    }

    static long rubyToI(String text) {
        String trimmed = text.stripLeading();
        int end = 0;
        if (end < trimmed.length() && (trimmed.charAt(end) == '-' || trimmed.charAt(end) == '+')) {
            end++;
        }
        int digitsStart = end;
        while (end < trimmed.length() && trimmed.charAt(end) >= '0' && trimmed.charAt(end) <= '9'
                && end - digitsStart < 18) {
            end++;
        }
        return end == digitsStart ? 0 : Long.parseLong(trimmed.substring(0, end));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
