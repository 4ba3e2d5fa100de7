package io.tickettriage.sim.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Collects the field errors of one request, so that all of them are reported together as Freshdesk does, and
 * holds the type checks that request bodies share.
 */
final class FieldErrors {

    static final String INVALID_FIELD = "Unexpected/invalid field in request";
    private static final String MISSING_FIELD = "Mandatory attribute missing";

    private final List<FieldError> errors = new ArrayList<>();

    /**
     * Fails at once with one invalid_field error per name not in {@code allowed}: Freshdesk rejects unpermitted
     * fields before it looks at any value.
     */
    static void rejectUnknown(Collection<String> names, Collection<String> allowed) {
        List<FieldError> unknown = names.stream()
                .filter(name -> !allowed.contains(name))
                .map(name -> new FieldError(name, INVALID_FIELD, "invalid_field"))
                .toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(ApiErrors.validationFailed(unknown));
        }
    }

    /** {@link #rejectUnknown} for the fields of a JSON body. */
    static void rejectUnknownFields(ObjectNode body, Collection<String> allowed) {
        rejectUnknown(body.properties().stream().map(Map.Entry::getKey).toList(), allowed);
    }

    void add(String field, String message, String code) {
        errors.add(new FieldError(field, message, code));
    }

    void invalidValue(String field, String message) {
        add(field, message, "invalid_value");
    }

    void missing(String field) {
        add(field, MISSING_FIELD, "missing_field");
    }

    void notIncluded(String field, List<?> allowed) {
        invalidValue(field, "It should be one of these values: '"
                + allowed.stream().map(String::valueOf).collect(Collectors.joining(",")) + "'");
    }

    /** @param expected Freshdesk's name for the type: Integer, String, Boolean, Array, ... */
    void datatypeMismatch(String field, String expected) {
        add(field, "It should be a/an " + expected, "datatype_mismatch");
    }

    boolean expectString(String field, JsonNode value) {
        return expect(value.isTextual(), field, "String");
    }

    boolean expectInteger(String field, JsonNode value) {
        return expect(value.isIntegralNumber() && value.canConvertToLong(), field, "Integer");
    }

    boolean expectBoolean(String field, JsonNode value) {
        return expect(value.isBoolean(), field, "Boolean");
    }

    boolean expectArray(String field, JsonNode value) {
        return expect(value.isArray(), field, "Array");
    }

    /** An array whose elements are all strings. */
    boolean expectStrings(String field, JsonNode value) {
        if (!expectArray(field, value)) {
            return false;
        }
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                // [GUESS] Wording from the server source's array_datatype_mismatch template; the notes don't give it.
                add(field, "It should contain elements of type String only", "datatype_mismatch");
                return false;
            }
        }
        return true;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ApiException(ApiErrors.validationFailed(errors));
        }
    }

    private boolean expect(boolean ok, String field, String expected) {
        if (!ok) {
            datatypeMismatch(field, expected);
        }
        return ok;
    }
}
