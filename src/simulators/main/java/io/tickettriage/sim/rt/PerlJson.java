package io.tickettriage.sim.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON as RT's REST2 writes it with Perl's {@code JSON::to_json($data, {pretty => 1})} (records, collections,
 * comment answers): three-space indents, {@code "key" : value}, {@code []} and {@code {}} for empty containers, and a
 * final newline; or as {@code JSON::encode_json} (errors, update and create answers): compact.
 */
final class PerlJson {

    private static final String INDENT = "   ";

    private PerlJson() {
    }

    static String pretty(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, 0);
        return out.append('\n').toString();
    }

    static String compact(JsonNode node) {
        return node.toString();
    }

    private static void write(JsonNode node, StringBuilder out, int depth) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(INDENT.repeat(depth + 1)).append(TextNode.valueOf(field.getKey())).append(" : ");
                write(field.getValue(), out, depth + 1);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            out.append(INDENT.repeat(depth)).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                out.append(INDENT.repeat(depth + 1));
                write(node.get(i), out, depth + 1);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            out.append(INDENT.repeat(depth)).append(']');
        } else {
            out.append(node);
        }
    }
}
