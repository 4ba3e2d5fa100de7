package io.tickettriage.adapter;

import io.tickettriage.triage.HelpDeskApiException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP path to one help desk: the fetch and update Kamelets, the startup checks and training all call it,
 * so they share its retry policy ({@link HttpPolicy}), its pace ({@link Pacer}) and its error type
 * ({@link HelpDeskApiException}).
 *
 * <ul>
 *   <li>A 429 waits exactly the {@code Retry-After} asked for (capped) and retries, on a budget of its own.</li>
 *   <li>A 5xx, a lost connection and an answer that cannot be read are retried with back-off; the retry sends the
 *       request again (a retried read fetches again). Before a request that must not land twice is sent again, its
 *       {@link Guard} looks whether the lost attempt landed after all.</li>
 *   <li>Refused credentials (401) close the client: every later call fails at once, with nothing sent, until
 *       {@link #reopen()} at the start of the next poll. A 403 means the same, except for a call about one ticket,
 *       where it refuses that ticket only unless the help desk says otherwise ({@link Desk#refusesAccount()}).</li>
 *   <li>Any other 4xx rejects the request for good.</li>
 * </ul>
 * Each call goes through the {@code help-desk-request-action} Kamelet of the application's Camel context
 * ({@link HelpDeskRequestAction}), so Camel's own settings (TLS, proxy, timeouts, tracing) apply and the YAML decides
 * what else is sent. Thread-safe; Camel's HTTP component keeps the connections for reuse.
 */
public final class HelpDeskHttp {

    private static final Logger LOG = LoggerFactory.getLogger(HelpDeskHttp.class);

    /**
     * One call.
     *
     * @param what           the call in words for messages, e.g. "listing tickets" or "the note on ticket 12"
     * @param aboutOneTicket a 403 refuses this ticket only (a write to it), not the whole account
     */
    public record Request(String method, String url, Map<String, String> headers, String body, String what,
                          boolean aboutOneTicket) {

        public Request {
            headers = Map.copyOf(headers);
        }

        public static Request get(String url, String what) {
            return new Request("GET", url, Map.of("Accept", "application/json"), null, what, false);
        }

        /** A call that sends a JSON body and is about one ticket. */
        public static Request json(String method, String url, String body, String what) {
            return new Request(method, url, Map.of("Accept", "application/json",
                    "Content-Type", "application/json; charset=UTF-8"), body, what, true);
        }

        public Request withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Request(method, url, more, body, what, aboutOneTicket);
        }

        public Request aboutOneTicket(boolean about) {
            return new Request(method, url, headers, body, what, about);
        }

        @Override
        public String toString() {
            // No headers and no body: they carry credentials.
            return method + " " + url;
        }
    }

    /** An answer: status, headers (look them up with {@link #header}) and the body as text. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    /** Reads a 2xx answer; throws {@link UnreadableAnswer} for one it cannot make sense of, which is retried. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Answer answer);
    }

    /**
     * A path segment or a query value, percent-encoded as every help desk decodes it: a space as {@code %20}, since
     * "+" means a space only in a query.
     */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A 2xx answer whose body makes no sense (cut short, not JSON): it is fetched again. */
    public static final class UnreadableAnswer extends RuntimeException {
        public UnreadableAnswer(String message) {
            super(message);
        }
    }

    /**
     * Consulted before a request whose earlier attempt may have landed (its answer was lost, a 5xx, a reset) is sent
     * again: the result it found on the help desk, or empty to send again.
     */
    @FunctionalInterface
    public interface Guard<T> {
        Optional<T> landed();

        static <T> Guard<T> none() {
            return Optional::empty;
        }
    }

    /** Keeps the pace a help desk's rate limit asks for. */
    public interface Pacer {

        Pacer NONE = new Pacer() {
            @Override
            public Duration before() {
                return Duration.ZERO;
            }

            @Override
            public void after(Answer answer) {
            }
        };

        /** How long to wait before the next call. */
        Duration before();

        /** Learns from an answer's rate-limit headers. */
        void after(Answer answer);
    }

    /** Waits; the clock behind it is real except in tests. */
    @FunctionalInterface
    public interface Pause {

        Pause REAL_TIME = wait -> Thread.sleep(wait.toMillis());

        void sleep(Duration wait) throws InterruptedException;
    }

    /**
     * What differs between help desks.
     *
     * @param name            for messages, e.g. "Freshdesk"
     * @param authorize       adds the credentials to a request (a header, or nothing where they travel in the body)
     * @param errorDetail     the help desk's own words from an error body, e.g. "invalid_credentials", or empty
     * @param credentialsHint what to check when the credentials are refused, e.g. "check FRESHDESK_API_KEY"
     * @param redact          blanks secrets out of any text that comes back (an echoing proxy)
     * @param refusesAccount  whether a 403 to a call about one ticket refuses the whole account all the same (Zammad's
     *                        "API token access disabled!", unlike its "Not authorized" for one ticket)
     */
    public record Desk(String name, UnaryOperator<Request> authorize, Function<String, String> errorDetail,
                       String credentialsHint, UnaryOperator<String> redact, Predicate<Answer> refusesAccount) {

        /** A help desk whose 403 to a call about one ticket concerns that ticket only. */
        public Desk(String name, UnaryOperator<Request> authorize, Function<String, String> errorDetail,
                    String credentialsHint, UnaryOperator<String> redact) {
            this(name, authorize, errorDetail, credentialsHint, redact, answer -> false);
        }
    }

    private final Desk desk;
    private final String baseUrl;
    private final HttpPolicy policy;
    private final Pacer pacer;
    private final Pause pause;
    private final HelpDeskRequestAction transport;
    private final AtomicReference<HelpDeskApiException> refusal = new AtomicReference<>();
    private final UnaryOperator<String> personal;

    /** @param context the Camel application whose {@code help-desk-request-action} Kamelet sends the calls */
    public HelpDeskHttp(CamelContext context, Desk desk, String baseUrl, HttpPolicy policy, Pacer pacer, Pause pause) {
        this.desk = desk;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.policy = policy;
        this.pacer = pacer;
        this.pause = pause;
        this.transport = new HelpDeskRequestAction(context, this.baseUrl, policy.requestTimeout());
        this.personal = policy.redaction().redactor();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String deskName() {
        return desk.name();
    }

    /** Called at the start of each poll: refused credentials are tried again, once. */
    public void reopen() {
        refusal.set(null);
    }

    /** Sends {@code request} (retrying as the policy says) and reads its 2xx answer. */
    public <T> T send(Request request, Reader<T> reader) {
        return send(request, reader, Guard.none());
    }

    /** As {@link #send(Request, Reader)}, with {@code guard} consulted before a possibly landed request is resent. */
    public <T> T send(Request request, Reader<T> reader, Guard<T> guard) {
        HelpDeskApiException refused = refusal.get();
        if (refused != null) {
            throw refused;
        }
        Request authorized = desk.authorize().apply(request);
        int rateLimited = 0;
        int failures = 0;
        boolean uncertain = false;
        while (true) {
            if (uncertain) {
                Optional<T> landed = guard.landed();
                if (landed.isPresent()) {
                    return landed.get();
                }
            }
            waitFor(pacer.before(), null);
            String failure;
            Answer answer;
            try {
                Answer received = transport.send(authorized);
                answer = new Answer(received.status(), received.headers(), desk.redact().apply(received.body()));
            } catch (IOException e) {
                answer = null;
                failure = desk.name() + " did not answer " + request.what() + " (" + e.getClass().getSimpleName()
                        + ")";
                if (failures++ == policy.serverErrorAttempts()) {
                    throw unavailable(request, "cannot reach " + desk.name() + " at " + baseUrl + " while "
                            + request.what() + " (" + e.getClass().getSimpleName() + ") after "
                            + times(failures), 0, "");
                }
                uncertain = true;
                waitFor(policy.backOff(failures), failure);
                continue;
            }
            pacer.after(answer);
            int status = answer.status();
            if (status >= 200 && status < 300) {
                try {
                    return reader.read(answer);
                } catch (UnreadableAnswer e) {
                    if (failures++ == policy.serverErrorAttempts()) {
                        throw unavailable(request, desk.name() + " answered " + request.what() + " with something "
                                + "ticket-triage cannot read " + times(failures) + " in a row (" + e.getMessage()
                                + ")", status, abbreviate(answer.body()));
                    }
                    uncertain = true;
                    waitFor(policy.backOff(failures), desk.name() + " answered " + request.what()
                            + " with something ticket-triage cannot read (" + e.getMessage() + ")");
                    continue;
                } catch (HelpDeskApiException e) {
                    // A help desk that reports failures inside a 2xx answer (OTOBO's {"Error":…}).
                    if (e.isUnavailable() && failures++ < policy.serverErrorAttempts()) {
                        uncertain = true;
                        waitFor(policy.backOff(failures), e.getMessage());
                        continue;
                    }
                    throw remember(e);
                }
            }
            if (status == 429) {
                if (rateLimited++ == policy.rateLimitedAttempts()) {
                    throw unavailable(request, desk.name() + " at " + baseUrl + " still refused " + request.what()
                            + " for its rate limit (HTTP 429) after waiting as asked " + times(policy
                            .rateLimitedAttempts()) + "; its API budget is shared with every other client of the "
                            + "account", status, abbreviate(answer.body()));
                }
                waitFor(retryAfter(answer, rateLimited), desk.name() + " rate limit reached while " + request.what());
                continue;
            }
            if (status >= 500) {
                if (failures++ == policy.serverErrorAttempts()) {
                    throw unavailable(request, desk.name() + " at " + baseUrl + " answered HTTP " + status + " "
                            + times(failures) + " in a row while " + request.what() + detail(answer),
                            status, abbreviate(answer.body()));
                }
                uncertain = true;
                waitFor(policy.backOff(failures), desk.name() + " answered HTTP " + status + " while "
                        + request.what());
                continue;
            }
            throw remember(refused(request, answer));
        }
    }

    private HelpDeskApiException refused(Request request, Answer answer) {
        int status = answer.status();
        String detail = detail(answer);
        if (status == 401 || status == 403 && (!request.aboutOneTicket() || desk.refusesAccount().test(answer))) {
            return new HelpDeskApiException(HelpDeskApiException.Kind.REFUSED_CREDENTIALS, desk.name() + " at "
                    + baseUrl + " refused our credentials (HTTP " + status + detail + ") while " + request.what()
                    + "; " + desk.credentialsHint(), status, abbreviate(answer.body()));
        }
        return new HelpDeskApiException(HelpDeskApiException.Kind.REJECTED, desk.name() + " refused "
                + request.what() + " (HTTP " + status + detail + ")", status, abbreviate(answer.body()));
    }

    private String detail(Answer answer) {
        String words = desk.errorDetail().apply(answer.body() == null ? "" : answer.body());
        return words == null || words.isBlank() ? "" : ": " + abbreviate(words);
    }

    /** Refused credentials close the client until the next poll. */
    private HelpDeskApiException remember(HelpDeskApiException e) {
        if (e.isRefusedCredentials()) {
            refusal.compareAndSet(null, e);
        }
        return e;
    }

    private HelpDeskApiException unavailable(Request request, String message, int status, String body) {
        return new HelpDeskApiException(HelpDeskApiException.Kind.UNAVAILABLE, message, status, body);
    }

    /** Retry-After in seconds or as an HTTP date; without one, the back-off. Never beyond the longest wait. */
    private Duration retryAfter(Answer answer, int attempt) {
        Optional<String> header = answer.header("Retry-After").map(String::trim);
        Duration wait = policy.backOff(attempt);
        if (header.isPresent()) {
            try {
                wait = Duration.ofSeconds(Math.max(0, Long.parseLong(header.get())));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                } catch (DateTimeParseException notADate) {
                    LOG.debug("{} sent an unreadable Retry-After '{}'", desk.name(), header.get());
                }
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(policy.longestWait()) > 0 ? policy.longestWait() : wait;
    }

    private void waitFor(Duration wait, String why) {
        if (why != null) {
            // The help desk's own words about a failed call (an unreadable answer, an error inside a 2xx) may
            // quote the ticket.
            LOG.warn("{}; trying again in {}", personal.apply(why), seconds(wait));
        }
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        try {
            pause.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HelpDeskApiException(HelpDeskApiException.Kind.UNAVAILABLE, "interrupted while waiting for "
                    + desk.name(), 0, "");
        }
    }

    private static String times(int count) {
        return count == 1 ? "once" : count + " times";
    }

    private static String seconds(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    @Override
    public String toString() {
        return "HelpDeskHttp[" + desk.name() + " " + baseUrl + "]";
    }
}
