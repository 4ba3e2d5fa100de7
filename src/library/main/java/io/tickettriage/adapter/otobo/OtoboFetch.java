package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.ChangeTimes;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.triage.TicketBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The bean of the {@code otobo-fetch-tickets-action} Kamelet: {@link #fetch} takes the watermark and returns the
 * tickets that need triage (see {@link OtoboListing}). Its worker is built on first use, from its
 * {@link OtoboSettings}.
 */
public final class OtoboFetch extends OtoboBean<OtoboFetch.Worker> {

    /** The fetch, and how far back a fetch without a start looks. */
    record Worker(OtoboTicketFetch fetch, String lookBack) {
    }

    public OtoboFetch() {
        super("otobo-fetch-tickets-action");
    }

    /**
     * The tickets changed since the body's instant (a {@link Instant} or ISO-8601 text; an empty body looks back
     * {@code lookBack}) that need triage. Refused credentials of the last poll are tried again, once.
     */
    public TicketBatch fetch(Object since) {
        Worker worker = worker();
        OtoboTicketFetch fetch = worker.fetch();
        Instant changedSince = ChangeTimes.since(since, worker.lookBack(), fetch.clock());
        fetch.client().reopen();
        fetch.client().forgetDynamicFields();
        OtoboTriageSelection selection = new OtoboTriageSelection(fetch);
        return selection.batch(new OtoboListing(fetch, changedSince, selection).run());
    }

    @Override
    protected Worker build(OtoboSettings settings) {
        WriteSettings write = settings.write();
        return new Worker(new OtoboTicketFetch(client(settings), settings.searchRoute(), settings.getRoute(),
                settings.queues(), settings.states(), settings.pageSize(), settings.maxPagesPerPoll(),
                settings.batchSize(), settings.time(), settings.markerField(), settings.tagsField(), write.markerTag(),
                write.outcomesWanted() ? Optional.of(OtoboAdapter.labels(write.queueMapping(),
                        write.priorityMapping(), write.review())) : Optional.empty(), Clock.systemUTC()),
                settings.lookBack().toString());
    }
}
