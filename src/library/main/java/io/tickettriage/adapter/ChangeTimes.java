package io.tickettriage.adapter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a change time a help desk reports can be believed. A ticket "changed" in 2099 is a broken record, not a
 * future: were it believed, it would move the watermark past every real ticket. Such a record is kept as a dead
 * letter instead; times within a day ahead pass, so a help desk whose clock runs ahead still works.
 */
public final class ChangeTimes {

    /** How far ahead of our clock a help desk's change time may be. */
    public static final Duration LARGEST_SKEW = Duration.ofDays(1);
    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    private ChangeTimes() {
    }

    /**
     * Where a fetch starts, from what a route hands the fetch Kamelet: an {@link Instant}, an ISO-8601 instant as text
     * ({@code 2026-12-01T10:00:00Z}), or nothing, which looks back {@code lookBack} from now.
     *
     * @param lookBack an ISO-8601 duration, e.g. {@code P30D}
     * @throws IllegalArgumentException for any other body, or a look-back that is not a duration
     */
    public static Instant since(Object body, String lookBack, Clock clock) {
        if (body instanceof Instant instant) {
            return instant;
        }
        String text = body == null ? "" : body.toString().strip();
        if (body != null && !(body instanceof CharSequence) && !(body instanceof byte[])) {
            throw new IllegalArgumentException("a fetch takes a java.time.Instant, an ISO-8601 instant as text or an "
                    + "empty body, not a " + body.getClass().getName());
        }
        if (body instanceof byte[] bytes) {
            text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
        }
        if (text.isEmpty()) {
            try {
                return clock.instant().minus(Duration.parse(lookBack == null ? "" : lookBack.strip()));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("the Kamelet property lookBack must be an ISO-8601 duration such as "
                        + "P30D, was '" + lookBack + "'");
            }
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("a fetch takes an ISO-8601 instant such as 2026-12-01T10:00:00Z, was '"
                    + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'");
        }
    }

    /**
     * @return {@code changed} when it is plausible
     * @throws IllegalArgumentException naming {@code what} (e.g. "Freshdesk ticket 12's updated_at") when it is not
     */
    public static Instant plausible(Instant changed, Clock clock, String what) {
        Instant latest = clock.instant().plus(LARGEST_SKEW);
        if (changed.isAfter(latest)) {
            throw new IllegalArgumentException(what + " is " + changed + ", more than a day ahead of now: a broken "
                    + "record, which would otherwise move the watermark past every real ticket");
        }
        if (changed.isBefore(EARLIEST)) {
            throw new IllegalArgumentException(what + " is " + changed + ", before any help desk existed");
        }
        return changed;
    }
}
