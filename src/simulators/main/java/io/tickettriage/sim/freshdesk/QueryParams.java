package io.tickettriage.sim.freshdesk;

import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** A request's query parameters, in order, each with the raw text it arrived as. */
final class QueryParams {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private record Param(String name, String value, String raw) {
    }

    private final List<Param> params;

    private QueryParams(List<Param> params) {
        this.params = List.copyOf(params);
    }

    /** @param rawQuery the query as received, still percent-encoded; may be empty */
    static QueryParams parse(String rawQuery) {
        List<Param> params = new ArrayList<>();
        for (String segment : rawQuery.split("&")) {
            if (segment.isEmpty()) {
                continue;
            }
            int equals = segment.indexOf('=');
            String name = equals < 0 ? segment : segment.substring(0, equals);
            String value = equals < 0 ? "" : segment.substring(equals + 1);
            params.add(new Param(decode(name), decode(value), segment));
        }
        return new QueryParams(params);
    }

    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        params.forEach(param -> names.add(param.name()));
        return names;
    }

    boolean has(String name) {
        return params.stream().anyMatch(param -> param.name().equals(name));
    }

    /** The value of {@code name}; the last one wins when it repeats, as in Rails. */
    Optional<String> get(String name) {
        Optional<String> value = Optional.empty();
        for (Param param : params) {
            if (param.name().equals(name)) {
                value = Optional.of(param.value());
            }
        }
        return value;
    }

    /**
     * The integer value of {@code name} if it lies in [min, max]; otherwise records the error the way Freshdesk's
     * numericality validation does (datatype_mismatch for a non-integer, invalid_value when out of range) and
     * returns empty. Also empty when the parameter is absent.
     */
    OptionalLong integer(String name, long min, long max, String message, FieldErrors errors) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!INTEGER.matcher(raw.get()).matches()) {
            errors.add(name, message, "datatype_mismatch");
            return OptionalLong.empty();
        }
        // Saturate rather than overflow: anything beyond a long is out of range for every parameter anyway.
        long value = new BigInteger(raw.get()).min(LONG_MAX).longValue();
        if (value < min || value > max) {
            errors.invalidValue(name, message);
            return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }

    /** The value of {@code name} if it is one of {@code allowed}; empty when absent or, with an error, invalid. */
    Optional<String> oneOf(String name, List<String> allowed, FieldErrors errors) {
        Optional<String> value = get(name);
        if (value.isPresent() && !allowed.contains(value.get())) {
            errors.notIncluded(name, allowed);
            return Optional.empty();
        }
        return value;
    }

    /**
     * The items of a comma-separated parameter such as include, each of which must be one of {@code allowed};
     * empty when the parameter is absent or, with an error, invalid.
     */
    Set<String> listOf(String name, List<String> allowed, FieldErrors errors) {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return Set.of();
        }
        Set<String> items = new LinkedHashSet<>(List.of(value.get().split(",", -1)));
        if (!allowed.containsAll(items)) {
            errors.notIncluded(name, allowed);
            return Set.of();
        }
        return Collections.unmodifiableSet(items);
    }

    /**
     * This query with {@code page} set, for a Link header. Like Freshdesk, which merges page=N+1 into the original
     * parameters, the page keeps its position or is appended; the other parameters keep the client's encoding, so
     * the link stays a valid URL even where Freshdesk would paste decoded values.
     */
    String withPage(long page) {
        List<String> segments = new ArrayList<>();
        boolean pageWritten = false;
        for (Param param : params) {
            if (!param.name().equals("page")) {
                segments.add(param.raw());
            } else if (!pageWritten) {
                segments.add("page=" + page);
                pageWritten = true;
            }
        }
        if (!pageWritten) {
            segments.add("page=" + page);
        }
        return String.join("&", segments);
    }

    /** Lenient: a malformed escape is kept as typed, and then simply fails validation like any bad value. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
