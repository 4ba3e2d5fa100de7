package io.tickettriage.sim.freshdesk;

import java.util.List;

/** The page/per_page pair every Freshdesk list endpoint takes. */
record PageRequest(long page, int perPage) {

    private static final int DEFAULT_PER_PAGE = 30;
    private static final int MAX_PER_PAGE = 100;
    private static final String PER_PAGE_MESSAGE =
            "It should be a Positive Integer less than or equal to " + MAX_PER_PAGE;

    /** [GUESS] The server source's numericality wording for a positive integer; the notes don't give it. */
    static final String POSITIVE_INTEGER = "It should be a/an Positive Integer";

    /** One page of a list, and whether another follows it. */
    record Page<T>(List<T> items, boolean hasNext) {
    }

    /** Reads page and per_page, recording errors for bad values and falling back to the defaults. */
    static PageRequest from(QueryParams query, FieldErrors errors) {
        long page = query.integer("page", 1, Long.MAX_VALUE, POSITIVE_INTEGER, errors).orElse(1);
        long perPage = query.integer("per_page", 1, MAX_PER_PAGE, PER_PAGE_MESSAGE, errors).orElse(DEFAULT_PER_PAGE);
        return new PageRequest(page, (int) perPage);
    }

    <T> Page<T> slice(List<T> items) {
        // Clamping the page first keeps the product from overflowing for huge page numbers.
        long offset = Math.min(page - 1, items.size()) * perPage;
        if (offset >= items.size()) {
            return new Page<>(List.of(), false);
        }
        int from = (int) offset;
        int to = (int) Math.min(items.size(), offset + perPage);
        return new Page<>(List.copyOf(items.subList(from, to)), to < items.size());
    }
}
