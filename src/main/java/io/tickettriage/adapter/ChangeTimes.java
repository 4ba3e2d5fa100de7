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
