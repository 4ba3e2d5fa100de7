package io.tickettriage.sim.rt;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A request's query parameters in order, as Plack reads them ({@code +} is a space; a name may repeat), and
 * written back as Perl's URI::query_form writes them into REST2's page links.
 */
record QueryForm(List<Map.Entry<String, String>> pairs) {

    QueryForm {
        pairs = List.copyOf(pairs);
    }

    static QueryForm parse(String rawQuery) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameAndValue = pair.split("=", 2);
            pairs.add(Map.entry(decode(nameAndValue[0]), nameAndValue.length > 1 ? decode(nameAndValue[1]) : ""));
        }
        return new QueryForm(pairs);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return text;
        }
    }

    /** The first value, as Plack's scalar {@code param} gives it. */
    Optional<String> first(String name) {
        return pairs.stream().filter(pair -> pair.getKey().equals(name)).map(Map.Entry::getValue).findFirst();
    }

    List<String> all(String name) {
        return pairs.stream().filter(pair -> pair.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    /** The comma-separated list of a parameter such as {@code fields}; empty when it is missing. */
    List<String> list(String name) {
        return first(name).filter(value -> !value.isEmpty()).map(value -> List.of(value.split(",")))
                .orElse(List.of());
    }

    /** First values by name, for paging. */
    Map<String, String> firsts() {
        return pairs.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    /** The query without its first {@code page} pair, encoded as URI::query_form encodes it. */
    String withoutPage() {
        List<Map.Entry<String, String>> kept = new ArrayList<>(pairs);
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).getKey().equals("page")) {
                kept.remove(i);
                break;
            }
        }
        return kept.stream().map(pair -> escape(pair.getKey()) + "=" + escape(pair.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** URI's escaping of a query component: unreserved characters stay, a space is {@code +}, the rest %XX. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-_.!~*'()".indexOf(c) >= 0) {
                out.append(c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
