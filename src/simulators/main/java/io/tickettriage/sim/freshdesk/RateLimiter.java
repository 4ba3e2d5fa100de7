package io.tickettriage.sim.freshdesk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Account-wide API credits per fixed window, after Freshdesk's throttler: the window opens with the first request
 * and lasts 60 seconds; a request is admitted while credits remain and pays its base credit up front, side-load
 * credits once it has been handled (so the last admitted request may overdraw, and Remaining then reads 0).
 */
final class RateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** Values for the X-RateLimit-* headers of one response. */
    record Usage(long total, long remaining, int usedByRequest) {
    }

    /** Whether a request may proceed; if not, how long until the window resets (Retry-After, at least 1 s). */
    record Admission(boolean admitted, long retryAfterSeconds) {
    }

    private final long limit;
    private final Clock clock;
    private Instant windowStart;
    private long used;

    /**
     * @param perMinute credits per window; 0 or less means unlimited, modelled as a limit no client reaches, so
     *                  that the X-RateLimit-* headers keep their usual meaning
     */
    RateLimiter(int perMinute, Clock clock) {
        this.limit = perMinute > 0 ? perMinute : Integer.MAX_VALUE;
        this.clock = clock;
    }

    /** Takes the base credit of a request if the window has any left. */
    synchronized Admission admit() {
        Instant now = clock.instant();
        startWindowIfElapsed(now);
        if (used >= limit) {
            Duration untilReset = Duration.between(now, windowStart.plus(WINDOW));
            long seconds = (untilReset.toMillis() + 999) / 1000;
            return new Admission(false, Math.max(1, seconds));
        }
        used++;
        return new Admission(true, 0);
    }

    /** Charges an admitted request's side-load credits and reports the usage for its response. */
    synchronized Usage settle(int extraCredits) {
        used += extraCredits;
        return usage(1 + extraCredits);
    }

    /**
     * Charges one credit without an admission check, for requests answered before the throttle decision (unknown
     * routes, bad credentials). The notes: "Invalid requests also count toward the limit; limit is account-wide,
     * not per key" - so a request with a wrong key still costs the account.
     */
    synchronized Usage chargeUnchecked() {
        startWindowIfElapsed(clock.instant());
        used++;
        return usage(1);
    }

    private Usage usage(int usedByRequest) {
        return new Usage(limit, Math.max(0, limit - used), usedByRequest);
    }

    private void startWindowIfElapsed(Instant now) {
        if (windowStart == null || !now.isBefore(windowStart.plus(WINDOW))) {
            windowStart = now;
            used = 0;
        }
    }
}
