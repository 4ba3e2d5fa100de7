package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.OutcomeMappings;
import io.tickettriage.adapter.ChangeTimes;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.triage.TicketBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bean of the {@code freshdesk-fetch-tickets-action} Kamelet: takes the watermark, returns the
 * {@link TicketBatch} of tickets changed since that need triage. Configured through its setters; the worker is built
 * on first use, when every setting is checked.
 */
public final class FreshdeskFetch extends FreshdeskKameletBean<FreshdeskTicketReader> {

    private String lookBack = "P30D";
    private int perPage = FreshdeskTicketWalk.MAX_PER_PAGE;
    private int maxPagesPerPoll = 50;
    private int pageCap = FreshdeskTicketWalk.PAGE_CAP;
    private String statuses = "2";
    private boolean unassignedOnly = true;
    private String markerTag = "triaged";
    private final OutcomeMappings outcomes = new OutcomeMappings();

    public void setPerPage(int perPage) {
        this.perPage = perPage;
    }

    public void setMaxPagesPerPoll(int maxPagesPerPoll) {
        this.maxPagesPerPoll = maxPagesPerPoll;
    }

    public void setPageCap(int pageCap) {
        this.pageCap = pageCap;
    }

    public void setStatuses(String statuses) {
        this.statuses = statuses == null ? "" : statuses;
    }

    public void setUnassignedOnly(boolean unassignedOnly) {
        this.unassignedOnly = unassignedOnly;
    }

    public void setMarkerTag(String markerTag) {
        this.markerTag = markerTag;
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
    protected FreshdeskTicketReader build() {
        FreshdeskTags.requireValid(markerTag);
        HelpDeskHttp http = http();
        Supplier<Optional<FreshdeskLabels>> labels = () -> outcomes.wanted()
                ? Optional.of(FreshdeskLabels.resolve(http, outcomes.queueMapping(), outcomes.priorityMapping(),
                outcomes.review())) : Optional.empty();
        return new FreshdeskTicketReader(http, perPage, maxPagesPerPoll, pageCap,
                FreshdeskTicketSelection.of(statuses, unassignedOnly, markerTag), listedTags(), labels,
                Clock.systemUTC());
    }
}
