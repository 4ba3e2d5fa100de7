package io.tickettriage.sim.rt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of RT's TicketSQL the simulator understands, parsed as RT 5.0.3's {@code RT::SQL::Parse} does (its token
 * regexes and state machine, so its error messages too) and evaluated as the SQL RT builds from it: fields id,
 * Queue, Status, Subject, Priority, Created, LastUpdated and {@code CF.{Name}}.
 *
 * <p>One quirk of the real RT decides the meaning of unparenthesised queries: all conditions at one parenthesis
 * level are joined by the <em>last</em> aggregator at that level. {@code A OR B AND C} means {@code A AND B AND C},
 * and {@code A AND B OR C} means {@code A OR B OR C} (seen in the SQL RT 5.0.3 builds). Clients must parenthesise.
 */
final class TicketSql {

    /** What a condition can ask of a ticket. */
    interface Row {
        int id();

        int queueId();

        String status();

        String subject();

        int priority();

        Instant created();

        Instant lastUpdated();

        /** The custom field's values, or empty when the desk has no such field. */
        Optional<List<String>> customField(String name);
    }

    /** A query RT refuses: answered 400 with this message. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** Resolves a queue name or id as RT's Queue limit does; empty for an unknown queue. */
    interface Queues {
        Optional<Integer> idOf(String nameOrId);
    }

    private static final String PARSE_ORIGIN = " at /usr/share/request-tracker5/lib/RT/Tickets.pm line 3208.\n";
    private static final String COLUMN_ORIGIN = " at /usr/share/request-tracker5/lib/RT/Tickets.pm line 3483.\n";

    private static final int VALUE = 1;
    private static final int AGGREG = 2;
    private static final int OP = 4;
    private static final int OPEN_PAREN = 8;
    private static final int CLOSE_PAREN = 16;
    private static final int KEYWORD = 32;
    private static final String[] TOKEN_NAMES = {"VALUE", "AGGREGATOR", "OPERATOR", "OPEN_PAREN", "CLOSE_PAREN",
        "KEYWORD"};

