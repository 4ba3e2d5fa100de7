package io.tickettriage.adapter.rt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import java.io.IOException;
import java.util.List;

/**
 * One page of a REST2 collection ({@code {"items":[…],"page":1,"pages":3,"next_page":…}}): its records, each read on
 * its own ({@link JsonRecords}), and whether another page follows. RT filters a page by the user's rights after it
 * was cut, so a page may hold fewer records than {@code per_page} with more to come: only {@code pages} and
 * {@code next_page} tell. An empty result says {@code "pages": 0.0}, a number with a fraction.
 *
 * @param records its records
 * @param more    whether a next page exists
 */
record RtPage(List<JsonRecords.Record> records, boolean more) {

    private static final JsonFactory STREAM = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build())
            .build();

    /** Reads an answer; one that is no collection page is fetched again ({@link HelpDeskHttp.UnreadableAnswer}). */
    static RtPage read(String body) {
        List<JsonRecords.Record> records = JsonRecords.split(body, "items", "id");
        double page = 0;
        double pages = 0;
        boolean nextPage = false;
        boolean hasItems = false;
        try (JsonParser parser = STREAM.createParser(body)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "page" -> page = value.isNumeric() ? parser.getValueAsDouble() : 0;
                    case "pages" -> pages = value.isNumeric() ? parser.getValueAsDouble() : 0;
                    case "next_page" -> nextPage = value == JsonToken.VALUE_STRING;
                    case "items" -> hasItems = true;
                    default -> { }
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new HelpDeskHttp.UnreadableAnswer("the answer is not JSON");
        }
        if (!hasItems) {
            throw new HelpDeskHttp.UnreadableAnswer("the answer is no REST2 collection (it has no items)");
        }
        return new RtPage(records, nextPage || page < pages);
    }
}
