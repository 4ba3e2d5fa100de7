package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How OTOBO's Perl reads the decoded request data: its truth rules ({@code "0"} and {@code ""} are false) and the
 * checks of Kernel::System::VariableCheck ({@code IsStringWithData}, {@code IsHashRefWithData} …). JSON booleans
 * arrive as 1 and 0, as Kernel::System::JSON decodes them.
 */
final class PerlValues {

    private PerlValues() {
    }

    /** Perl truth: undef, "", "0" and 0 are false; any reference (array, hash) is true. */
    static boolean isTrue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isContainerNode()) {
            return true;
        }
        String text = scalar(value);
        return !text.isEmpty() && !text.equals("0");
    }

    /** {@code IsStringWithData}: a defined, non-empty scalar. */
    static boolean isStringWithData(JsonNode value) {
        return value != null && value.isValueNode() && !value.isNull() && !scalar(value).isEmpty();
    }

    /** {@code IsString}: any defined scalar, empty or not. */
    static boolean isString(JsonNode value) {
        return value != null && value.isValueNode() && !value.isNull();
    }

    static boolean isHashWithData(JsonNode value) {
        return value != null && value.isObject() && !value.isEmpty();
    }

    static boolean isArrayWithData(JsonNode value) {
        return value != null && value.isArray() && !value.isEmpty();
    }

    /** A scalar as Perl would print it: numbers as written, booleans as 1 and 0, undef as "". */
    static String scalar(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "1" : "0";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** A scalar or an array of scalars as a list, the way the search reads its filters; empty values are dropped. */
    static List<String> list(JsonNode value) {
        List<String> values = new ArrayList<>();
        if (isArrayWithData(value)) {
            value.forEach(item -> values.add(scalar(item)));
        } else if (isStringWithData(value)) {
            values.add(scalar(value));
        }
        return values;
    }

    /** A trimmed scalar, as the search and update operations trim their inputs; empty when absent. */
    static String trimmed(JsonNode value) {
        return isString(value) ? scalar(value).strip() : "";
    }
}
