package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.triage.TicketOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agents did, for one poll: the search the fetch runs, without its group, state and tag conditions
 * ({@code updated_at:{from TO *]} only), over the same window, walked by key ({@link ZammadSearchWalk}). The fetch's
 * own search leaves out the tickets that left the selection, and Zammad's search answers carry no tags, so which of
 * these tickets still need triage is the fetch search's to say ({@link #outcomes}).
 *
 * <p>It runs before the fetch's own search, so that every ticket changed up to the newest this one saw has been
 * searched for by the fetch as well, and the watermark may move on to it ({@link #newest()}). Walked as far as
 * {@code maxPages} allows; a walk cut short holds the watermark back to where it stopped ({@link #stoppedEarly()}).
 */
final class ZammadOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(ZammadOutcomes.class);

    private final Map<Long, TicketOutcome> seen;
    private final Instant newest;
    private final boolean stoppedEarly;

    private ZammadOutcomes(Map<Long, TicketOutcome> seen, Instant newest, boolean stoppedEarly) {
        this.seen = Collections.unmodifiableMap(new LinkedHashMap<>(seen));
        this.newest = newest;
        this.stoppedEarly = stoppedEarly;
    }

    /**
     * Walks the search for every ticket changed after the watermark less the overlap, as the fetch's own search
     * does, reading each as {@code labels} say.
     */
    static ZammadOutcomes read(HelpDeskHttp http, NamedLabels labels, Instant watermark, Duration overlap,
                               int perPage, int maxPages, Clock clock) {
        Instant from = watermark.minus(overlap);
        ZammadSearchWalk walk = new ZammadSearchWalk(http.baseUrl(), ZammadSelection::changedSince, from, false,
                perPage, maxPages);
        // By id: a ticket of the millisecond a walk restarts at comes again, unchanged.
        Map<Long, TicketOutcome> seen = new LinkedHashMap<>();
        // Described as the fetch's own search is: a refusal reads the same whichever search met it.
        Instant newest = walk.run(http, "searching tickets", clock, watermark, new ZammadSearchWalk.Visitor() {
                    @Override
                    public void ticket(JsonNode ticket, long id, Instant updated) {
                        seen.put(id, ZammadTicketMapper.outcome(labels, ticket, id, updated));
                    }

                    @Override
                    public void unreadable(String why) {
                        // The fetch's own search keeps it as a dead letter if it needs triage; else it has no outcome.
                        LOG.debug("Zammad: a ticket without an outcome, as it cannot be read: {}", why);
                    }
                }, () -> { });
        if (walk.stoppedEarly()) {
            LOG.info("Zammad: read {} search pages for what the agents chose this poll; the next poll continues "
                    + "from {}", walk.pages(), newest);
        }
        return new ZammadOutcomes(seen, newest, walk.stoppedEarly());
    }

    /** The outcomes of the tickets seen that are not among {@code needTriage}, in the search's order. */
    List<TicketOutcome> outcomes(Set<Long> needTriage) {
        return seen.entrySet().stream().filter(e -> !needTriage.contains(e.getKey())).map(Map.Entry::getValue)
                .toList();
    }

    /** The newest change time seen, the watermark when none was newer. */
    Instant newest() {
        return newest;
    }

    /** Whether the walk ended at its page limit rather than at the search's end. */
    boolean stoppedEarly() {
        return stoppedEarly;
    }
}
