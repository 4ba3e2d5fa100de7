package io.tickettriage.adapter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Keeps our calls within a share of a help desk's per-minute budget, from the budget its answers report
 * ({@code X-RateLimit-Total}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Used-CurrentRequest}, as Freshdesk
 * sends them). Calls are spaced so that a minute holds at most {@code share} of the budget, never in a burst: the
 * rest is left to agents and other integrations of the account, which spend the same budget. When the account
 * runs low regardless (others spend more than their part), the pace halves until it recovers. Before the first
 * answer nothing is known and nothing waits. Thread-safe.
 */
public final class RateLimitPacer implements HelpDeskHttp.Pacer {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** Spacing a little wider than the exact share keeps clock drift against the help desk's window from a 429. */
    private static final double MARGIN = 0.98;

    private final double share;
    private final Clock clock;
    private Instant nextCall = Instant.MIN;
    private long total;
    private long remaining = -1;

    /** @param share of the account's per-minute budget this client may spend, above 0 and at most 1 */
    public RateLimitPacer(double share, Clock clock) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the rate-limit share must be above 0 and at most 1, was " + share);
        }
        this.share = share;
        this.clock = clock;
    }

    @Override
    public synchronized Duration before() {
        Instant now = clock.instant();
        Duration wait = nextCall.isAfter(now) ? Duration.between(now, nextCall) : Duration.ZERO;
        // Reserve the slot now, so that concurrent callers queue behind each other.
        nextCall = (nextCall.isAfter(now) ? nextCall : now).plus(spacing(1));
        return wait;
    }

    @Override
    public synchronized void after(HelpDeskHttp.Answer answer) {
        OptionalLong reportedTotal = number(answer, "X-RateLimit-Total");
        if (reportedTotal.isEmpty() || reportedTotal.getAsLong() <= 0) {
            return;
        }
        total = reportedTotal.getAsLong();
        remaining = number(answer, "X-RateLimit-Remaining").orElse(-1);
        long used = Math.max(1, number(answer, "X-RateLimit-Used-CurrentRequest").orElse(1));
        // The slot reserved in before() counted one credit; a call that cost more pushes the next one further.
        if (used > 1) {
            nextCall = nextCall.plus(spacing(used - 1));
        }
    }

    /** The budget per minute this client keeps to, or empty before any answer reported one. */
    public synchronized OptionalLong allowedPerMinute() {
        return total == 0 ? OptionalLong.empty() : OptionalLong.of((long) Math.floor(total * share));
    }

    private Duration spacing(long credits) {
        if (total == 0) {
            return Duration.ZERO;
        }
        double perMinute = total * share * MARGIN;
        boolean low = remaining >= 0 && remaining < total * (1 - share) / 2 + credits;
        double nanos = WINDOW.toNanos() * credits / perMinute * (low ? 2 : 1);
        return Duration.ofNanos((long) nanos);
    }

    private static OptionalLong number(HelpDeskHttp.Answer answer, String header) {
        try {
            return answer.header(header).map(value -> OptionalLong.of(Long.parseLong(value.trim())))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
