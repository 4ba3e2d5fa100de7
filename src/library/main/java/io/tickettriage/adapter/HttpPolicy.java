package io.tickettriage.adapter;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How every call to a help desk is retried, and what its retry warnings are rid of, the same for the Kamelets, the
 * startup checks and training, and for every help desk: one name and one default per setting ({@link #SETTINGS}).
 *
 * @param rateLimitedAttempts retries of a 429, each after the {@code Retry-After} the help desk asked for; they do
 *                            not use up the server-error retries
 * @param serverErrorAttempts retries of a 5xx, a lost connection or an unreadable answer, the first after
 *                            {@code retryDelay}, each later one after twice the wait before
 * @param retryDelay          the first back-off ({@code triage.retry.delay-ms}, the Kamelets' {@code retryDelay})
 * @param longestWait         no wait is longer, whatever a Retry-After says, so a broken header cannot park a poll
 * @param requestTimeout      how long to wait for a call's answer before it counts as lost (the
 *                            help-desk-request-action Kamelet's responseTimeout; connecting and idle sockets follow
 *                            Camel's camel.component.http(s).* timeouts)
 * @param redaction           what the retry warnings, which may quote the help desk's words about a ticket, are rid of
 */
public record HttpPolicy(int rateLimitedAttempts, int serverErrorAttempts, Duration retryDelay,
                         Duration longestWait, Duration requestTimeout, LogRedaction redaction) {

    public static final Setting RATE_LIMITED_ATTEMPTS = new Setting("triage.retry.rate-limited-attempts",
            "rateLimitedAttempts", "5");
    public static final Setting SERVER_ERROR_ATTEMPTS = new Setting("triage.retry.server-error-attempts",
            "serverErrorAttempts", "3");
    public static final Setting RETRY_DELAY = new Setting("triage.retry.delay-ms", "retryDelay", "250");
    public static final List<Setting> SETTINGS = List.of(RATE_LIMITED_ATTEMPTS, SERVER_ERROR_ATTEMPTS, RETRY_DELAY,
            LogRedaction.ENABLED, LogRedaction.PHONE_REGION);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public static final HttpPolicy DEFAULT = new HttpPolicy(Integer.parseInt(RATE_LIMITED_ATTEMPTS.defaultValue()),
            Integer.parseInt(SERVER_ERROR_ATTEMPTS.defaultValue()),
            Duration.ofMillis(Long.parseLong(RETRY_DELAY.defaultValue())), LONGEST_WAIT, REQUEST_TIMEOUT,
            LogRedaction.DEFAULT);

    /** With the default redaction: on, phone numbers in international form. */
    public HttpPolicy(int rateLimitedAttempts, int serverErrorAttempts, Duration retryDelay, Duration longestWait,
                      Duration requestTimeout) {
        this(rateLimitedAttempts, serverErrorAttempts, retryDelay, longestWait, requestTimeout, LogRedaction.DEFAULT);
    }

    public HttpPolicy {
        Objects.requireNonNull(redaction, "redaction");
        if (rateLimitedAttempts < 0 || serverErrorAttempts < 0 || retryDelay.isNegative()
                || longestWait.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("retry counts and delays must not be negative");
        }
    }

    /** The retry settings, checked. */
    public static HttpPolicy read(SettingValues values) {
        return new HttpPolicy(values.integer(RATE_LIMITED_ATTEMPTS, 0, Integer.MAX_VALUE),
                values.integer(SERVER_ERROR_ATTEMPTS, 0, Integer.MAX_VALUE),
                Duration.ofMillis(values.integer(RETRY_DELAY, 0, Integer.MAX_VALUE)), LONGEST_WAIT, REQUEST_TIMEOUT,
                LogRedaction.read(values));
    }

    /** The back-off before retry number {@code retry} (1 for the first). */
    Duration backOff(int retry) {
        Duration wait = retryDelay.multipliedBy(1L << Math.min(20, retry - 1));
        return wait.compareTo(longestWait) > 0 ? longestWait : wait;
    }
}
