package io.tickettriage.sim.freshdesk;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link FreshdeskSimulator} behaves.
 *
 * @param port               TCP port on 127.0.0.1; 0 picks any free port
 * @param apiKey             the Basic-auth user name that is accepted (Freshdesk ignores the password of an API key)
 * @param rateLimitPerMinute account-wide credits per 60-second window; 0 or less means unlimited
 * @param maxPage            last page {@code GET /api/v2/tickets} serves; Freshdesk's is 300, tests may lower it
 * @param groups             the account's groups
 * @param clock              drives created_at/updated_at, the rate-limit window and the 30-day default list window
 */
public record SimulatorSettings(int port, String apiKey, int rateLimitPerMinute, int maxPage, List<SimGroup> groups,
                                Clock clock) {

    private static final int FRESHDESK_MAX_PAGE = 300;
    /** The Growth plan's account-wide API limit, calls (credits) per minute (reference notes §1.2). */
    public static final int GROWTH_PLAN_PER_MINUTE = 200;

    public SimulatorSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(apiKey, "apiKey");
        // A colon would end the user name inside a Basic credential, so such a key could never authenticate.
        if (apiKey.isBlank() || apiKey.contains(":")) {
            throw new IllegalArgumentException("apiKey must be non-blank and free of ':'");
        }
        if (maxPage < 1) {
            throw new IllegalArgumentException("maxPage must be at least 1: " + maxPage);
        }
        groups = List.copyOf(groups);
        if (groups.stream().map(SimGroup::id).distinct().count() != groups.size()) {
            throw new IllegalArgumentException("group ids must be unique: " + groups);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Any free port, no rate limit, Freshdesk's page cap and the system clock. */
    public static SimulatorSettings defaults(String apiKey, List<SimGroup> groups) {
        return new SimulatorSettings(0, apiKey, 0, FRESHDESK_MAX_PAGE, groups, Clock.systemUTC());
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(newPort, apiKey, rateLimitPerMinute, maxPage, groups, clock);
    }

    public SimulatorSettings withRateLimitPerMinute(int newRateLimitPerMinute) {
        return new SimulatorSettings(port, apiKey, newRateLimitPerMinute, maxPage, groups, clock);
    }

    /** The rate limit of Freshdesk's Growth plan: 200 calls a minute, account-wide. */
    public SimulatorSettings withGrowthPlanLimits() {
        return withRateLimitPerMinute(GROWTH_PLAN_PER_MINUTE);
    }

    public SimulatorSettings withMaxPage(int newMaxPage) {
        return new SimulatorSettings(port, apiKey, rateLimitPerMinute, newMaxPage, groups, clock);
    }

    public SimulatorSettings withClock(Clock newClock) {
        return new SimulatorSettings(port, apiKey, rateLimitPerMinute, maxPage, groups, newClock);
    }
}
