package io.tickettriage.adapter.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.ChangeTimes;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import io.tickettriage.triage.UnreadableTicket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll's fetch: TicketSearch for the tickets of the incoming queues and states changed since the watermark
 * ({@code TicketLastChangeTimeNewerDate}, inclusive, {@code SortBy=Changed&OrderBy=Up}, {@code Limit} = page size),
 * then TicketGet of the new ids, several per call, with their first article and dynamic fields. Not shared between
 * threads.
 *
 * <p>TicketSearch has no paging. When a search comes back full, the next one starts at the change time where this one
 * ended, inclusive, and ids already seen are not fetched again. Search ids come back in change-time order as of the
 * search, but TicketGet reports change times as of its own, later moment: a ticket someone changed in between reports
 * a later time, and restarting there could pass over tickets between the two. So the restart point — and the
 * watermark — is the earlier of the change times of the result's last two readable tickets: only if both changed in
 * that instant could anything be passed over. Tickets that share one change time and fill a whole page are searched
 * again with a larger limit. A poll runs at most {@code maxPagesPerPoll} searches; the watermark resumes the rest.
 *
 * <p>Every answer is read inside the client's reader, so a garbled one is fetched again. Each ticket of a TicketGet
 * answer is read on its own: one that cannot be read (poison JSON, an unsafe id, a change time that is no time or
 * more than a day ahead) becomes an {@link UnreadableTicket} and moves neither the restart point nor the watermark.
 *
 * <p>TicketGet answers AccessDenied for the whole list when one ticket of it is gone (merged, deleted or moved out of
 * the agent's reach since the search); the ids are then fetched one by one and the gone one is passed over.
 *
 * <p>What becomes of the tickets read is the {@link Visitor}'s: the poll keeps those that need triage
 * ({@link OtoboTriageSelection}), training judges them all ({@link OtoboHistory}).
 */
final class OtoboListing {

    /** Takes what a listing reads. */
    interface Visitor {

        /** The search's filters besides the change time, the order and the limit, e.g. Queues and States. */
        Map<String, Object> filters();

        /**
         * One readable ticket as TicketGet returned it, with its change time.
         *
         * @throws IllegalArgumentException when it cannot be read after all: it is kept as unreadable
         */
        void ticket(String id, JsonNode ticket, Instant changed);

        /** After each search and the TicketGets of the ids it found new; {@code sofar} counts the listing so far. */
        void searched(Listed sofar);
    }

    /**
     * What a listing has seen.
     *
     * @param searches   TicketSearch calls
     * @param scanned    distinct ids listed
     * @param restart    where the next listing continues
     * @param unreadable the tickets that could not be read
     */
    record Listed(int searches, int scanned, Instant restart, List<UnreadableTicket> unreadable) {

        Listed {
            unreadable = List.copyOf(unreadable);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OtoboListing.class);
    private static final Set<String> TICKET_GONE = Set.of("TicketGet.AccessDenied", "TicketGet.NotValidTicketID");
    /** A TicketID as OTOBO's database hands them out. */
    private static final Pattern SAFE_ID = Pattern.compile("[1-9][0-9]{0,18}");

    private final OtoboTicketFetch fetch;
    private final OtoboTicketMapper mapper;
    private final Visitor visitor;
    private final List<UnreadableTicket> unreadable = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private final Deque<List<String>> batches = new ArrayDeque<>();
    private final Map<String, Instant> observed = new HashMap<>();
    private Instant since;
    private int limit;
    private int searches;
    private boolean lastSearchFull;
    private List<String> lastSearchIds = List.of();

    OtoboListing(OtoboTicketFetch fetch, Instant changedSince, Visitor visitor) {
        this.fetch = fetch;
        this.visitor = visitor;
        this.mapper = new OtoboTicketMapper(fetch.time(), fetch.markerField());
        this.since = changedSince.truncatedTo(ChronoUnit.SECONDS);
        this.limit = fetch.pageSize();
    }

    Listed run() {
        while (true) {
            search();
            while (!batches.isEmpty()) {
                get(batches.poll());
            }
            visitor.searched(listed());
            if (!lastSearchFull) {
                break;
            }
            if (searches >= fetch.maxPagesPerPoll()) {
                LOG.info("OTOBO: ran {} searches this poll; the next poll continues from {}", searches,
                        fetch.time().format(restartPoint()));
                break;
            }
            Instant restart = restartPoint();
            if (restart.isAfter(since)) {
                since = restart;
                limit = fetch.pageSize();
            } else if (limit < OtoboTicketFetch.MAX_LIMIT) {
                // A whole page changed at the very time the search started from: only a larger page gets past it.
                limit = Math.min(limit * 2, OtoboTicketFetch.MAX_LIMIT);
                LOG.info("OTOBO: a whole page of tickets changed at {}; searching again for up to {}",
                        fetch.time().format(since), limit);
            } else {
                LOG.warn("OTOBO: more than {} tickets changed at {}; the rest of them is skipped", limit,
                        fetch.time().format(since));
                break;
            }
        }
        return listed();
    }

    private Listed listed() {
        return new Listed(searches, seen.size(), restartPoint(), unreadable);
    }

    private void search() {
        Map<String, Object> data = new LinkedHashMap<>(visitor.filters());
        data.put("TicketLastChangeTimeNewerDate", fetch.time().format(since));
        data.put("SortBy", "Changed");
        data.put("OrderBy", "Up");
        data.put("Limit", limit);
        JsonNode result = fetch.client().call(fetch.searchRoute(), data, "TicketSearch for tickets changed since "
                + fetch.time().format(since), false);
        searches++;
        List<String> ids = new ArrayList<>();
        JsonNode listed = result.path("TicketID");
        if (listed.isValueNode() && !listed.isNull()) {
            ids.add(listed.asText());
        } else {
            listed.forEach(id -> ids.add(id.isValueNode() ? id.asText() : id.toString()));
        }
        lastSearchIds = ids;
        lastSearchFull = ids.size() >= limit;
        List<String> fresh = new ArrayList<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                continue;
            }
            if (SAFE_ID.matcher(id).matches()) {
                fresh.add(id);
            } else {
                unreadable(id, "\"TicketID\":" + quoted(id), "TicketSearch listed an id that is no TicketID");
            }
        }
        for (int i = 0; i < fresh.size(); i += fetch.batchSize()) {
            batches.add(fresh.subList(i, Math.min(fresh.size(), i + fetch.batchSize())));
        }
    }

    private void get(List<String> batch) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("TicketID", String.join(",", batch));
        data.put("AllArticles", 1);
        data.put("ArticleLimit", 1);
        data.put("DynamicFields", 1);
        List<JsonRecords.Record> records;
        try {
            // Split inside the reader: an answer that is not JSON is fetched again.
            records = fetch.client().call(fetch.getRoute(), data, "TicketGet of ticket"
                    + (batch.size() == 1 ? " " : "s ") + String.join(",", batch), false,
                    body -> JsonRecords.split(body, "Ticket", "TicketID"), HelpDeskHttp.Guard.none());
        } catch (HelpDeskApiException e) {
            if (!OtoboClient.refusedWith(e, TICKET_GONE)) {
                throw e;
            }
            ticketsGone(batch);
            return;
        }
        for (JsonRecords.Record record : records) {
            read(record);
        }
    }

    private void read(JsonRecords.Record record) {
        if (record.problem().isPresent()) {
            unreadable(record.id(), record.raw(), record.problem().get());
            return;
        }
        JsonNode json = record.json().orElseThrow();
        try {
            String id = OtoboTicketMapper.id(json);
            if (!SAFE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("OTOBO ticket with a TicketID that is no database id");
            }
            Instant changed = ChangeTimes.plausible(mapper.changed(json), fetch.clock(), "OTOBO ticket " + id
                    + "'s Changed");
            visitor.ticket(id, json, changed);
            observed.put(id, changed);
        } catch (IllegalArgumentException e) {
            unreadable(record.id(), record.raw(), e.getMessage());
        }
    }

    /** One unreadable ticket must not fail the poll; the dead-letter store keeps it. */
    private void unreadable(String id, String raw, String reason) {
        unreadable.add(new UnreadableTicket(OtoboTicketMapper.SYSTEM, id, raw, reason));
        // The dead-letter store says so, once.
        LOG.debug("OTOBO returned a ticket that ticket-triage cannot read: {}", reason);
    }

    /** A ticket of this TicketGet is gone: fetch a list one by one, pass over a single one. */
    private void ticketsGone(List<String> batch) {
        if (batch.size() > 1) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                batches.addFirst(List.of(batch.get(i)));
            }
        } else {
            LOG.warn("OTOBO ticket {} could not be read although the search listed it (merged, deleted or moved out "
                    + "of reach since); it is skipped", batch.get(0));
        }
    }

    /** The earlier change time of the last search's last two readable tickets (see the class comment). */
    private Instant restartPoint() {
        Instant restart = null;
        int counted = 0;
        for (int i = lastSearchIds.size() - 1; i >= 0 && counted < 2; i--) {
            Instant changed = observed.get(lastSearchIds.get(i));
            if (changed != null) {
                restart = restart == null || changed.isBefore(restart) ? changed : restart;
                counted++;
            }
        }
        return restart == null || restart.isBefore(since) ? since : restart;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
