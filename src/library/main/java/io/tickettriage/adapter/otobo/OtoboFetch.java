package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.OutcomeMappings;
import io.tickettriage.adapter.ChangeTimes;
import io.tickettriage.triage.TicketBatch;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The bean of the {@code otobo-fetch-tickets-action} Kamelet: {@link #fetch} takes the watermark and returns the
 * tickets that need triage (see {@link OtoboListing}). Its settings are bean properties; the worker is built and
 * checked on first use.
 */
public final class OtoboFetch extends OtoboBean<OtoboTicketFetch> {

    private String lookBack = "P30D";
    private String searchRoute = "GET /Ticket";
    private String getRoute = "GET /Ticket/:TicketID";
    private String queues = "Raw";
    private String states = "new,open";
    private int pageSize = 100;
    private int maxPagesPerPoll = 20;
    private int batchSize = 20;
    private String timeZone = "UTC";
    private String markerField = "TriageMarker";
    private String markerTag = "triaged";
    private final OutcomeMappings outcomes = new OutcomeMappings();
    private Clock clock = Clock.systemUTC();

    public void setSearchRoute(String searchRoute) {
        this.searchRoute = searchRoute;
    }

    public void setGetRoute(String getRoute) {
        this.getRoute = getRoute;
    }

    public void setQueues(String queues) {
        this.queues = queues;
    }

    public void setStates(String states) {
        this.states = states;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public void setMaxPagesPerPoll(int maxPagesPerPoll) {
        this.maxPagesPerPoll = maxPagesPerPoll;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public void setMarkerField(String markerField) {
        this.markerField = markerField;
    }

    public void setMarkerTag(String markerTag) {
        this.markerTag = markerTag;
    }

    /** The clock change times are checked against (a day ahead of it is a broken record); the system's by default. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** The update action's label mappings; given, the batch also reports what the agents chose (outcomes). */
    public OutcomeMappings getOutcomes() {
        return outcomes;
    }

    /** How far back a fetch without a start looks (ISO-8601 duration). */
    public void setLookBack(String lookBack) {
        this.lookBack = lookBack;
    }

    /**
     * The tickets changed since the body's instant (a {@link Instant} or ISO-8601 text; an empty body looks back
     * {@code lookBack}) that need triage. Refused credentials of the last poll are tried again, once.
     */
    public TicketBatch fetch(Object since) {
        Instant changedSince = ChangeTimes.since(since, lookBack, clock);
        OtoboTicketFetch fetch = worker();
        fetch.client().reopen();
        fetch.client().forgetMarkerValues();
        OtoboTriageSelection selection = new OtoboTriageSelection(fetch);
        return selection.batch(new OtoboListing(fetch, changedSince, selection).run());
    }

    @Override
    protected OtoboTicketFetch build() {
        ZoneId zone;
        try {
            zone = ZoneId.of(required("timeZone", timeZone));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("the OTOBO time zone must be a zone such as UTC or Europe/Berlin, was '"
                    + timeZone + "'");
        }
        return new OtoboTicketFetch(client(), route("searchRoute", searchRoute), route("getRoute", getRoute),
                OtoboTicketFetch.list(queues), OtoboTicketFetch.list(states), pageSize, maxPagesPerPoll, batchSize,
                new OtoboTime(zone), OtoboTicketFetch.optionalName(markerField), markerTag == null ? ""
                : markerTag.strip(), outcomes.wanted() ? Optional.of(OtoboAdapter.labels(
                outcomes.queueMapping(), outcomes.priorityMapping(), outcomes.review())) : Optional.empty(), clock);
    }
}
