package io.tickettriage.adapter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a page of records (a JSON array, at the top or under one field of the top object) into its records, each
 * read on its own: one record that cannot be read (nested deeper than JSON readers allow, a number too large) is
 * kept as {@link Record#problem()} with its raw text, and the others are read as usual. Only a page that is not
 * JSON at all fails, with {@link HelpDeskHttp.UnreadableAnswer}, which makes the client fetch it again.
 *
 * <p>The split itself walks tokens without building trees or recursing, so it has no nesting limit.
 */
public final class JsonRecords {

    /**
     * One record of a page.
     *
     * @param raw     the record's JSON text as it arrived
     * @param id      its top-level {@code idField} as text, when it has a plain one, else empty
     * @param json    the record, when it could be read
     * @param problem why it could not be read, when it could not
     */
    public record Record(String raw, String id, Optional<JsonNode> json, Optional<String> problem) {
    }

    private static final JsonFactory SPLITTER = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build())
            .build();
    private static final ObjectMapper READER = new ObjectMapper();

    private JsonRecords() {
    }

    /**
     * @param page    the answer's body
     * @param field   the top object's field that holds the array, or null when the page is the array
     * @param idField the records' id field, e.g. "id"
     * @return the records in order; an absent field (e.g. OTOBO's {@code {}} for no match) is no records
     */
    public static List<Record> split(String page, String field, String idField) {
        List<Record> records = new ArrayList<>();
        try (JsonParser parser = SPLITTER.createParser(page == null ? "" : page)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new HelpDeskHttp.UnreadableAnswer("the answer is empty");
            }
            if (field != null) {
                if (first != JsonToken.START_OBJECT) {
                    throw new HelpDeskHttp.UnreadableAnswer("the answer is not a JSON object");
                }
                if (!seekField(parser, field)) {
                    return records;
                }
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new HelpDeskHttp.UnreadableAnswer("its " + field + " is not a JSON array");
                }
            } else if (first != JsonToken.START_ARRAY) {
                throw new HelpDeskHttp.UnreadableAnswer("the answer is not a JSON array");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new HelpDeskHttp.UnreadableAnswer("the answer ends in the middle");
                }
                int start = (int) parser.currentTokenLocation().getCharOffset();
                String id = parser.currentToken() == JsonToken.START_OBJECT ? topLevelId(parser, idField) : "";
                if (parser.currentToken().isStructStart()) {
                    parser.skipChildren();
                }
                int end = (int) parser.currentLocation().getCharOffset();
                records.add(read(page.substring(start, end), id));
            }
            if (field == null && parser.nextToken() != null) {
                throw new HelpDeskHttp.UnreadableAnswer("the answer goes on after its array");
            }
        } catch (HelpDeskHttp.UnreadableAnswer e) {
            throw e;
        } catch (IOException e) {
            throw new HelpDeskHttp.UnreadableAnswer("the answer is not JSON: " + firstLine(e.getMessage()));
        }
        return records;
    }

    /** Moves to the top object's {@code field}, skipping others; false when the object has none. */
    private static boolean seekField(JsonParser parser, String field) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            if (parser.currentName().equals(field)) {
                return true;
            }
            parser.nextToken();
            parser.skipChildren();
        }
        return false;
    }

    /**
     * Reads the object's top-level fields up to its end, noting the plain value of {@code idField}; leaves the parser
     * on the object's END_OBJECT.
     */
    private static String topLevelId(JsonParser parser, String idField) throws IOException {
        String id = "";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == null) {
                throw new HelpDeskHttp.UnreadableAnswer("the answer ends in the middle");
            }
            if (value.isStructStart()) {
                parser.skipChildren();
            } else if (name.equals(idField) && value.isScalarValue()) {
                id = parser.getText();
            }
        }
        return id;
    }

    private static Record read(String raw, String id) {
        try {
            return new Record(raw, id, Optional.of(READER.readTree(raw)), Optional.empty());
        } catch (StreamConstraintsException e) {
            return new Record(raw, id, Optional.empty(), Optional.of("the record exceeds what a JSON reader accepts ("
                    + firstLine(e.getOriginalMessage()) + ")"));
        } catch (IOException e) {
            return new Record(raw, id, Optional.empty(), Optional.of("the record is not readable JSON ("
                    + firstLine(e.getMessage()) + ")"));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
