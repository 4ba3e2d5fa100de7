package io.tickettriage.adapter.zammad;

import io.tickettriage.adapter.OutcomeMappings;
import io.tickettriage.adapter.ChangeTimes;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.triage.TicketBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The bean of the {@code zammad-fetch-tickets-action} Kamelet: {@link #fetch} takes the watermark and returns the
 * tickets that need triage. Its settings are named properties; the worker ({@link ZammadTicketReader}) is built and
 * checked on the first poll.
 */
public final class ZammadFetch extends ZammadKameletBean<ZammadTicketReader> {

    private String lookBack = "P30D";
    private static final String KAMELET = "zammad-fetch-tickets-action";

    private int perPage = 100;
    private int maxPagesPerPoll = 10;
    private String group = "Users";
    private String states = "new,open";
    private String markerTag = "triaged";
    private String overlap = ZammadFetch.DEFAULT_OVERLAP;
    private final OutcomeMappings outcomes = new OutcomeMappings();

    /** The search overlap when none is configured, chosen by {@code ZammadOverlapBenchmark}. */
    public static final String DEFAULT_OVERLAP = "PT2M";

    public void setPerPage(int perPage) {
        this.perPage = perPage;
    }

    public void setMaxPagesPerPoll(int maxPagesPerPoll) {
        this.maxPagesPerPoll = maxPagesPerPoll;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public void setStates(String states) {
        this.states = states;
    }

    public void setMarkerTag(String markerTag) {
        this.markerTag = markerTag;
    }

    /** ISO-8601 duration the search reaches back before the watermark, for search indexes that lag. */
    public void setOverlap(String overlap) {
        this.overlap = overlap;
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
     * {@code lookBack}) that need triage.
     */
    public TicketBatch fetch(Object since) {
        Instant watermark = ChangeTimes.since(since, lookBack, Clock.systemUTC());
        return worker().fetch(watermark);
    }

    @Override
    protected ZammadTicketReader build() {
        if (perPage < 1 || perPage > ZammadTicketReader.MAX_PER_PAGE) {
            throw new IllegalArgumentException(KAMELET + ": perPage must be 1.." + ZammadTicketReader.MAX_PER_PAGE
                    + ", was " + perPage);
        }
        if (maxPagesPerPoll < 1) {
            throw new IllegalArgumentException(KAMELET + ": maxPagesPerPoll must be positive, was "
                    + maxPagesPerPoll);
        }
        Duration reach;
        try {
            reach = Duration.parse(overlap == null ? "" : overlap.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(KAMELET + ": overlap (zammad.search.overlap) must be an ISO-8601 "
                    + "duration such as PT0S or PT2M, was '" + overlap + "'");
        }
        if (reach.isNegative()) {
            throw new IllegalArgumentException(KAMELET + ": overlap (zammad.search.overlap) must not be negative, "
                    + "was " + overlap);
        }
        if (group == null || states == null || markerTag == null || markerTag.isBlank()) {
            throw new IllegalArgumentException(KAMELET + ": group, states and markerTag must be set");
        }
        ZammadSelection selection;
        try {
            selection = ZammadSelection.of(group, states, markerTag);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KAMELET + ": " + e.getMessage(), e);
        }
        Optional<NamedLabels> labels;
        try {
            labels = outcomes.wanted() ? Optional.of(ZammadAdapter.labels(outcomes.queueMapping(),
                    outcomes.priorityMapping(), outcomes.review())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KAMELET + ": " + e.getMessage(), e);
        }
        ZammadAuthentication authentication = authentication(KAMELET);
        return new ZammadTicketReader(client(authentication, KAMELET), perPage, maxPagesPerPoll,
                selection, reach, labels, Clock.systemUTC());
    }
}
