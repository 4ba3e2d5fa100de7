package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.triage.TicketBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fetch side's worker: one poll's walk through the ticket list, page by page through the shared
 * {@link HelpDeskHttp} (so a page that cannot be read is fetched again), returning the tickets that need triage.
 * Immutable and shared by all polls.
 */
final class FreshdeskTicketReader {

    private final HelpDeskHttp http;
    private final int perPage;
    private final int maxPagesPerPoll;
    private final int pageCap;
    private final FreshdeskTicketSelection selection;
    private final Supplier<Optional<FreshdeskLabels>> labels;
    private final Clock clock;

    /**
     * @param labels the mappings to read outcomes with, resolved when a poll first needs them (after the client was
     *               reopened, so refused credentials of an earlier poll do not stick); empty: no outcomes
     */
    FreshdeskTicketReader(HelpDeskHttp http, int perPage, int maxPagesPerPoll, int pageCap,
                          FreshdeskTicketSelection selection,
                          Supplier<Optional<FreshdeskLabels>> labels, Clock clock) {
        FreshdeskTicketWalk.requireValidPaging(perPage, pageCap);
        if (maxPagesPerPoll < 1) {
            throw new IllegalArgumentException("Freshdesk maxPagesPerPoll must be positive, was " + maxPagesPerPoll);
        }
        this.http = http;
        this.perPage = perPage;
        this.maxPagesPerPoll = maxPagesPerPoll;
        this.pageCap = pageCap;
        this.selection = selection;
        this.labels = FreshdeskAdapter.memoize(labels);
        this.clock = clock;
    }

    /** One poll: the tickets changed since {@code updatedSince} that need triage. */
    TicketBatch fetch(Instant updatedSince) {
        // Credentials refused in the poll before are tried again, once.
        http.reopen();
        FreshdeskListing listing = start(updatedSince);
        while (listing.hasNext()) {
            listing.accept(http.send(HelpDeskHttp.Request.get(listing.nextUrl(), "listing tickets"),
                    FreshdeskPage.READER));
        }
        return listing.toBatch();
    }

    FreshdeskListing start(Instant updatedSince) {
        return new FreshdeskListing(this, updatedSince);
    }

    FreshdeskTicketWalk walk(Instant updatedSince, FreshdeskTicketWalk.Listener listener) {
        return new FreshdeskTicketWalk(http.baseUrl(), perPage, pageCap, updatedSince, clock, listener);
    }

    FreshdeskTicketSelection selection() {
        return selection;
    }

    Optional<FreshdeskLabels> labels() {
        return labels.get();
    }

    int maxPagesPerPoll() {
        return maxPagesPerPoll;
    }
}
