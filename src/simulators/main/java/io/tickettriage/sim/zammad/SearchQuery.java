package io.tickettriage.sim.zammad;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The subset of Elasticsearch's query-string syntax the simulated ticket search evaluates, as Zammad passes it on
 * ({@code default_operator: AND}): {@code field:value}, {@code field:"a phrase"}, {@code field:(a OR b)}, ranges
 * {@code field:[a TO b]} / {@code {a TO *]} and {@code field:>=value}, {@code AND} / {@code OR} / {@code NOT} (also
 * {@code &&}, {@code ||}, {@code !}, {@code +}, {@code -}), parentheses and backslash escapes.
 *
 * <p>Text fields match the way an analysed field does: lower-cased words, a phrase matching a run of words anywhere
 * in the value (so {@code group.name:"Users"} also finds a group "Users Archive"). Anything else (free text without
 * a field, wildcards, fuzzy and regex terms, boosts, date math such as {@code now-1h}, a mix of AND and OR without
 * parentheses, whose Lucene semantics differ from boolean logic) is refused with a {@link SearchQueryException}
 * rather than guessed at: Elasticsearch itself would answer such queries, so a silent wrong answer here would hide a
 * client's mistake.
 */
final class SearchQuery {

    /** A query the simulator cannot evaluate, with the reason. */
    static final class SearchQueryException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        SearchQueryException(String message) {
            super(message);
        }
    }

    private interface Node {
        boolean matches(SearchDocument document);
    }

    private final Node root;

    private SearchQuery(Node root) {
        this.root = root;
    }

    /** A blank query, or one of only {@code *}, matches every ticket. */
    static SearchQuery parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.chars().allMatch(c -> c == '*')) {
            return new SearchQuery(document -> true);
        }
        Parser parser = new Parser(new Lexer(trimmed).tokens());
        Node root = parser.parseOr(null);
        parser.expectEnd();
        return new SearchQuery(root);
    }

    boolean matches(SearchDocument document) {
        return root.matches(document);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Lexer

    private enum Type { LPAREN, RPAREN, COLON, AND, OR, NOT, PLUS, TERM, PHRASE, RANGE, COMPARE, END }

    /**
     * @param text     a term's or phrase's text with escapes resolved, a comparison operator, or a range's
     *                 {@code lower}/{@code upper} (with {@code lowerInclusive}/{@code upperInclusive})
     * @param position where the token starts, for messages
     */
    private record Token(Type type, String text, int position, String lower, String upper, boolean lowerInclusive,
                         boolean upperInclusive) {

        static Token of(Type type, String text, int position) {
            return new Token(type, text, position, null, null, false, false);
        }
    }

    private static final class Lexer {

        private static final String SPECIAL = "():\"[]{}^~/";

        private final String text;
        private int at;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            Type previous = null;
            while (true) {
                skipWhitespace();
                if (at >= text.length()) {
                    tokens.add(Token.of(Type.END, "", at));
                    return tokens;
                }
                Token token = next(previous);
                tokens.add(token);
                previous = token.type();
            }
        }

        private Token next(Type previous) {
            int start = at;
            char c = text.charAt(at);
            switch (c) {
                case '(' -> {
                    at++;
                    return Token.of(Type.LPAREN, "(", start);
                }
                case ')' -> {
                    at++;
                    return Token.of(Type.RPAREN, ")", start);
                }
                case ':' -> {
                    at++;
                    return Token.of(Type.COLON, ":", start);
                }
                case '"' -> {
                    return Token.of(Type.PHRASE, quoted(), start);
                }
                case '[', '{' -> {
                    return range();
                }
                case '^', '~', '/' -> throw unsupported("boosts (^), fuzzy or proximity terms (~) and regular "
                        + "expressions (/…/) are not supported", start);
                case ']', '}' -> throw syntax("'" + c + "' without an opening bracket", start);
                default -> {
                    // handled below
                }
            }
            if ((c == '>' || c == '<') && previous == Type.COLON) {
                at++;
                if (at < text.length() && text.charAt(at) == '=') {
                    at++;
                }
                return Token.of(Type.COMPARE, text.substring(start, at), start);
            }
            if (text.startsWith("&&", at)) {
                at += 2;
                return Token.of(Type.AND, "&&", start);
            }
            if (text.startsWith("||", at)) {
                at += 2;
                return Token.of(Type.OR, "||", start);
            }
            if (c == '!' || c == '-') {
                at++;
                return Token.of(Type.NOT, String.valueOf(c), start);
            }
            if (c == '+') {
                at++;
                return Token.of(Type.PLUS, "+", start);
            }
            return term(start);
        }

        private Token term(int start) {
            StringBuilder value = new StringBuilder();
            boolean escaped = false;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\\') {
                    if (at + 1 >= text.length()) {
                        throw syntax("a backslash at the end of the query escapes nothing", at);
                    }
                    value.append(text.charAt(at + 1));
                    at += 2;
                    escaped = true;
                    continue;
                }
                if (Character.isWhitespace(c) || SPECIAL.indexOf(c) >= 0) {
                    break;
                }
                if (c == '*' || c == '?') {
                    throw unsupported("wildcards (* and ?) are not supported", at);
                }
                value.append(c);
                at++;
            }
            String word = value.toString();
            if (!escaped) {
                switch (word) {
                    case "AND" -> {
                        return Token.of(Type.AND, word, start);
                    }
                    case "OR" -> {
                        return Token.of(Type.OR, word, start);
                    }
                    case "NOT" -> {
                        return Token.of(Type.NOT, word, start);
                    }
                    default -> {
                        // a plain term
                    }
                }
            }
            return Token.of(Type.TERM, word, start);
        }

        private String quoted() {
            int start = at;
            at++; // opening quote
            StringBuilder value = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\\' && at + 1 < text.length()) {
                    value.append(text.charAt(at + 1));
                    at += 2;
                } else if (c == '"') {
                    at++;
                    return value.toString();
                } else {
                    value.append(c);
                    at++;
                }
            }
            throw syntax("a quote is not closed", start);
        }

        private Token range() {
            int start = at;
            boolean lowerInclusive = text.charAt(at) == '[';
            at++;
            String lower = bound(start);
            skipWhitespace();
            if (!text.startsWith("TO", at)) {
                throw syntax("a range needs 'TO' between its bounds", start);
            }
            at += 2;
            String upper = bound(start);
            skipWhitespace();
            if (at >= text.length() || (text.charAt(at) != ']' && text.charAt(at) != '}')) {
                throw syntax("a range is not closed with ']' or '}'", start);
            }
            boolean upperInclusive = text.charAt(at) == ']';
            at++;
            return new Token(Type.RANGE, text.substring(start, at), start, lower, upper, lowerInclusive,
                    upperInclusive);
        }

        private String bound(int rangeStart) {
            skipWhitespace();
            if (at < text.length() && text.charAt(at) == '"') {
                return quoted();
            }
            StringBuilder value = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (Character.isWhitespace(c) || c == ']' || c == '}') {
                    break;
                }
                if (c == '\\' && at + 1 < text.length()) {
                    value.append(text.charAt(at + 1));
                    at += 2;
                    continue;
                }
                value.append(c);
                at++;
            }
            if (value.isEmpty()) {
                throw syntax("a range bound is missing", rangeStart);
            }
            return value.toString();
        }

        private void skipWhitespace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Parser

    private static final class Parser {

        private final List<Token> tokens;
        private int at;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        void expectEnd() {
            if (peek().type() != Type.END) {
                throw syntax("unexpected '" + peek().text() + "'", peek().position());
            }
        }

        /** @param field the field a parenthesised value list applies to, or null at the top level */
        Node parseOr(SearchField field) {
            List<List<Node>> alternatives = new ArrayList<>();
            alternatives.add(parseAnd(field));
            while (peek().type() == Type.OR) {
                Token or = take();
                alternatives.add(parseAnd(field));
                if (alternatives.stream().anyMatch(group -> group.size() > 1)) {
                    throw unsupported("AND and OR are mixed without parentheses; Lucene does not read that as "
                            + "boolean logic, so put parentheses around each AND group", or.position());
                }
            }
            if (alternatives.size() == 1) {
                List<Node> all = alternatives.get(0);
                return all.size() == 1 ? all.get(0) : document -> all.stream().allMatch(n -> n.matches(document));
            }
            List<Node> any = alternatives.stream().map(group -> group.get(0)).toList();
            return document -> any.stream().anyMatch(n -> n.matches(document));
        }

        /** Clauses joined by AND or by nothing (Zammad's default operator is AND). */
        private List<Node> parseAnd(SearchField field) {
            List<Node> clauses = new ArrayList<>();
            clauses.add(parseUnary(field));
            while (true) {
                Type next = peek().type();
                if (next == Type.AND) {
                    take();
                    clauses.add(parseUnary(field));
                } else if (next != Type.OR && next != Type.RPAREN && next != Type.END) {
                    clauses.add(parseUnary(field));
                } else {
                    return clauses;
                }
            }
        }

        private Node parseUnary(SearchField field) {
            Token token = peek();
            if (token.type() == Type.NOT) {
                take();
                Node negated = parseUnary(field);
                return document -> !negated.matches(document);
            }
            if (token.type() == Type.PLUS) {
                take();
                return parseUnary(field);
            }
            return parsePrimary(field);
        }

        private Node parsePrimary(SearchField field) {
            Token token = take();
            switch (token.type()) {
                case LPAREN -> {
                    Node inner = parseOr(field);
                    expect(Type.RPAREN, "a '(' is not closed");
                    return inner;
                }
                case TERM -> {
                    if (peek().type() == Type.COLON) {
                        if (field != null) {
                            throw unsupported("a field inside another field's value list", token.position());
                        }
                        take();
                        return fieldValue(resolve(token));
                    }
                    if (field == null) {
                        throw unsupported("free text without a field ('" + token.text() + "') is not supported; "
                                + "name a field, e.g. title:" + token.text(), token.position());
                    }
                    return match(field, token);
                }
                case PHRASE -> {
                    if (field == null) {
                        throw unsupported("a phrase without a field is not supported", token.position());
                    }
                    return match(field, token);
                }
                case RANGE, COMPARE -> {
                    if (field == null) {
                        throw unsupported("a range without a field is not supported", token.position());
                    }
                    at--;
                    return fieldValue(field);
                }
                default -> throw syntax("unexpected '" + token.text() + "'", token.position());
            }
        }

        /** What follows {@code field:}. */
        private Node fieldValue(SearchField field) {
            Token token = take();
            return switch (token.type()) {
                case LPAREN -> {
                    Node inner = parseOr(field);
                    expect(Type.RPAREN, "a '(' is not closed");
                    yield inner;
                }
                case TERM, PHRASE -> {
                    if (peek().type() == Type.COLON) {
                        throw syntax("unexpected ':' after '" + token.text() + "' (escape colons in values as \\:"
                                + " or quote the value)", peek().position());
                    }
                    yield match(field, token);
                }
                case RANGE -> range(field, token.lower(), token.lowerInclusive(), token.upper(),
                        token.upperInclusive(), token.position());
                case COMPARE -> {
                    Token value = take();
                    if (value.type() != Type.TERM && value.type() != Type.PHRASE) {
                        throw syntax("'" + token.text() + "' needs a value", token.position());
                    }
                    if (peek().type() == Type.COLON) {
                        throw syntax("unexpected ':' after '" + value.text() + "' (escape colons in values as \\:"
                                + " or quote the value)", peek().position());
                    }
                    yield switch (token.text()) {
                        case ">" -> range(field, value.text(), false, "*", true, token.position());
                        case ">=" -> range(field, value.text(), true, "*", true, token.position());
                        case "<" -> range(field, "*", true, value.text(), false, token.position());
                        default -> range(field, "*", true, value.text(), true, token.position());
                    };
                }
                default -> throw syntax("'" + field.fieldName() + ":' needs a value", token.position());
            };
        }

        private SearchField resolve(Token name) {
            return SearchField.named(name.text()).orElseThrow(() -> unsupported("the field '" + name.text()
                    + "' is not in the simulated index" + (List.of("group", "state", "priority").contains(
                    name.text()) ? " (since Zammad 4.0 it is " + name.text() + ".name)" : "") + "; it knows "
                    + Arrays.stream(SearchField.values()).map(SearchField::fieldName).toList(),
                    name.position()));
        }

        private Token peek() {
            return tokens.get(at);
        }

        private Token take() {
            Token token = tokens.get(at);
            if (token.type() != Type.END) {
                at++;
            }
            return token;
        }

        private void expect(Type type, String message) {
            if (peek().type() != type) {
                throw syntax(message, peek().position());
            }
            take();
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Matching

    private static Node match(SearchField field, Token value) {
        return switch (field.kind()) {
            case TEXT -> {
                List<String> words = words(value.text());
                yield document -> document.values(field).stream()
                        .anyMatch(text -> Collections.indexOfSubList(words((String) text), words) >= 0
                                && !words.isEmpty());
            }
            case KEYWORD -> document -> document.values(field).contains(value.text());
            case NUMBER -> {
                long number = number(field, value.text(), value.position());
                yield document -> document.values(field).contains(number);
            }
            case DATE -> throw unsupported("a date field needs a range, e.g. " + field.fieldName()
                    + ":[2024-05-01T00:00:00Z TO *]", value.position());
        };
    }

    private static Node range(SearchField field, String lower, boolean lowerInclusive, String upper,
                              boolean upperInclusive, int position) {
        return switch (field.kind()) {
            case NUMBER -> {
                Long low = lower.equals("*") ? null : number(field, lower, position);
                Long high = upper.equals("*") ? null : number(field, upper, position);
                yield document -> document.values(field).stream().map(Long.class::cast).anyMatch(value ->
                        (low == null || (lowerInclusive ? value >= low : value > low))
                                && (high == null || (upperInclusive ? value <= high : value < high)));
            }
            case DATE -> {
                // Elasticsearch rounds a date-only bound to the whole day: gte from its start, gt after its end,
                // lte up to its end, lt before its start.
                Instant from = lower.equals("*") ? null : lowerInclusive
                        ? date(lower, position, false) : date(lower, position, true);
                Instant to = upper.equals("*") ? null : upperInclusive
                        ? date(upper, position, true) : date(upper, position, false);
                yield document -> document.values(field).stream().map(Instant.class::cast).anyMatch(value ->
                        (from == null || (lowerInclusive ? !value.isBefore(from) : value.isAfter(from)))
                                && (to == null || (upperInclusive ? !value.isAfter(to) : value.isBefore(to))));
            }
            case TEXT, KEYWORD -> throw unsupported("ranges on the text field '" + field.fieldName()
                    + "' are not supported", position);
        };
    }

    private static long number(SearchField field, String text, int position) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw unsupported("'" + text + "' is not a number, which " + field.fieldName() + " needs", position);
        }
    }

    /**
     * An instant in the forms Elasticsearch's default date format takes; a value without a zone is read in UTC, the
     * simulated desk's time zone.
     *
     * @param endOfUnit for a date-only value, its last millisecond instead of its first
     */
    private static Instant date(String text, int position, boolean endOfUnit) {
        if (text.startsWith("now") || text.contains("||")) {
            throw unsupported("date math ('" + text + "') is not supported; give an ISO-8601 time", position);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithZone) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            LocalDate day = LocalDate.parse(text);
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            return endOfUnit ? start.plusMillis(86_399_999) : start;
        } catch (DateTimeParseException notADate) {
            throw unsupported("'" + text + "' is not a date Elasticsearch reads (ISO-8601, e.g. "
                    + "2024-05-01T10:00:00.000Z)", position);
        }
    }

    /** Roughly Elasticsearch's standard analyser: lower-cased runs of letters and digits. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        for (int i = 0; i < normalized.length(); ) {
            int codePoint = normalized.codePointAt(i);
            if (Character.isLetterOrDigit(codePoint)) {
                word.appendCodePoint(codePoint);
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
            i += Character.charCount(codePoint);
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    private static SearchQueryException unsupported(String message, int position) {
        return new SearchQueryException(message + " (at character " + (position + 1) + ")");
    }

    private static SearchQueryException syntax(String message, int position) {
        return new SearchQueryException("cannot parse the query: " + message + " (at character " + (position + 1)
                + ")");
    }
}
