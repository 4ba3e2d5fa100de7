package io.tickettriage.adapter.zammad;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * The Java half of the {@code zammad-fetch-tickets-action} Kamelet: starts a {@link ZammadListing} per poll and
 * feeds it the answers the Kamelet fetches. Immutable and shared by all polls.
 */
public final class ZammadTicketReader {

    /** The largest page Zammad's ticket search serves. */
    static final int MAX_PER_PAGE = 200;

    private final String baseUrl;
    private final int perPage;
    private final int maxPagesPerPoll;
    private final ZammadSelection selection;
    private final Duration overlap;

    /**
     * @param states  comma-separated state names
     * @param overlap ISO-8601 duration the search reaches back before the watermark, for search indexes that lag
     */
    public ZammadTicketReader(String baseUrl, int perPage, int maxPagesPerPoll, String group, String states,
                              String markerTag, String overlap) {
        // Checked here too, so that a bad Kamelet property stops the start rather than the first poll.
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("Zammad page size must be 1.." + MAX_PER_PAGE + ", was " + perPage);
        }
        if (maxPagesPerPoll < 1) {
            throw new IllegalArgumentException("Zammad maxPagesPerPoll must be positive, was " + maxPagesPerPoll);
        }
        try {
            this.overlap = Duration.parse(overlap);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Zammad search overlap must be an ISO-8601 duration such as PT0S or "
                    + "PT2M, was '" + overlap + "'");
        }
        if (this.overlap.isNegative()) {
            throw new IllegalArgumentException("Zammad search overlap must not be negative, was " + overlap);
        }
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.perPage = perPage;
        this.maxPagesPerPoll = maxPagesPerPoll;
        this.selection = ZammadSelection.of(group, states, markerTag);
    }

    public ZammadListing start(Instant watermark) {
        return new ZammadListing(this, watermark);
    }

    public void readPage(@Variable("listing") ZammadListing listing, @Body String page) {
        listing.acceptPage(page);
    }

    public void readArticles(@Variable("listing") ZammadListing listing, @Body String articles) {
        listing.acceptArticles(articles);
    }

    String baseUrl() {
        return baseUrl;
    }

    int perPage() {
        return perPage;
    }

    int maxPagesPerPoll() {
        return maxPagesPerPoll;
    }

    ZammadSelection selection() {
        return selection;
    }

    Duration overlap() {
        return overlap;
    }
}
