package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TicketSearch (Operation/Ticket/TicketSearch.pm over Kernel/System/Ticket/TicketSearch.pm): ticket ids as JSON
 * strings, {@code {}} when nothing matches, {@code Limit} or else SearchLimit (500), SortBy Age and OrderBy Down by
 * default, no paging.
 *
 * <p>Like the real search it returns nothing, silently, when a filter cannot be applied: an unknown queue, state or
 * priority name, a date that does not look like "YYYY-MM-DD HH:MM:SS", a NewerDate in the future, an invalid SortBy.
 * {@code TicketLastChangeTime*} filters compare the ticket's change_time; {@code TicketChangeTime*} filters match
 * ticket history rows, so a ticket that only got a note matches the second but not the first. Dynamic field filters
 * ({@code DynamicField_<Name>}) must be objects such as {@code {"Empty":1}}, which only a JSON body can carry: a
 * query-string value is a plain string and is ignored, as OTOBO ignores it.
 */
final class TicketSearchOperation {

    private static final Pattern DATE = Pattern.compile(
            "(\\d\\d\\d\\d)-(\\d\\d|\\d)-(\\d\\d|\\d) (\\d\\d|\\d):(\\d\\d|\\d):(\\d\\d|\\d)");
    private static final Pattern DYNAMIC_FIELD_PARAMETER = Pattern.compile("DynamicField_([a-zA-Z\\d\\-]+)");

    /** Thrown where Kernel::System::Ticket::TicketSearch does a bare {@code return}: the answer is {@code {}}. */
    private static final class NoResult extends Exception {
        NoResult() {
            super(null, null, false, false);
        }
    }

    private final Desk desk;
    private final Authenticator authenticator;
    private final int searchLimit;

    TicketSearchOperation(Desk desk, Authenticator authenticator, int searchLimit) {
        this.desk = desk;
        this.authenticator = authenticator;
        this.searchLimit = searchLimit;
    }

