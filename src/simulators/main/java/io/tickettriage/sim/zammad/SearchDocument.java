package io.tickettriage.sim.zammad;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A ticket as the search index holds it: each field's values (text, a number or an instant). Built when the search
 * runs from the version of the ticket the index holds by then: the stored ticket itself, or with
 * {@link ZammadSettings#indexLag()} the newest version whose delay has passed, as Zammad's index lags by seconds.
 */
final class SearchDocument {

    private final Map<SearchField, List<Object>> values = new EnumMap<>(SearchField.class);

    SearchDocument(StoredTicket ticket, Catalog catalog, int articleCount, List<String> tags) {
        values.put(SearchField.ID, List.of(ticket.id()));
        values.put(SearchField.NUMBER, List.of(ticket.number()));
        values.put(SearchField.TITLE, List.of(ticket.title()));
        values.put(SearchField.GROUP_NAME, List.of(Catalog.name(catalog.groups(), ticket.groupId())));
        values.put(SearchField.GROUP_ID, List.of(ticket.groupId()));
        values.put(SearchField.STATE_NAME, List.of(Catalog.name(Catalog.STATES, ticket.stateId())));
        values.put(SearchField.STATE_ID, List.of(ticket.stateId()));
        values.put(SearchField.PRIORITY_NAME, List.of(Catalog.name(Catalog.PRIORITIES, ticket.priorityId())));
        values.put(SearchField.PRIORITY_ID, List.of(ticket.priorityId()));
        values.put(SearchField.CUSTOMER_ID, List.of(ticket.customerId()));
        values.put(SearchField.OWNER_ID, List.of(ticket.ownerId()));
        values.put(SearchField.ARTICLE_COUNT, List.of((long) articleCount));
        values.put(SearchField.TAGS, List.copyOf(tags));
        values.put(SearchField.CREATED_AT, List.of(ticket.createdAt()));
        values.put(SearchField.UPDATED_AT, List.of(ticket.updatedAt()));
    }

    List<Object> values(SearchField field) {
        return values.get(field);
    }

    /** The field's single value, for sorting. */
    @SuppressWarnings("unchecked")
    Comparable<Object> sortKey(SearchField field) {
        return (Comparable<Object>) values.get(field).get(0);
    }
}
