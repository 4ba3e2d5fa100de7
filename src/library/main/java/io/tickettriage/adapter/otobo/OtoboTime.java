package io.tickettriage.adapter.otobo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * OTOBO's timestamps, "2024-08-08 14:52:23": local time of the system's time zone (OTOBOTimeZone), no offset. Search
 * dates are read in the same zone. Since ticket-triage only feeds OTOBO's own change times back to it, a wrong zone
 * cannot skip tickets; it only shifts the first poll's look-back and the times in the log.
 */
public record OtoboTime(ZoneId zone) {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    /** @throws IllegalArgumentException when the text is not an OTOBO timestamp */
    public Instant parse(String text) {
        try {
            return LocalDateTime.parse(text.strip(), FORMAT).atZone(zone).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("'" + text + "' is not an OTOBO timestamp (YYYY-MM-DD HH:MM:SS)");
        }
    }
}
