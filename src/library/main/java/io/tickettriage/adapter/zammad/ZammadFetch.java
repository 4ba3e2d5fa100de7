package io.tickettriage.adapter.zammad;

import io.tickettriage.adapter.ChangeTimes;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.triage.TicketBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The bean of the {@code zammad-fetch-tickets-action} Kamelet: {@link #fetch} takes the watermark and returns the
 * tickets that need triage. Its worker ({@link ZammadTicketReader}) is built on the first poll, from its
 * {@link ZammadSettings}.
 */
public final class ZammadFetch extends ZammadKameletBean<ZammadFetch.Worker> {

    /** The reader, and how far back a fetch without a start looks. */
    record Worker(ZammadTicketReader reader, String lookBack) {
    }

    public ZammadFetch() {
        super("zammad-fetch-tickets-action");
    }

    /**
     * The tickets changed since the body's instant (a {@link Instant} or ISO-8601 text; an empty body looks back
     * {@code lookBack}) that need triage.
     */
    public TicketBatch fetch(Object since) {
        Worker worker = worker();
        return worker.reader().fetch(ChangeTimes.since(since, worker.lookBack(), Clock.systemUTC()));
    }

    @Override
    protected Worker build(ZammadSettings settings) {
        WriteSettings write = settings.write();
        return new Worker(new ZammadTicketReader(client(settings), settings.perPage(), settings.maxPagesPerPoll(),
                settings.selection(), settings.overlap(), write.outcomesWanted() ? Optional.of(ZammadAdapter.labels(
                write.queueMapping(), write.priorityMapping(), write.review())) : Optional.empty(),
                Clock.systemUTC()), settings.lookBack().toString());
    }
}
