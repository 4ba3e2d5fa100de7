package io.tickettriage.adapter.rt;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.triage.UnreadableTicket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A walk through RT's ticket search ({@code GET /REST/2.0/tickets?query=<TicketSQL>}), oldest change first
 * ({@code orderby=LastUpdated, id}), with the fields a ticket is judged by. It pages by key rather than by page
 * number: after a full page with more to come, the next query starts at the newest {@code LastUpdated} it held
 * ({@code LastUpdated >= '…'}, page 1), since tickets written meanwhile leave the selection and would shift the
 * pages. RT keeps whole seconds and several tickets share one: those of the bound's second come again and are kept
 * once, by id; only when a whole page shares one second does the walk go to the next page number. The walk reads at
 * most {@code maxPages} pages. Not shared between threads.
 *
 * <p>A record that is no readable ticket (poison JSON, no numeric id, a LastUpdated that is no time or lies more
 * than a day ahead) is kept as an {@link UnreadableTicket} and moves nothing.
 */
final class RtSearch {

    /** Takes each readable ticket once. */
    interface Visitor {

        /** @throws IllegalArgumentException when it cannot be read after all: it is kept as unreadable */
        void ticket(String id, JsonNode ticket, Instant updated);
    }

    /**
     * What a walk saw.
     *
     * @param pages        search pages read
     * @param scanned      distinct records listed
     * @param newest       the newest LastUpdated seen, the walk's start when none was newer
     * @param stoppedEarly whether it ended at its page limit rather than at the search's end
     * @param unreadable   the records that could not be read
     */
    record Listed(int pages, int scanned, Instant newest, boolean stoppedEarly, List<UnreadableTicket> unreadable) {

        Listed {
            unreadable = List.copyOf(unreadable);
        }
    }

    /** Every field a ticket is judged by; the queue by name. */
    static final String FIELDS = "&fields=Subject,Status,Priority,LastUpdated,Queue,CustomFields"
            + "&fields%5BQueue%5D=Name";
    private static final Logger LOG = LoggerFactory.getLogger(RtSearch.class);

    private final HelpDeskHttp http;
    private final Function<Instant, String> query;
    private final ZoneId zone;
    private final int perPage;
    private final int maxPages;
    private final Clock clock;

    /** @param query the TicketSQL of the tickets changed at or after a time */
    RtSearch(HelpDeskHttp http, Function<Instant, String> query, ZoneId zone, int perPage, int maxPages,
             Clock clock) {
        this.http = http;
        this.query = query;
        this.zone = zone;
        this.perPage = perPage;
        this.maxPages = maxPages;
        this.clock = clock;
    }

    /**
     * Walks the search from {@code from} on, inclusive.
     *
     * @param afterPage called after each page with the walk so far
     */
    Listed walk(Instant from, Visitor visitor, java.util.function.Consumer<Listed> afterPage) {
        Set<String> seen = new HashSet<>();
        List<UnreadableTicket> unreadable = new ArrayList<>();
        Instant bound = from;
        Instant newest = from;
        int page = 1;
        int pages = 0;
        while (true) {
            String sql = query.apply(bound);
            String url = RtHttp.url(http, "/tickets?query=" + HelpDeskHttp.encode(sql)
                    + "&orderby=LastUpdated&order=ASC&orderby=id&order=ASC&per_page=" + perPage + "&page=" + page
                    + FIELDS);
            RtPage answer = http.send(HelpDeskHttp.Request.get(url, "searching tickets changed since "
                    + RtSelection.changedSince(bound, zone).substring("LastUpdated >= ".length())), a ->
                    RtPage.read(a.body()));
            pages++;
            Instant first = null;
            Instant last = null;
            for (JsonRecords.Record record : answer.records()) {
                if (record.problem().isPresent()) {
                    if (seen.add("raw:" + record.id() + record.raw().hashCode())) {
                        unreadable.add(new UnreadableTicket(RtTicketMapper.SYSTEM, record.id(), record.raw(),
                                record.problem().get()));
                    }
                    continue;
                }
                JsonNode ticket = record.json().orElseThrow();
                try {
                    String id = RtTicketMapper.id(ticket);
                    Instant updated = RtTicketMapper.lastUpdated(ticket, clock);
                    first = first == null ? updated : first;
                    last = updated;
                    if (seen.add(id)) {
                        visitor.ticket(id, ticket, updated);
                        newest = updated.isAfter(newest) ? updated : newest;
                    }
                } catch (IllegalArgumentException e) {
                    if (seen.add("bad:" + record.id())) {
                        unreadable.add(new UnreadableTicket(RtTicketMapper.SYSTEM, record.id(), record.raw(),
                                e.getMessage()));
                    }
                }
            }
            Listed sofar = new Listed(pages, seen.size(), newest, false, unreadable);
            afterPage.accept(sofar);
            if (!answer.more()) {
                return sofar;
            }
            if (pages >= maxPages) {
                LOG.info("RT: read {} search pages this poll; the next poll continues from {}", pages, newest);
                return new Listed(pages, seen.size(), newest, true, unreadable);
            }
            if (first == null || first.equals(last) || !last.isAfter(bound)) {
                // The whole page is one second (or no readable time): starting again there would return it again.
                page++;
            } else {
                bound = last;
                page = 1;
            }
        }
    }
}