    JsonNode run(JsonNode data) throws OperationError {
        if (authenticator.authenticate(data, desk).isEmpty()) {
            throw new OperationError("TicketSearch.AuthFail", "TicketSearch: Authorization failing!");
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try {
            List<DeskTicket> found = search(data);
            if (!found.isEmpty()) {
                ArrayNode ids = result.putArray("TicketID");
                found.forEach(ticket -> ids.add(String.valueOf(ticket.id)));
            }
        } catch (NoResult nothing) {
            // the search "returned" and the operation answers {}
        }
        return result;
    }

    private List<DeskTicket> search(JsonNode data) throws NoResult {
        Catalog catalog = desk.catalog();
        List<Predicate<DeskTicket>> filters = new ArrayList<>();
        addIdFilter(filters, data, "TicketID", t -> String.valueOf(t.id));
        addLikeFilter(filters, data, "TicketNumber", t -> t.number);
        addLikeFilter(filters, data, "Title", t -> t.title);
        addIdFilter(filters, data, "CustomerUserLogin", t -> t.customerUserId);

        List<String> queueIds = new ArrayList<>(PerlValues.list(data.path("QueueIDs")));
        for (String name : PerlValues.list(data.path("Queues"))) {
            queueIds.add(String.valueOf(catalog.queue(name).orElseThrow(NoResult::new).id()));
        }
        if (PerlValues.isTrue(data.path("UseSubQueues"))) {
            for (String id : List.copyOf(queueIds)) {
                catalog.queueById(id).ifPresent(parent -> catalog.queues().stream()
                        .filter(q -> q.name().toLowerCase(Locale.ROOT)
                                .startsWith(parent.name().toLowerCase(Locale.ROOT) + "::"))
                        .forEach(q -> queueIds.add(String.valueOf(q.id()))));
            }
        }
        if (!queueIds.isEmpty()) {
            filters.add(t -> queueIds.contains(String.valueOf(t.queueId)));
        }

        List<String> stateIds = new ArrayList<>(PerlValues.list(data.path("StateIDs")));
        for (String name : PerlValues.list(data.path("States"))) {
            stateIds.add(String.valueOf(catalog.state(name).orElseThrow(NoResult::new).id()));
        }
        if (!stateIds.isEmpty()) {
            filters.add(t -> stateIds.contains(String.valueOf(t.stateId)));
        }
        for (String stateType : PerlValues.list(data.path("StateType"))) {
            filters.add(stateTypeFilter(stateType));
        }

        List<String> priorityIds = new ArrayList<>(PerlValues.list(data.path("PriorityIDs")));
        for (String name : PerlValues.list(data.path("Priorities"))) {
            priorityIds.add(String.valueOf(catalog.priority(name).orElseThrow(NoResult::new).id()));
        }
        if (!priorityIds.isEmpty()) {
            filters.add(t -> priorityIds.contains(String.valueOf(t.priorityId)));
        }
        List<String> lockIds = new ArrayList<>(PerlValues.list(data.path("LockIDs")));
        for (String name : PerlValues.list(data.path("Locks"))) {
            lockIds.add(String.valueOf(catalog.lock(name).orElseThrow(NoResult::new).id()));
        }
        if (!lockIds.isEmpty()) {
            filters.add(t -> lockIds.contains(String.valueOf(t.lockId)));
        }
        List<String> typeIds = new ArrayList<>(PerlValues.list(data.path("TypeIDs")));
        for (String name : PerlValues.list(data.path("Types"))) {
            typeIds.add(String.valueOf(catalog.type(name).orElseThrow(NoResult::new).id()));
        }
        if (!typeIds.isEmpty()) {
            filters.add(t -> typeIds.contains(String.valueOf(t.typeId)));
        }

        addTimeFilters(filters, data, "TicketCreateTime", t -> List.of(t.created));
        addTimeFilters(filters, data, "TicketLastChangeTime", t -> List.of(t.changed));
        addTimeFilters(filters, data, "TicketChangeTime",
                t -> t.history.stream().map(DeskTicket.HistoryEntry::created).toList());
        addDynamicFieldFilters(filters, data);

        Comparator<DeskTicket> order = order(data);
        return desk.tickets().stream()
                .filter(t -> filters.stream().allMatch(f -> f.test(t)))
                .sorted(order)
                .limit(limit(data))
                .toList();
    }

    private int limit(JsonNode data) {
        if (!PerlValues.isTrue(data.path("Limit"))) {
            return searchLimit;
        }
        try {
            return Integer.parseInt(PerlValues.scalar(data.path("Limit")).strip());
        } catch (NumberFormatException e) {
            return searchLimit;
        }
    }

    private Predicate<DeskTicket> stateTypeFilter(String stateType) throws NoResult {
        Catalog catalog = desk.catalog();
        return switch (stateType) {
            case "Open" -> t -> catalog.state(t.stateId).viewable();
            case "Closed" -> t -> !catalog.state(t.stateId).viewable();
            default -> {
                if (catalog.states().stream().noneMatch(s -> s.type().equals(stateType))) {
                    throw new NoResult();
                }
                yield t -> catalog.state(t.stateId).type().equals(stateType);
            }
        };
    }

    private static void addIdFilter(List<Predicate<DeskTicket>> filters, JsonNode data, String parameter,
                                    Function<DeskTicket, String> value) {
        List<String> wanted = PerlValues.list(data.path(parameter));
        if (!wanted.isEmpty()) {
            filters.add(t -> wanted.contains(value.apply(t)));
        }
    }

    /** SQL LIKE with OTOBO's * wildcard, case-insensitive as OTOBO compares these columns. */
    private static void addLikeFilter(List<Predicate<DeskTicket>> filters, JsonNode data, String parameter,
                                      Function<DeskTicket, String> value) {
        List<String> patterns = PerlValues.list(data.path(parameter));
        if (!patterns.isEmpty()) {
            List<Pattern> compiled = patterns.stream().map(TicketSearchOperation::like).toList();
            filters.add(t -> compiled.stream().anyMatch(p -> p.matcher(value.apply(t)).matches()));
        }
    }

    private static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.replace('*', '%').toCharArray()) {
            regex.append(c == '%' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /**
     * {@code <prefix>NewerDate} / {@code OlderDate} (inclusive) and {@code NewerMinutes} / {@code OlderMinutes}
     * against the times {@code times} gives for a ticket: one value for a ticket column, every history row for
     * TicketChangeTime. A history row must satisfy both bounds itself, as the SQL joins one row.
     */
    private void addTimeFilters(List<Predicate<DeskTicket>> filters, JsonNode data, String prefix,
                                Function<DeskTicket, List<Instant>> times) throws NoResult {
        Instant now = desk.now();
        Instant newer = null;
        Instant older = null;
        if (data.has(prefix + "OlderMinutes")) {
            older = now.minus(Duration.ofMinutes(minutes(data.path(prefix + "OlderMinutes"))));
        }
        if (data.has(prefix + "NewerMinutes")) {
            newer = now.minus(Duration.ofMinutes(minutes(data.path(prefix + "NewerMinutes"))));
        }
        if (PerlValues.isStringWithData(data.path(prefix + "OlderDate"))) {
            older = date(PerlValues.trimmed(data.path(prefix + "OlderDate")));
        }
        if (PerlValues.isStringWithData(data.path(prefix + "NewerDate"))) {
            newer = date(PerlValues.trimmed(data.path(prefix + "NewerDate")));
            // "don't execute queries if newer date is after current date"
            if (newer.isAfter(now) || (older != null && newer.isAfter(older))) {
                throw new NoResult();
            }
        }
        Instant from = newer;
        Instant to = older;
        if (from != null || to != null) {
            filters.add(t -> times.apply(t).stream()
                    .anyMatch(time -> (from == null || !time.isBefore(from)) && (to == null || !time.isAfter(to))));
        }
    }

    private static long minutes(JsonNode value) {
        try {
            return PerlValues.isTrue(value) ? Long.parseLong(PerlValues.scalar(value).strip()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Instant date(String text) throws NoResult {
        Matcher matcher = DATE.matcher(text);
        if (!matcher.find()) {
            throw new NoResult();
        }
        try {
            return LocalDateTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                            Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)),
                            Integer.parseInt(matcher.group(5)), Integer.parseInt(matcher.group(6)))
                    .atZone(desk.zone()).toInstant();
        } catch (DateTimeException e) {
            throw new NoResult();
        }
    }

    /**
     * {@code DynamicField_<Name>: {Operator: value(s)}} or {@code DynamicField: {Name, Operator…}} / a list of those.
     * Supported operators: Empty (1 = no value, 0 = some value), Equals, Like; several values of one operator are
     * alternatives. Unknown fields and non-object filters are ignored.
     */
    private void addDynamicFieldFilters(List<Predicate<DeskTicket>> filters, JsonNode data) {
        Map<String, JsonNode> requested = new LinkedHashMap<>();
        JsonNode byList = data.path("DynamicField");
        if (PerlValues.isTrue(byList)) {
            if (PerlValues.isHashWithData(byList)) {
                requested.put(PerlValues.scalar(byList.path("Name")), byList);
            } else if (PerlValues.isArrayWithData(byList)) {
                byList.forEach(item -> requested.put(PerlValues.scalar(item.path("Name")), item));
            }
        } else {
            data.fieldNames().forEachRemaining(name -> {
                Matcher matcher = DYNAMIC_FIELD_PARAMETER.matcher(name);
                if (matcher.matches()) {
                    requested.put(matcher.group(1), data.get(name));
                }
            });
        }
        for (Catalog.DynamicField field : desk.catalog().dynamicFields()) {
            JsonNode operators = requested.get(field.name());
            if (!PerlValues.isHashWithData(operators)) {
                continue;
            }
            operators.fields().forEachRemaining(entry -> {
                List<String> terms = new ArrayList<>();
                if (entry.getValue().isArray()) {
                    entry.getValue().forEach(term -> terms.add(PerlValues.scalar(term)));
                } else {
                    terms.add(PerlValues.scalar(entry.getValue()));
                }
                terms.removeIf(String::isEmpty);
                if (terms.isEmpty()) {
                    return;
                }
                Function<DeskTicket, List<String>> values = t -> t.dynamicFields.getOrDefault(field.name(), List.of());
                switch (entry.getKey()) {
                    case "Empty" -> filters.add(t -> terms.stream().anyMatch(term -> !term.equals("0")
                            ? values.apply(t).isEmpty() : !values.apply(t).isEmpty()));
                    case "Equals" -> filters.add(t -> values.apply(t).stream().anyMatch(terms::contains));
                    case "Like" -> {
                        List<Pattern> patterns = terms.stream().map(TicketSearchOperation::like).toList();
                        filters.add(t -> values.apply(t).stream()
                                .anyMatch(v -> patterns.stream().anyMatch(p -> p.matcher(v).matches())));
                    }
                    default -> {
                        // GreaterThan and the like compare dates and numbers; no field of the demo desk needs them
                    }
                }
            });
        }
    }

    /** SortBy / OrderBy, scalars or parallel arrays; ties fall back to the ticket id, as the database returns them. */
    private Comparator<DeskTicket> order(JsonNode data) throws NoResult {
        List<String> sortBy = PerlValues.list(data.path("SortBy"));
        if (sortBy.isEmpty()) {
            sortBy = List.of("Age");
        }
        List<String> orderBy = PerlValues.list(data.path("OrderBy"));
        Comparator<DeskTicket> order = null;
        for (int i = 0; i < sortBy.size(); i++) {
            Comparator<DeskTicket> key = sortKey(sortBy.get(i));
            String direction = orderBy.isEmpty() ? "Down" : orderBy.get(Math.min(i, orderBy.size() - 1));
            if (!direction.equals("Up") && !direction.equals("Down")) {
                throw new NoResult();
            }
            key = direction.equals("Up") ? key : key.reversed();
            order = order == null ? key : order.thenComparing(key);
        }
        return order.thenComparingLong(t -> t.id);
    }

    private Comparator<DeskTicket> sortKey(String sortBy) throws NoResult {
        Catalog catalog = desk.catalog();
        return switch (sortBy) {
            case "Age", "Created" -> Comparator.comparing(t -> t.created);
            case "Changed" -> Comparator.comparing(t -> t.changed);
            case "Ticket", "TicketNumber" -> Comparator.comparing(t -> t.number);
            case "Title" -> Comparator.comparing(t -> t.title);
            case "Queue" -> Comparator.comparing(t -> catalog.queueName(t.queueId));
            case "Priority" -> Comparator.comparingInt(t -> t.priorityId);
            case "State" -> Comparator.comparingInt(t -> t.stateId);
            case "Lock" -> Comparator.comparingInt(t -> t.lockId);
            case "Type" -> Comparator.comparingInt(t -> t.typeId);
            case "Owner", "Responsible", "CustomerID", "Service", "SLA", "PendingTime", "EscalationTime",
                 "TicketEscalation", "EscalationUpdateTime", "EscalationResponseTime", "EscalationSolutionTime" ->
                    Comparator.comparingLong(t -> 0L);
            default -> throw new NoResult();
        };
    }
}
