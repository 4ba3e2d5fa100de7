package io.tickettriage.sim.freshdesk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The validated query of {@code GET /api/v2/tickets}.
 *
 * @param selection which tickets are listed
 * @param order     their order, total so that pages are stable
 * @param includes  side-loads asked for; each costs extra credits, only description changes the body
 */
record TicketListQuery(Predicate<Ticket> selection, Comparator<Ticket> order, Set<String> includes,
                       PageRequest page) {

    private static final Set<String> PARAMS = Set.of("filter", "company_id", "requester_id", "email", "order_by",
            "order_type", "updated_since", "include", "page", "per_page", "unique_external_id");
    /** Any of these switches the 30-day default window off. */
    private static final List<String> FILTER_PARAMS =
            List.of("filter", "updated_since", "company_id", "requester_id", "email", "unique_external_id");
    private static final List<String> FILTERS = List.of("new_and_my_open", "watching", "spam", "deleted");
    private static final List<String> ORDER_BY = List.of("created_at", "updated_at", "priority", "status");
    private static final List<String> ORDER_TYPES = List.of("asc", "desc");
    // The notes say requester, stats and company add objects to each ticket; the simulator models only
    // description, but accepts and charges for all four.
    private static final List<String> INCLUDES = List.of("requester", "stats", "company", "description");
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    static TicketListQuery parse(QueryParams query, int maxPage, Instant now, TicketStore store) {
        FieldErrors.rejectUnknown(query.names(), PARAMS);
        FieldErrors errors = new FieldErrors();
        List<Predicate<Ticket>> conditions = new ArrayList<>();
        if (FILTER_PARAMS.stream().noneMatch(query::has)) {
            Instant windowStart = now.minus(DEFAULT_WINDOW);
            conditions.add(ticket -> ticket.createdAt().isAfter(windowStart));
        }
        query.oneOf("filter", FILTERS, errors).map(TicketListQuery::namedFilter).ifPresent(conditions::add);
        query.integer("company_id", 1, Long.MAX_VALUE, PageRequest.POSITIVE_INTEGER, errors).ifPresent(
                id -> conditions.add(ticket -> ticket.companyId() != null && ticket.companyId() == id));
        query.integer("requester_id", 1, Long.MAX_VALUE, PageRequest.POSITIVE_INTEGER, errors).ifPresent(
                id -> conditions.add(ticket -> ticket.requesterId() == id));
        query.get("email").ifPresent(email -> {
            // [GUESS] An address without a contact simply matches nothing.
            OptionalLong contact = store.contactId(email);
            conditions.add(ticket -> contact.isPresent() && ticket.requesterId() == contact.getAsLong());
        });
        if (query.has("unique_external_id")) {
            // [GUESS] The simulator's contacts have no external ids, so no ticket matches.
            conditions.add(ticket -> false);
        }
        query.get("updated_since").ifPresent(text -> Timestamps.parse(text).ifPresentOrElse(
                since -> conditions.add(ticket -> !ticket.updatedAt().isBefore(since)),
                () -> errors.invalidValue("updated_since", Timestamps.INVALID_MESSAGE)));
        String orderBy = query.oneOf("order_by", ORDER_BY, errors).orElse("created_at");
        boolean ascending = query.oneOf("order_type", ORDER_TYPES, errors).orElse("desc").equals("asc");
        Set<String> includes = query.listOf("include", INCLUDES, errors);
        PageRequest page = PageRequest.from(query, errors);
        if (page.page() > maxPage) {
            errors.invalidValue("page", "You cannot access tickets beyond the " + ordinal(maxPage)
                    + " page. Please provide a smaller page number.");
        }
        errors.throwIfAny();
        return new TicketListQuery(conditions.stream().reduce(ticket -> true, Predicate::and),
                order(orderBy, ascending), includes, page);
    }

    boolean includesDescription() {
        return includes.contains("description");
    }

    /**
     * Freshdesk's template is "%{max_value}th", only ever filled with 300; for other caps the proper ordinal
     * ("2nd", "21st") is written rather than "2th".
     */
    static String ordinal(int number) {
        int lastTwoDigits = number % 100;
        if (lastTwoDigits >= 11 && lastTwoDigits <= 13) {
            return number + "th";
        }
        return number + switch (number % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static Predicate<Ticket> namedFilter(String filter) {
        return switch (filter) {
            // "my" is the agent owning the API key; "new" means open and unassigned.
            case "new_and_my_open" -> ticket -> ticket.status() == Ticket.OPEN
                    && (ticket.responderId() == null || ticket.responderId() == TicketStore.API_AGENT_ID);
            // Nobody watches tickets here, and spam or deleted tickets don't exist in the simulator.
            case "watching", "spam", "deleted" -> ticket -> false;
            default -> throw new IllegalArgumentException("unknown filter " + filter);
        };
    }

    private static Comparator<Ticket> order(String orderBy, boolean ascending) {
        Comparator<Ticket> byField = switch (orderBy) {
            case "created_at" -> Comparator.comparing(Ticket::createdAt);
            case "updated_at" -> Comparator.comparing(Ticket::updatedAt);
            case "priority" -> Comparator.comparingInt(Ticket::priority);
            case "status" -> Comparator.comparingInt(Ticket::status);
            default -> throw new IllegalArgumentException("unknown order_by " + orderBy);
        };
        // Ties go by id, in the same direction, so that consecutive pages neither overlap nor skip.
        Comparator<Ticket> total = byField.thenComparingLong(Ticket::id);
        return ascending ? total : total.reversed();
    }
}
