package io.tickettriage.sim.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The endpoints, once a request has passed routing, authentication and fault injection. Follows Zammad's
 * controllers: find the record (404), convert names to ids (422), then write.
 */
final class ZammadApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int LIST_PAGE = 100;
    private static final int SEARCH_DEFAULT_PAGE = 50;
    private static final int SEARCH_MAX_PAGE = 200;
    /** Zammad's default page size for plain model lists (groups), and CanPaginate's cap. */
    private static final int MODEL_DEFAULT_PAGE = 500;
    private static final int MODEL_MAX_PAGE = 1000;
    /** Elasticsearch's index.max_result_window: from + size beyond it is an error, which Zammad turns into []. */
    private static final int MAX_RESULT_WINDOW = 10_000;

    private final ZammadSettings settings;
    private final Catalog catalog;
    private final ZammadStore store;
    private final ZammadJson json;

    ZammadApi(ZammadSettings settings, Catalog catalog, ZammadStore store, ZammadJson json) {
        this.settings = settings;
        this.catalog = catalog;
        this.store = store;
        this.json = json;
    }

    Reply handle(ZammadRoute.Match match, RailsParams params) {
        return switch (match.route()) {
            case LIST_TICKETS -> listTickets(params);
            case SEARCH_TICKETS -> searchTickets(params);
            case SHOW_TICKET -> showTicket(match.id(), params);
            case UPDATE_TICKET -> updateTicket(match.id(), params);
            case ARTICLES_BY_TICKET -> articles(match.id());
            case CREATE_ARTICLE -> createArticle(params);
            case LIST_TAGS -> Reply.json(200, JSON.objectNode().set("tags", texts(store.tags(taggedTicket(params)
                    .id()))));
            case ADD_TAG -> changeTag(params, true);
            case REMOVE_TAG -> changeTag(params, false);
            case LIST_GROUPS -> listGroups(params);
            case LIST_PRIORITIES -> Reply.json(200, array(Catalog.PRIORITIES, json::priority));
            case LIST_STATES -> Reply.json(200, array(Catalog.STATES, json::state));
        };
    }

    /** {@code GET /api/v1/tickets}: by id, 100 a page at most, a bare array without any total. */
    private Reply listTickets(RailsParams params) {
        List<StoredTicket> page = page(store.all(), params, LIST_PAGE, LIST_PAGE);
        if (params.flag("expand")) {
            return Reply.json(200, array(page, json::ticketWithNames));
        }
        if (params.flag("full")) {
            return Reply.json(200, full(page));
        }
        return Reply.json(200, array(page, json::ticket));
    }

    private Reply showTicket(String id, RailsParams params) {
        StoredTicket ticket = existingTicket(id);
        return Reply.json(200, params.flag("expand") ? json.ticketWithNames(ticket) : json.ticketWithIds(ticket));
    }

    /**
     * {@code PUT /api/v1/tickets/{id}}: attributes by name or id, and an optional article created with it. Tags are
     * not ticket attributes and are ignored here, as Zammad's update drops them ({@code tags} works on create only).
     */
    private Reply updateTicket(String id, RailsParams params) {
        StoredTicket ticket = existingTicket(id);
        StoredTicket.Change change = new StoredTicket.Change(params.text("title").orElse(null),
                association(params, "group", catalog.groups()),
                association(params, "priority", Catalog.PRIORITIES),
                association(params, "state", Catalog.STATES));
        Optional<ZammadStore.ArticleDraft> article = params.present("article") ? Optional.of(article(params))
                : Optional.empty();
        StoredTicket updated = store.update(ticket.id(), change, article)
                .orElseThrow(() -> new ZammadException(ZammadErrors.notFound("Ticket", id)));
        return Reply.json(200, params.flag("expand") ? json.ticketWithNames(updated) : json.ticketWithIds(updated));
    }

    /**
     * An association given by name ({@code "group": "Sales"}) or by id ({@code "group_id": 3}); the name wins, as
     * Zammad converts names to ids over whatever id was sent.
     */
    private static Long association(RailsParams params, String name, List<Catalog.Entry> table) {
        Optional<String> byName = params.text(name).filter(value -> !value.isBlank());
        if (byName.isPresent()) {
            return Catalog.byName(table, byName.get()).map(Catalog.Entry::id)
                    .orElseThrow(() -> new ZammadException(ZammadErrors.noLookupValue(name, byName.get())));
        }
        Optional<String> byId = params.text(name + "_id").filter(value -> !value.isBlank());
        if (byId.isEmpty()) {
            return null;
        }
        long id = RailsParams.rubyToI(byId.get());
        if (Catalog.byId(table, id).isEmpty()) {
            // A foreign-key violation in the database: not one of the errors Zammad humanizes.
            throw new ZammadException(ZammadErrors.masked(422));
        }
        return id;
    }

    /**
     * {@code POST /api/v1/ticket_articles}: an article for the ticket {@code ticket_id}, with the same defaults as
     * the article of an update; 201 with the article as {@code by_ticket} lists it.
     */
    private Reply createArticle(RailsParams params) {
        StoredTicket ticket = existingTicket(params.text("ticket_id").orElse(""));
        ObjectNode article = JSON.objectNode();
        for (String field : List.of("body", "subject", "content_type", "type", "type_id", "sender", "sender_id",
                "internal")) {
            params.get(field).ifPresent(value -> article.set(field, value));
        }
        StoredArticle created = store.addArticle(ticket.id(), article(article))
                .orElseThrow(() -> new ZammadException(ZammadErrors.notFound("Ticket", String.valueOf(ticket.id()))));
        return Reply.json(201, json.article(created));
    }

    /** The {@code article} hash of an update, with Zammad's defaults: a note by the agent, public, plain text. */
    private static ZammadStore.ArticleDraft article(RailsParams params) {
        return article(params.object("article").orElseThrow(() -> new ZammadException(ZammadErrors.masked(500))));
    }

    private static ZammadStore.ArticleDraft article(ObjectNode article) {
        JsonNode body = article.get("body");
        if (body == null || body.isNull()) {
            throw new ZammadException(ZammadErrors.unprocessable(ZammadErrors.ARTICLE_WITHOUT_BODY));
        }
        long type = lookup(article, "type", Catalog.ARTICLE_TYPES, Catalog.TYPE_NOTE);
        long sender = lookup(article, "sender", Catalog.SENDERS, Catalog.SENDER_AGENT);
        JsonNode internal = article.path("internal");
        boolean isInternal = internal.isBoolean() ? internal.asBoolean() : internal.asText().equals("true");
        String contentType = article.path("content_type").asText("");
        return new ZammadStore.ArticleDraft(type, sender, article.path("subject").asText(""),
                contentType.isBlank() ? "text/plain" : contentType, body.asText(), isInternal);
    }

    private static long lookup(ObjectNode article, String name, List<Catalog.Entry> table, long fallback) {
        String value = article.path(name).asText("");
        if (!value.isBlank()) {
            return Catalog.byName(table, value).map(Catalog.Entry::id)
                    .orElseThrow(() -> new ZammadException(ZammadErrors.noLookupValue(name, value)));
        }
        String id = article.path(name + "_id").asText("");
        if (!id.isBlank()) {
            return Catalog.byId(table, RailsParams.rubyToI(id)).map(Catalog.Entry::id)
                    .orElseThrow(() -> new ZammadException(ZammadErrors.masked(422)));
        }
        return fallback;
    }

    /** Every article of the ticket, internal ones included (the API user is an agent), oldest first. */
    private Reply articles(String id) {
        StoredTicket ticket = existingTicket(id);
        return Reply.json(200, array(store.articles(ticket.id()), json::article));
    }

    /** {@code POST /api/v1/tags/add} answers 201 {@code true}; {@code DELETE /api/v1/tags/remove} 200 {@code true}. */
    private Reply changeTag(RailsParams params, boolean add) {
        StoredTicket ticket = taggedTicket(params);
        String item = params.text("item").orElse("");
        if (item.isBlank()) {
            throw new ZammadException(ZammadErrors.masked(422));
        }
        if (add) {
            store.addTag(ticket.id(), item);
        } else {
            store.removeTag(ticket.id(), item);
        }
        return Reply.json(add ? 201 : 200, BooleanNode.TRUE);
    }

    /** The ticket a tags call names with {@code object=Ticket&o_id=…}; the tag policy looks it up first. */
    private StoredTicket taggedTicket(RailsParams params) {
        if (!params.text("object").map("Ticket"::equals).orElse(false)) {
            // Zammad resolves the object's class from the name; an unknown one ends in an unhandled error.
            throw new ZammadException(ZammadErrors.masked(500));
        }
        return existingTicket(params.text("o_id").orElse(""));
    }

    /** Needs {@code admin.group} (before Zammad 6.5, agents could not list groups at all). */
    private Reply listGroups(RailsParams params) {
        if (!settings.groupsListable()) {
            throw new ZammadException(ZammadErrors.forbidden(ZammadErrors.NOT_AUTHORIZED));
        }
        return Reply.json(200, array(page(catalog.groups(), params, MODEL_DEFAULT_PAGE, MODEL_MAX_PAGE), json::group));
    }

    /**
     * {@code GET /api/v1/tickets/search}: the query runs against the (simulated) search index; the answer's shape
     * depends on {@code expand}, {@code full}, the total-count flags and, without them, on the Zammad version.
     */
    private Reply searchTickets(RailsParams params) {
        if (params.present("condition")) {
            throw new ZammadException(ZammadErrors.unprocessable("The simulated Zammad does not evaluate "
                    + "'condition' selectors; use 'query'"));
        }
        SearchQuery query;
        try {
            query = SearchQuery.parse(params.text("query").or(() -> params.text("term")).orElse(""));
        } catch (SearchQuery.SearchQueryException e) {
            // Elasticsearch would answer; the simulator refuses loudly rather than answer wrongly.
            throw new ZammadException(ZammadErrors.unprocessable("The simulated Zammad cannot evaluate this "
                    + "search: " + e.getMessage()));
        }
        List<SearchDocument> matching = new ArrayList<>();
        List<StoredTicket> byDocument = new ArrayList<>();
        // Without Elasticsearch, Zammad searches titles and numbers in its database, which no attribute query
        // matches; queries of that kind are all the simulator evaluates.
        // The index may lag behind (ZammadSettings.indexLag): the query and the sort see what it holds, the answer
        // shows the tickets as they are now, since Zammad reads the records it found from its database.
        List<ZammadStore.IndexedVersion> candidates = settings.elasticsearch() ? store.searchIndex() : List.of();
        for (ZammadStore.IndexedVersion indexed : candidates) {
            SearchDocument document = new SearchDocument(indexed.ticket(), catalog, indexed.articleCount(),
                    indexed.tags());
            if (query.matches(document)) {
                matching.add(document);
                byDocument.add(store.find(indexed.ticket().id()).orElse(indexed.ticket()));
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < matching.size(); i++) {
            order.add(i);
        }
        order.sort(sortOrder(params, matching, byDocument));
        List<StoredTicket> sorted = order.stream().map(byDocument::get).toList();
        List<StoredTicket> page = searchPage(sorted, params);

        if (params.flag("only_total_count")) {
            return Reply.json(200, JSON.objectNode().put("total_count", sorted.size()));
        }
        if (params.flag("expand")) {
            return Reply.json(200, withTotal(params, array(page, json::ticketWithNames), sorted.size()));
        }
        if (settings.legacySearch()) {
            // Zammad up to 5.x: ids, the page's count (not the total, as its docs warn) and the records as assets.
            ObjectNode legacy = JSON.objectNode();
            ArrayNode ids = legacy.putArray("tickets");
            page.forEach(ticket -> ids.add(ticket.id()));
            legacy.put("tickets_count", page.size());
            legacy.set("assets", json.assets(page));
            return Reply.json(200, legacy);
        }
        if (params.flag("full")) {
            return Reply.json(200, full(page).put("total_count", sorted.size()));
        }
        if (params.text("term").isPresent() && params.text("query").isEmpty()) {
            // The label form meant for autocompletion; a ticket has no name, so both show its id.
            ArrayNode labels = JSON.arrayNode();
            page.forEach(ticket -> labels.addObject().put("id", ticket.id()).put("label", ticket.id())
                    .put("value", ticket.id()));
            return Reply.json(200, withTotal(params, labels, sorted.size()));
        }
        return Reply.json(200, withTotal(params, array(page, json::ticketWithIds), sorted.size()));
    }

    /**
     * Elasticsearch's sort: each {@code sort_by} field with the {@code order_by} at the same position (a field without
     * one is dropped, as Zammad does), {@code updated_at desc} when none is left; ties by id.
     */
    private static Comparator<Integer> sortOrder(RailsParams params, List<SearchDocument> documents,
                                                 List<StoredTicket> tickets) {
        List<String> sortBy = params.list("sort_by");
        List<String> orderBy = params.list("order_by");
        Comparator<Integer> order = null;
        for (int i = 0; i < sortBy.size() && i < orderBy.size(); i++) {
            String fieldName = sortBy.get(i);
            SearchField field = SearchField.named(fieldName).filter(SearchField::sortable).orElseThrow(() ->
                    new ZammadException(ZammadErrors.unprocessable("The simulated Zammad cannot sort by '"
                            + fieldName + "'")));
            String direction = orderBy.get(i);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw new ZammadException(ZammadErrors.unprocessable("The simulated Zammad cannot sort in the "
                        + "order '" + direction + "'; use asc or desc"));
            }
            Comparator<Integer> byField = Comparator.comparing(index -> documents.get(index).sortKey(field));
            if (direction.equals("desc")) {
                byField = byField.reversed();
            }
            order = order == null ? byField : order.thenComparing(byField);
        }
        if (order == null) {
            order = Comparator.<Integer, Comparable<Object>>comparing(index -> documents.get(index)
                    .sortKey(SearchField.UPDATED_AT)).reversed();
        }
        return order.thenComparingLong(index -> tickets.get(index).id());
    }

    /** A page of a search: offset and size as Elasticsearch gets them; a window it refuses yields nothing. */
    private static List<StoredTicket> searchPage(List<StoredTicket> sorted, RailsParams params) {
        long limit = Math.min(params.integer("per_page", params.integer("limit", SEARCH_DEFAULT_PAGE)),
                SEARCH_MAX_PAGE);
        long offset = (params.integer("page", 1) - 1) * limit;
        if (limit <= 0 || offset < 0 || offset + limit > MAX_RESULT_WINDOW || offset >= sorted.size()) {
            return List.of();
        }
        return sorted.subList((int) offset, (int) Math.min(sorted.size(), offset + limit));
    }

    /**
     * A page of a database list: {@code per_page} (or {@code limit}) capped at {@code max}; a negative offset or
     * limit is an SQL error, which Zammad reports masked.
     */
    private static <T> List<T> page(List<T> all, RailsParams params, int defaultSize, int max) {
        long limit = Math.min(params.integer("per_page", params.integer("limit", defaultSize)), max);
        long offset = (params.integer("page", 1) - 1) * limit;
        if (limit < 0 || offset < 0) {
            throw new ZammadException(ZammadErrors.masked(422));
        }
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList((int) offset, (int) Math.min(all.size(), offset + limit));
    }

    private static JsonNode withTotal(RailsParams params, ArrayNode records, int total) {
        if (!params.flag("with_total_count")) {
            return records;
        }
        ObjectNode wrapped = JSON.objectNode();
        wrapped.set("records", records);
        wrapped.put("total_count", total);
        return wrapped;
    }

    private ObjectNode full(List<StoredTicket> tickets) {
        ObjectNode full = JSON.objectNode();
        ArrayNode ids = full.putArray("record_ids");
        tickets.forEach(ticket -> ids.add(ticket.id()));
        full.set("assets", json.assets(tickets));
        return full;
    }

    /** {@code Ticket.find(id)}: Rails casts the id as Ruby's to_i does, the message quotes it as sent. */
    private StoredTicket existingTicket(String id) {
        return store.find(RailsParams.rubyToI(id))
                .orElseThrow(() -> new ZammadException(ZammadErrors.notFound("Ticket", id)));
    }

    private static <T> ArrayNode array(List<T> items, Function<T, ObjectNode> view) {
        ArrayNode array = JSON.arrayNode();
        items.forEach(item -> array.add(view.apply(item)));
        return array;
    }

    private static ArrayNode texts(List<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
