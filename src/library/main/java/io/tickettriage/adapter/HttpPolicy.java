package io.tickettriage.adapter;

import io.tickettriage.config.TriageProperties;
import java.time.Duration;

/**
 * How every call to a help desk is retried, the same for the Kamelets, the startup checks and training.
 *
 * @param rateLimitedAttempts retries of a 429, each after the {@code Retry-After} the help desk asked for; they do
 *                            not use up the server-error retries
 * @param serverErrorAttempts retries of a 5xx, a lost connection or an unreadable answer, the first after
 *                            {@code initialDelay}, each later one after twice the wait before
 * @param initialDelay        the first back-off
 * @param longestWait         no wait is longer, whatever a Retry-After says, so a broken header cannot park a poll
 * @param requestTimeout      how long to wait for a call's answer before it counts as lost (the
 *                            help-desk-request-action Kamelet's responseTimeout; connecting and idle sockets follow
 *                            Camel's camel.component.http(s).* timeouts)
 */
public record HttpPolicy(int rateLimitedAttempts, int serverErrorAttempts, Duration initialDelay,
                         Duration longestWait, Duration requestTimeout) {

    public static final HttpPolicy DEFAULT = new HttpPolicy(5, 3, Duration.ofMillis(250), Duration.ofMinutes(5),
            Duration.ofSeconds(60));

    public HttpPolicy {
        if (rateLimitedAttempts < 0 || serverErrorAttempts < 0 || initialDelay.isNegative()
                || longestWait.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("retry counts and delays must not be negative");
        }
    }

    /** The {@code triage.retry.*} keys, for tools that read the service's configuration (training). */
    public static HttpPolicy from(TriageProperties properties) {
        return new HttpPolicy(properties.integer("triage.retry.rate-limited-attempts", DEFAULT.rateLimitedAttempts),
                properties.integer("triage.retry.server-error-attempts", DEFAULT.serverErrorAttempts),
                Duration.ofMillis(properties.integer("triage.retry.initial-delay-ms",
                        (int) DEFAULT.initialDelay.toMillis())),
                DEFAULT.longestWait, DEFAULT.requestTimeout);
    }

    /** The back-off before retry number {@code retry} (1 for the first). */
    Duration backOff(int retry) {
        Duration wait = initialDelay.multipliedBy(1L << Math.min(20, retry - 1));
        return wait.compareTo(longestWait) > 0 ? longestWait : wait;
    }
}
