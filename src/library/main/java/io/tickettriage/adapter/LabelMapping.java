package io.tickettriage.adapter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A label mapping as a Kamelet property takes it: {@code label=Help desk value} pairs separated by commas, where
 * {@code \,} stands for a comma and {@code \\} for a backslash inside a name, e.g.
 * {@code billing=Billing & Payments,sales=Sales\, EMEA}.
 */
public final class LabelMapping {

    private LabelMapping() {
    }

    /**
     * @param property the Kamelet property, for messages
     * @return label → value, in the order given; empty for blank text
     * @throws IllegalArgumentException naming the property and the pair that is wrong
     */
    public static Map<String, String> parse(String pairs, String property) {
        Map<String, String> mapping = new LinkedHashMap<>();
        if (pairs == null || pairs.isBlank()) {
            return Collections.unmodifiableMap(mapping);
        }
        StringBuilder pair = new StringBuilder();
        for (int i = 0; i < pairs.length(); i++) {
            char c = pairs.charAt(i);
            if (c == '\\' && i + 1 < pairs.length() && (pairs.charAt(i + 1) == ',' || pairs.charAt(i + 1) == '\\')) {
                pair.append(pairs.charAt(++i));
            } else if (c == ',') {
                add(mapping, pair.toString(), property);
                pair.setLength(0);
            } else {
                pair.append(c);
            }
        }
        add(mapping, pair.toString(), property);
        return Collections.unmodifiableMap(mapping);
    }

    /**
     * The value {@code mapping} gives a predicted label; a label it lacks means the mapping does not fit the model.
     *
     * @param what     e.g. "queue label 'billing' has no Freshdesk group"'s "queue" and "Freshdesk group"
     * @param property the Kamelet property that maps it, for the message
     */
    public static <T> T valueOf(Map<String, T> mapping, String label, String head, String what, String property) {
        T value = mapping.get(label);
        if (value == null) {
            throw new IllegalStateException(head + " label '" + label + "' has no " + what + ": map it in " + property);
        }
        return value;
    }

    private static void add(Map<String, String> mapping, String pair, String property) {
        int equals = pair.indexOf('=');
        String label = equals < 0 ? "" : pair.substring(0, equals).strip();
        String value = equals < 0 ? "" : pair.substring(equals + 1).strip();
        if (label.isEmpty() || value.isEmpty()) {
            throw new IllegalArgumentException(property + " takes label=value pairs separated by commas (\\, for a "
                    + "comma in a name); '" + pair.strip() + "' is not one");
        }
        if (mapping.put(label, value) != null) {
            throw new IllegalArgumentException(property + " maps the label '" + label + "' twice");
        }
    }
}