    private static final String DELIM = "'(?:[^\\\\']|\\\\.)*'|\"(?:[^\\\\\"]|\\\\.)*\"";
    private static final String RE_AGGREG = "(?:AND|OR)";
    private static final String RE_OP = "(?:SHALLOW )?(?:=|!=|>=|<=|>|<|IS NOT|IS|NOT LIKE|LIKE|NOT STARTSWITH"
            + "|STARTSWITH|NOT ENDSWITH|ENDSWITH)";
    private static final String CF_NAME = "CF\\.\\{.+?\\}(?:\\.(?:Content|LargeContent))?";
    private static final String RE_KEYWORD = "(?:" + CF_NAME + "|[{}\\w.]+|" + DELIM + ")";
    private static final String RE_VALUE = "(?:" + CF_NAME + "|[\\w.]+|[+-]?\\d+|NULL|" + DELIM + ")";
    private static final Pattern TOKEN = Pattern.compile("(" + RE_AGGREG + "|" + RE_OP + "|" + RE_KEYWORD + "|"
            + RE_VALUE + "|\\(|\\))", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern IS_AGGREG = whole(RE_AGGREG);
    private static final Pattern IS_OP = whole(RE_OP);
    private static final Pattern IS_KEYWORD = whole(RE_KEYWORD);
    private static final Pattern IS_VALUE = whole(RE_VALUE);
    private static final Pattern IS_DELIM = Pattern.compile("^(?:" + DELIM + ")$", Pattern.DOTALL);
    private static final Pattern CUSTOM_FIELD = Pattern.compile(
            "^CF\\.(?:\\{(.*)\\}|(.*?))(?:\\.(?:Content|LargeContent))?$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TicketSql() {
    }

    private static Pattern whole(String regex) {
        return Pattern.compile("^" + regex + "$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** A parenthesis level: its members (conditions and levels) and the aggregators met at it, in order. */
    private static final class Level {
        final List<Object> members = new ArrayList<>();
        final List<String> aggregators = new ArrayList<>();
    }

    private record Condition(String key, String op, String value, boolean quoted) {
    }

    /**
     * The tickets the query selects. An empty query selects none, as REST2's ticket search answers it.
     *
     * @throws Invalid with RT's message when RT refuses the query
     */
    static Predicate<Row> parse(String query, Queues queues) throws Invalid {
        if (query.isEmpty()) {
            return row -> false;
        }
        Level top = tokens(query);
        return compile(top, queues, query);
    }

    private static Level tokens(String string) throws Invalid {
        Level top = new Level();
        List<Level> open = new ArrayList<>();
        Level node = top;
        int want = KEYWORD | OPEN_PAREN;
        int last = 0;
        int depth = 0;
        String key = "";
        String op = "";
        Matcher matcher = TOKEN.matcher(string);
        while (matcher.find()) {
            String match = matcher.group(1);
            int current = 0;
            if ((want & OP) != 0 && IS_OP.matcher(match).matches()) {
                current = OP;
            }
            if ((want & VALUE) != 0 && IS_VALUE.matcher(match).matches()) {
                current = VALUE;
            }
            if ((want & KEYWORD) != 0 && IS_KEYWORD.matcher(match).matches()) {
                current = KEYWORD;
            }
            if ((want & AGGREG) != 0 && IS_AGGREG.matcher(match).matches()) {
                current = AGGREG;
            }
            if ((want & OPEN_PAREN) != 0 && match.equals("(")) {
                current = OPEN_PAREN;
            }
            if ((want & CLOSE_PAREN) != 0 && match.equals(")")) {
                current = CLOSE_PAREN;
            }
            if (current == 0) {
                String marked = string.substring(0, matcher.start()) + ">" + match + "<--here"
                        + string.substring(matcher.end());
                throw new Invalid("Wrong query, expecting a " + bitmask(want) + " in '" + marked + "'" + PARSE_ORIGIN);
            }
            switch (current) {
                case OPEN_PAREN -> {
                    open.add(node);
                    Level inner = new Level();
                    node.members.add(inner);
                    node = inner;
                    depth++;
                    want = KEYWORD | OPEN_PAREN;
                }
                case CLOSE_PAREN -> {
                    node = open.remove(open.size() - 1);
                    depth--;
                    want = AGGREG | (depth > 0 ? CLOSE_PAREN : 0);
                }
                case AGGREG -> {
                    node.aggregators.add(match.toUpperCase(Locale.ROOT));
                    want = KEYWORD | OPEN_PAREN;
                }
                case KEYWORD -> {
                    key = match;
                    want = OP;
                }
                case OP -> {
                    op = match;
                    want = VALUE;
                }
                default -> {
                    boolean delimited = IS_DELIM.matcher(match).matches();
                    String value = unquote(match);
                    // A quoted "CF.x" is taken as the field, an unquoted word as a column, as RT::SQL does.
                    boolean quoted = delimited ? !CUSTOM_FIELD.matcher(value).matches()
                            : !Character.isLetter(match.charAt(0)) || match.equalsIgnoreCase("NULL");
                    node.members.add(new Condition(unquote(key), op.toUpperCase(Locale.ROOT), value, quoted));
                    key = "";
                    op = "";
                    want = AGGREG | (depth > 0 ? CLOSE_PAREN : 0);
                }
            }
            last = current;
        }
        if (last != 0 && (last & (CLOSE_PAREN | VALUE)) == 0) {
            throw new Invalid("Incomplete query, last element (" + bitmask(last) + ") is not close paren or value in '"
                    + string + "'" + PARSE_ORIGIN);
        }
        if (depth > 0) {
            throw new Invalid("Incomplete query, " + depth + (depth == 1 ? " unclosed paren" : " unclosed parens")
                    + " in '" + string + "'" + PARSE_ORIGIN);
        }
        return top;
    }

    private static String unquote(String token) {
        String text = IS_DELIM.matcher(token).matches() ? token.substring(1, token.length() - 1) : token;
        return text.replaceAll("\\\\(.)", "$1");
    }

    private static String bitmask(int mask) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < TOKEN_NAMES.length; i++) {
            if ((mask & (1 << i)) != 0) {
                names.add(TOKEN_NAMES[i]);
            }
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static Predicate<Row> compile(Level level, Queues queues, String query) throws Invalid {
        List<Predicate<Row>> parts = new ArrayList<>();
        for (Object member : level.members) {
            parts.add(member instanceof Level inner ? compile(inner, queues, query)
                    : condition((Condition) member, queues, query));
        }
        boolean or = !level.aggregators.isEmpty() && level.aggregators.get(level.aggregators.size() - 1).equals("OR");
        return or ? row -> parts.stream().anyMatch(part -> part.test(row))
                : row -> parts.stream().allMatch(part -> part.test(row));
    }

    private static Predicate<Row> condition(Condition condition, Queues queues, String query) throws Invalid {
        String key = condition.key();
        String op = condition.op().replaceFirst("^SHALLOW ", "");
        String value = condition.value();
        Matcher customField = CUSTOM_FIELD.matcher(key);
        if (customField.matches()) {
            String name = customField.group(1) != null ? customField.group(1) : customField.group(2);
            return customField(name, op, value);
        }
        if (!condition.quoted()) {
            throw new Invalid("Wrong query, no such column '" + value + "' in '" + query + "'" + COLUMN_ORIGIN);
        }
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "id" -> number(op, value, Row::id);
            case "priority" -> number(op, value, Row::priority);
            case "queue" -> queue(op, value, queues);
            case "status" -> status(op, value);
            case "subject" -> text(op, value, Row::subject);
            case "created" -> date(op, value, Row::created);
            case "lastupdated" -> date(op, value, Row::lastUpdated);
            default -> throw new Invalid("Unknown field: " + key + PARSE_ORIGIN);
        };
    }

    private static Predicate<Row> number(String op, String value, java.util.function.ToIntFunction<Row> field)
            throws Invalid {
        long wanted;
        try {
            wanted = Long.parseLong(value.strip().replaceFirst("^\\+", ""));
        } catch (NumberFormatException e) {
            // SQLite compares a number with text as smaller than any text: nothing is equal, everything is less.
            return row -> op.equals("!=") || op.equals("<") || op.equals("<=");
        }
        return row -> compare(op, Long.compare(field.applyAsInt(row), wanted));
    }

    private static boolean compare(String op, int order) {
        return switch (op) {
            case "=", "IS" -> order == 0;
            case "!=", "IS NOT" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> false;
        };
    }

    private static Predicate<Row> queue(String op, String value, Queues queues) {
        Optional<Integer> id = queues.idOf(value);
        return row -> id.isPresent() && compare(op, Integer.compare(row.queueId(), id.get()));
    }

    private static Predicate<Row> status(String op, String value) {
        List<String> statuses = switch (value.toLowerCase(Locale.ROOT)) {
            case "__active__" -> RtLifecycle.ACTIVE;
            case "__inactive__" -> RtLifecycle.INACTIVE;
            default -> List.of(value.toLowerCase(Locale.ROOT));
        };
        boolean negated = op.equals("!=") || op.equals("IS NOT") || op.startsWith("NOT");
        return row -> statuses.contains(row.status()) != negated;
    }

    private static Predicate<Row> text(String op, String value, java.util.function.Function<Row, String> field) {
        String wanted = value.toLowerCase(Locale.ROOT);
        return row -> textMatches(op, field.apply(row).toLowerCase(Locale.ROOT), wanted);
    }

    private static boolean textMatches(String op, String actual, String wanted) {
        return switch (op) {
            case "=" -> actual.equals(wanted);
            case "!=" -> !actual.equals(wanted);
            case "LIKE" -> actual.contains(wanted);
            case "NOT LIKE" -> !actual.contains(wanted);
            case "STARTSWITH" -> actual.startsWith(wanted);
            case "NOT STARTSWITH" -> !actual.startsWith(wanted);
            case "ENDSWITH" -> actual.endsWith(wanted);
            case "NOT ENDSWITH" -> !actual.endsWith(wanted);
            default -> compare(op, actual.compareTo(wanted));
        };
    }

    /**
     * Times as RT::Date reads a search value, in UTC (the desk's time zone): "YYYY-MM-DD HH:MM:SS", ISO 8601 with an
     * offset ("2026-12-08T00:00:00Z") or a bare date; a value it cannot read counts as the epoch, so that {@code >=} selects every ticket, as the real RT's did.
     */
    private static Predicate<Row> date(String op, String value, java.util.function.Function<Row, Instant> field) {
        Instant wanted = sqlTime(value);
        return row -> compare(op, field.apply(row).compareTo(wanted));
    }

    static Instant sqlTime(String value) {
        String text = value.strip();
        try {
            return LocalDateTime.parse(text, SQL_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notSqlTime) {
            // the next form
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notIso) {
            // the next form
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDate) {
            return Instant.EPOCH;
        }
    }

    /** A custom field unknown to the desk matches nothing, whatever the operator (IS NULL included). */
    private static Predicate<Row> customField(String name, String op, String value) {
        boolean isNull = value.equalsIgnoreCase("NULL");
        String wanted = value.toLowerCase(Locale.ROOT);
        return row -> row.customField(name).map(values -> {
            if (isNull) {
                return op.equals("IS") == values.isEmpty();
            }
            boolean negated = op.equals("!=") || op.startsWith("NOT ");
            String positive = negated ? (op.equals("!=") ? "=" : op.substring("NOT ".length())) : op;
            boolean any = values.stream().anyMatch(v -> textMatches(positive, v.toLowerCase(Locale.ROOT), wanted));
            return any != negated;
        }).orElse(false);
    }
}
