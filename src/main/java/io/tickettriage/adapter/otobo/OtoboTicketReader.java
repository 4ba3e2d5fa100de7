package io.tickettriage.adapter.otobo;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * The Java half of the {@code otobo-fetch-tickets-action} Kamelet: starts an {@link OtoboListing} per poll. Immutable
 * apart from the session it keeps from poll to poll.
 *
 * <p>The credentials are not constructor arguments: the Kamelet hands them to {@link #start} at run time, because a
 * Kamelet bean's constructor arguments are joined into one quoted, comma-separated text and parsed back, which a
 * password containing a quote would break.
 */
public final class OtoboTicketReader {

    /** The most ids one search may be asked for, when tickets sharing one change time fill a whole page. */
    static final int MAX_LIMIT = 10_000;
    static final int MAX_BATCH = 100;

    private final String baseUrl;
    private final boolean sessions;
    private final OtoboRoute sessionRoute;
    private final OtoboRoute searchRoute;
    private final OtoboRoute getRoute;
    private final List<String> queues;
    private final List<String> states;
    private final int pageSize;
    private final int maxPagesPerPoll;
    private final int batchSize;
    private final OtoboTime time;
    private final Optional<String> markerField;
    private final String markerTag;
    private final OtoboSession session = new OtoboSession();

    /**
     * @param authMode    session or password
     * @param queues      comma-separated queue names whose tickets need triage; empty means every queue
     * @param states      comma-separated state names; empty means every state
     * @param markerField the dynamic field that marks triaged tickets; empty or "-" for none
     */
    public OtoboTicketReader(String baseUrl, String authMode, String sessionRoute, String searchRoute,
                             String getRoute, String queues, String states, int pageSize, int maxPagesPerPoll,
                             int batchSize, String timeZone, String markerField, String markerTag) {
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw new IllegalArgumentException("the OTOBO page size must be 1.." + MAX_LIMIT + ", was " + pageSize);
        }
        if (maxPagesPerPoll < 1) {
            throw new IllegalArgumentException("OTOBO maxPagesPerPoll must be positive, was " + maxPagesPerPoll);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("the OTOBO TicketGet batch size must be 1.." + MAX_BATCH + ", was "
                    + batchSize);
        }
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.sessions = OtoboAuthentication.sessionMode(authMode);
        this.sessionRoute = OtoboRoute.parse(sessionRoute);
        this.searchRoute = OtoboRoute.parse(searchRoute);
        this.getRoute = OtoboRoute.parse(getRoute);
        this.queues = list(queues);
        this.states = list(states);
        this.pageSize = pageSize;
        this.maxPagesPerPoll = maxPagesPerPoll;
        this.batchSize = batchSize;
        this.time = new OtoboTime(ZoneId.of(timeZone.strip()));
        this.markerField = optionalName(markerField);
        this.markerTag = markerTag;
    }

    /** A field name, or empty when the setting is blank or "-" (switched off). */
    static Optional<String> optionalName(String setting) {
        String name = setting == null ? "" : setting.strip();
        return name.isEmpty() || name.equals("-") ? Optional.empty() : Optional.of(name);
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public OtoboListing start(@Body Instant changedSince, @Variable("otoboUserLogin") String userLogin,
                              @Variable("otoboPassword") String password) {
        return new OtoboListing(this, new OtoboAuthentication(sessions, sessionRoute, userLogin, password),
                changedSince);
    }

    String baseUrl() {
        return baseUrl;
    }

    OtoboSession session() {
        return session;
    }

    OtoboRoute searchRoute() {
        return searchRoute;
    }

    OtoboRoute getRoute() {
        return getRoute;
    }

    List<String> queues() {
        return queues;
    }

    List<String> states() {
        return states;
    }

    int pageSize() {
        return pageSize;
    }

    int maxPagesPerPoll() {
        return maxPagesPerPoll;
    }

    int batchSize() {
        return batchSize;
    }

    OtoboTime time() {
        return time;
    }

    Optional<String> markerField() {
        return markerField;
    }

    String markerTag() {
        return markerTag;
    }
}
