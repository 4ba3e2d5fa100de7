package io.tickettriage.sim.zammad;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ticket fields the simulated search index knows, with the Elasticsearch type Zammad's index gives them: text
 * (analysed, matched word by word), keyword (exact), number and date. Since Zammad 4.0 associations are searched
 * by their name attribute ({@code group.name}, not {@code group}).
 */
enum SearchField {
    ID("id", Kind.NUMBER),
    NUMBER("number", Kind.KEYWORD),
    TITLE("title", Kind.TEXT),
    GROUP_NAME("group.name", Kind.TEXT),
    GROUP_ID("group_id", Kind.NUMBER),
    STATE_NAME("state.name", Kind.TEXT),
    STATE_ID("state_id", Kind.NUMBER),
    PRIORITY_NAME("priority.name", Kind.TEXT),
    PRIORITY_ID("priority_id", Kind.NUMBER),
    CUSTOMER_ID("customer_id", Kind.NUMBER),
    OWNER_ID("owner_id", Kind.NUMBER),
    ARTICLE_COUNT("article_count", Kind.NUMBER),
    TAGS("tags", Kind.TEXT),
    CREATED_AT("created_at", Kind.DATE),
    UPDATED_AT("updated_at", Kind.DATE);

    enum Kind { TEXT, KEYWORD, NUMBER, DATE }

    private final String name;
    private final Kind kind;

    SearchField(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    String fieldName() {
        return name;
    }

    Kind kind() {
        return kind;
    }

    static Optional<SearchField> named(String name) {
        return Arrays.stream(values()).filter(field -> field.name.equals(name)).findFirst();
    }

    /** Fields a search may sort by: those with a single value. */
    boolean sortable() {
        return this != TAGS;
    }
}
