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
 * its own ({@link JsonRecords}), and whether another page follows. RT counts a collection ({@code total},
 * {@code pages}, {@code next_page}) only where the user may see all of it: a SuperUser, and the ticket search (RT
 * checks ticket rights in SQL, $UseSQLForACLChecks); for anyone else it answers {@code "total": null,
 * "pages": null} for transactions, attachments, queues and custom fields. Then a full page ({@code per_page}
 * records) means that another may follow. An empty result says {@code "pages": 0.0}, a number with a fraction.
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
        double pages = -1;
        double perPage = Double.MAX_VALUE;
        boolean nextPage = false;
        boolean hasItems = false;
        try (JsonParser parser = STREAM.createParser(body)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "page" -> page = value.isNumeric() ? parser.getValueAsDouble() : 0;
                    case "pages" -> pages = value.isNumeric() ? parser.getValueAsDouble() : -1;
                    case "per_page" -> perPage = value.isNumeric() ? parser.getValueAsDouble() : Double.MAX_VALUE;
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
        boolean counted = pages >= 0;
        return new RtPage(records, nextPage || (counted ? page < pages : records.size() >= perPage));
    }
}
