package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.ChangeTimes;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.triage.TicketBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bean of the {@code freshdesk-fetch-tickets-action} Kamelet: takes the watermark, returns the
 * {@link TicketBatch} of tickets changed since that need triage. Its worker is built on first use, from its
 * {@link FreshdeskSettings}.
 */
public final class FreshdeskFetch extends FreshdeskKameletBean<FreshdeskFetch.Worker> {

    /** The reader, and how far back a fetch without a start looks. */
    record Worker(FreshdeskTicketReader reader, String lookBack) {
    }

    public FreshdeskFetch() {
        super("freshdesk-fetch-tickets-action");
    }

    /**
     * The tickets changed since the body's instant (a {@link Instant} or ISO-8601 text; an empty body looks back
     * {@code lookBack}) that need triage.
     */
    public TicketBatch fetch(Object since) {
        Worker worker = worker();
        Instant watermark = ChangeTimes.since(since, worker.lookBack(), Clock.systemUTC());
        return worker.reader().fetch(watermark);
    }

    @Override
    protected Worker build(FreshdeskSettings settings) {
        HelpDeskHttp http = http(settings);
        Supplier<Optional<FreshdeskLabels>> labels = () -> settings.write().outcomesWanted()
                ? Optional.of(FreshdeskLabels.of(context(), http, settings.write(), names())) : Optional.empty();
        return new Worker(new FreshdeskTicketReader(http, settings.perPage(), settings.maxPagesPerPoll(),
                settings.pageCap(), settings.selection(), labels, Clock.systemUTC()),
                settings.lookBack().toString());
    }
}
