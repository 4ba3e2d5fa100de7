package io.tickettriage.sim.freshdesk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Freshdesk's timestamp format out, and the ISO-8601 forms it accepts in. */
final class Timestamps {

    /** [GUESS] Wording from the server source's invalid_date template; the notes only say 400. */
    static final String INVALID_MESSAGE = "It should be a valid date in the 'combined date and time ISO8601' format";

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    // Freshdesk also takes a bare date or a time without zone and reads them in the account's time zone; the
    // simulated account's time zone is UTC.
    private static final List<Function<String, Instant>> PARSERS = List.of(
            text -> OffsetDateTime.parse(text).toInstant(),
            text -> LocalDateTime.parse(text).toInstant(ZoneOffset.UTC),
            text -> LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());

    private Timestamps() {
    }

    /** "2016-05-18T23:42:50Z": UTC, whole seconds. */
    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    static Optional<Instant> parse(String text) {
        for (Function<String, Instant> parser : PARSERS) {
            try {
                return Optional.of(parser.apply(text));
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
