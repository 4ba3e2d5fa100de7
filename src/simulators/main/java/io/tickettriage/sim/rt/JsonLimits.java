package io.tickettriage.sim.rt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A JSON search of a REST2 collection (RT's QueryByJSON), POSTed as {@code [{"field", "operator", "value"}, …]}: a
 * limit on a field the record cannot be searched by is skipped, limits on one field are OR-ed and different fields
 * AND-ed (DBIx::SearchBuilder's default), text compares without case unless {@code case_sensitive}, and a
 * collection without any limit lists nothing.
 */
final class JsonLimits {

    private JsonLimits() {
    }

    /**
     * @param attribute a record's searchable attribute as text, or empty when it has no such attribute
     * @param limited   whether the collection is limited already (a ticket's history, a transaction's attachments)
     */
    static <T> List<T> select(JsonNode limits, List<T> candidates, boolean limited,
                              BiFunction<T, String, Optional<String>> attribute) {
        Map<String, List<JsonNode>> byField = new LinkedHashMap<>();
        for (JsonNode limit : limits) {
            String field = limit.path("field").asText("");
            if (!field.isEmpty() && limit.has("value") && !limit.get("value").isNull()) {
                byField.computeIfAbsent(field, key -> new ArrayList<>()).add(limit);
            }
        }
        List<T> selected = new ArrayList<>();
        for (T candidate : candidates) {
            boolean searchable = false;
            boolean all = true;
            for (Map.Entry<String, List<JsonNode>> field : byField.entrySet()) {
                Optional<String> value = attribute.apply(candidate, field.getKey());
                if (value.isEmpty()) {
                    continue;
                }
                searchable = true;
                all &= field.getValue().stream().anyMatch(limit -> matches(value.get(), limit));
            }
            if ((searchable || limited) && all) {
                selected.add(candidate);
            }
        }
        return selected;
    }

    private static boolean matches(String actual, JsonNode limit) {
        String op = limit.path("operator").asText("=").strip().toUpperCase(Locale.ROOT);
        boolean caseSensitive = limit.path("case_sensitive").asBoolean(false);
        String have = caseSensitive ? actual : actual.toLowerCase(Locale.ROOT);
        List<String> wanted = new ArrayList<>();
        for (JsonNode value : limit.get("value").isArray() ? limit.get("value") : List.of(limit.get("value"))) {
            wanted.add(caseSensitive ? value.asText() : value.asText().toLowerCase(Locale.ROOT));
        }
        String first = wanted.isEmpty() ? "" : wanted.get(0);
        return switch (op) {
            case "IN" -> wanted.contains(have);
            case "NOT IN" -> !wanted.contains(have);
            case "!=", "<>" -> !have.equals(first);
            case "LIKE" -> have.contains(first);
            case "NOT LIKE" -> !have.contains(first);
            case "STARTSWITH" -> have.startsWith(first);
            case "ENDSWITH" -> have.endsWith(first);
            case "<", ">", "<=", ">=" -> compare(op, have, first);
            default -> have.equals(first);
        };
    }

    private static boolean compare(String op, String have, String wanted) {
        int order;
        try {
            order = Long.compare(Long.parseLong(have), Long.parseLong(wanted));
        } catch (NumberFormatException text) {
            order = have.compareTo(wanted);
        }
        return switch (op) {
            case "<" -> order < 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            default -> order >= 0;
        };
    }
}
