package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.config.TriageProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Reads from the Freshdesk API v2 with the JDK client, for work that runs outside the routes (startup checks, training
 * from the help desk's history), with the rules the routes follow: a 429 waits {@code Retry-After} seconds and
 * retries, 5xx answers and network faults are retried with back-off, both a bounded number of times; once
 * {@code X-RateLimit-Remaining} runs low it slows down, because the budget is the whole account's. Every failure is a
 * {@link FreshdeskApiException} with one line that says what to fix and never contains the API key.
 *
 * <p>One client per run: it carries the pace the last answer asked for over to the next call. Not shared between
 * threads.
 */
public final class FreshdeskClient {

    /**
     * How often to retry.
     *
     * @param rateLimited  waits for {@code Retry-After} before giving up on a 429
     * @param serverErrors retries of a 5xx answer or a network fault, the first after {@code initialDelay}, each
     *                     later one after twice the wait before
     */
    public record Retries(int rateLimited, int serverErrors, Duration initialDelay) {

        public Retries {
            if (rateLimited < 0 || serverErrors < 0 || initialDelay.isNegative()) {
                throw new IllegalArgumentException("retry counts and delays must not be negative");
            }
        }

        /** The {@code triage.retry.*} keys the routes use, so one setting governs every call to the help desk. */
        public static Retries from(TriageProperties properties) {
            return new Retries(properties.integer("triage.retry.rate-limited-attempts", 5),
                    properties.integer("triage.retry.server-error-attempts", 3),
                    Duration.ofMillis(properties.integer("triage.retry.initial-delay-ms", 1000)));
        }
    }

    /** Waits; the clock behind it is real except in tests. */
    @FunctionalInterface
    public interface Pause {

        Pause REAL_TIME = wait -> Thread.sleep(wait.toMillis());

        void sleep(Duration wait) throws InterruptedException;
    }

    /** One answered page: its body and the {@code rel="next"} target of its Link header, if any. */
    public record Page(String body, Optional<String> next) {
    }

    // The notes document X-RateLimit-Total as calls per minute; the fallback covers a 429 without Retry-After.
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    // Freshdesk's legacy throttler counts per hour, so no honest Retry-After is longer; a broken one must not hang us.
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);
    /** Below this share of the account's credits left, slow down. */
    private static final double LOW_REMAINING = 0.2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final FreshdeskAuthentication authentication;
    private final Retries retries;
    private final Pause pause;
    private final Consumer<String> notices;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Duration pace = Duration.ZERO;

    /**
     * @param notices told, one line each, about waits the caller's user should know of (rate limits, retries)
     */
    public FreshdeskClient(String baseUrl, FreshdeskAuthentication authentication, Retries retries, Pause pause,
                           Consumer<String> notices) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.authentication = authentication;
        this.retries = retries;
        this.pause = pause;
        this.notices = notices;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * GETs one page and waits as the rate limit asks.
     *
     * @param url  absolute, on this client's Freshdesk
     * @param what what the call does, for messages: "listing tickets"
     */
    public Page get(String url, String what) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authentication.headerValue()).header("Accept", "application/json").GET()
                .build();
        if (!pace.isZero()) {
            sleep(pace);
        }
        int rateLimited = 0;
        int failures = 0;
        Duration backOff = retries.initialDelay();
        while (true) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (failures++ == retries.serverErrors()) {
                    throw new FreshdeskApiException("cannot reach Freshdesk at " + baseUrl + " ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "); check FRESHDESK_DOMAIN or FRESHDESK_BASE_URL");
                }
                waitToRetry(backOff, "Freshdesk did not answer " + what + " (" + e.getClass().getSimpleName() + ")");
                backOff = backOff.multipliedBy(2);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FreshdeskApiException("interrupted while " + what);
            }
            int status = response.statusCode();
            if (status == 200) {
                pace = paceAfter(response);
                return new Page(response.body(),
                        LinkHeader.next(response.headers().firstValue("Link").orElse(null)));
            }
            if (status == 429) {
                if (rateLimited++ == retries.rateLimited()) {
                    throw new FreshdeskApiException("Freshdesk at " + baseUrl + " still refused " + what
                            + " for its rate limit (HTTP 429) after waiting as asked " + times(retries.rateLimited())
                            + "; the account's API budget is shared with every other client of it: try again later");
                }
                waitToRetry(retryAfter(response), "Freshdesk rate limit reached while " + what);
                continue;
            }
            if (status >= 500) {
                if (failures++ == retries.serverErrors()) {
                    throw new FreshdeskApiException("Freshdesk at " + baseUrl + " answered HTTP " + status + " "
                            + times(failures) + " in a row while " + what + "; try again later");
                }
                waitToRetry(backOff, "Freshdesk answered HTTP " + status + " while " + what);
                backOff = backOff.multipliedBy(2);
                continue;
            }
            throw refused(status, response.body(), url, what);
        }
    }

    private FreshdeskApiException refused(int status, String body, String url, String what) {
        String detail = errorDetail(body).map(text -> " " + text).orElse("");
        return new FreshdeskApiException(switch (status) {
            case 401 -> "Freshdesk at " + baseUrl + " rejected the API key (HTTP 401" + detail
                    + "); check FRESHDESK_API_KEY";
            case 403 -> "Freshdesk at " + baseUrl + " refused " + what + " (HTTP 403" + detail
                    + "); the agent whose API key is used needs the permission for it";
            case 404 -> "Freshdesk at " + baseUrl + " has no " + URI.create(url).getPath()
                    + " (HTTP 404); check FRESHDESK_DOMAIN or FRESHDESK_BASE_URL";
            default -> "Freshdesk at " + baseUrl + " refused " + what + " (HTTP " + status + detail + ")";
        });
    }

    /**
     * The error's own words: a request error's {@code code} (and {@code message} where the code alone says little),
     * a validation error's field messages, or a base error's message.
     */
    private static Optional<String> errorDetail(String body) {
        JsonNode error;
        try {
            error = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (error == null || !error.isObject()) {
            return Optional.empty();
        }
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        if (!code.isEmpty()) {
            return Optional.of(code.equals("invalid_credentials") || message.isEmpty() ? code : code + ": " + message);
        }
        List<String> fields = new ArrayList<>();
        error.path("errors").forEach(field -> fields.add(field.path("field").asText() + ": "
                + field.path("message").asText()));
        if (!fields.isEmpty()) {
            return Optional.of(String.join("; ", fields));
        }
        return message.isEmpty() ? Optional.empty() : Optional.of(message);
    }

    /**
     * Once fewer than a fifth of the account's credits are left, the wait before each further call: twice the time the
     * call's credits take to come back at the account's per-minute rate, so the read goes on at half that rate and
     * leaves the rest to the triage service and whoever else uses the account.
     */
    private Duration paceAfter(HttpResponse<String> response) {
        OptionalLong total = header(response, "X-RateLimit-Total");
        OptionalLong remaining = header(response, "X-RateLimit-Remaining");
        if (total.isEmpty() || remaining.isEmpty() || total.getAsLong() <= 0
                || remaining.getAsLong() >= total.getAsLong() * LOW_REMAINING) {
            return Duration.ZERO;
        }
        long used = Math.max(1, header(response, "X-RateLimit-Used-CurrentRequest").orElse(1));
        Duration wait = RATE_WINDOW.multipliedBy(2 * used).dividedBy(total.getAsLong());
        if (pace.isZero()) {
            notices.accept("Freshdesk: " + remaining.getAsLong() + " of " + total.getAsLong() + " API credits left "
                    + "this minute; slowing down to one call every " + seconds(wait) + " to leave the rest to other "
                    + "clients");
        }
        return wait;
    }

    private static OptionalLong header(HttpResponse<String> response, String name) {
        try {
            return response.headers().firstValue(name).map(value -> OptionalLong.of(Long.parseLong(value.trim())))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        OptionalLong seconds = header(response, "Retry-After");
        if (seconds.isEmpty()) {
            return RATE_WINDOW;
        }
        return Duration.ofSeconds(Math.max(1, Math.min(seconds.getAsLong(), LONGEST_RETRY_AFTER.toSeconds())));
    }

    private void waitToRetry(Duration wait, String why) {
        notices.accept(why + "; waiting " + seconds(wait) + " before trying again");
        sleep(wait);
    }

    private void sleep(Duration wait) {
        try {
            pause.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshdeskApiException("interrupted while waiting for Freshdesk");
        }
    }

    private static String times(int count) {
        return count == 1 ? "once" : count + " times";
    }

    private static String seconds(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    @Override
    public String toString() {
        return "FreshdeskClient[" + baseUrl + "]";
    }
}
