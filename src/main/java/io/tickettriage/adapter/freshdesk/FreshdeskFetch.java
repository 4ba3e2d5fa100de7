package io.tickettriage.adapter.freshdesk;

import io.tickettriage.triage.TicketBatch;
import java.time.Clock;
import java.time.Instant;

/**
 * The bean of the {@code freshdesk-fetch-tickets-action} Kamelet: takes the watermark, returns the
 * {@link TicketBatch} of tickets changed since that need triage. Configured through its setters; the worker is built
 * on first use, when every setting is checked.
 */
public final class FreshdeskFetch extends FreshdeskKameletBean<FreshdeskTicketReader> {

    private int perPage = FreshdeskTicketWalk.MAX_PER_PAGE;
    private int maxPagesPerPoll = 50;
    private int pageCap = FreshdeskTicketWalk.PAGE_CAP;
    private String statuses = "2";
    private boolean unassignedOnly = true;
    private String markerTag = "triaged";

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

    public TicketBatch fetch(Instant watermark) {
        return worker().fetch(watermark);
    }

    @Override
    protected FreshdeskTicketReader build() {
        FreshdeskTags.requireValid(markerTag);
        return new FreshdeskTicketReader(http(), perPage, maxPagesPerPoll, pageCap,
                FreshdeskTicketSelection.of(statuses, unassignedOnly, markerTag), listedTags(), Clock.systemUTC());
    }
}
