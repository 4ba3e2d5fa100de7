package io.tickettriage.adapter.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.UnreadableTicket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll's fetch: TicketSearch for the tickets of the incoming queues and states changed since the watermark
 * ({@code TicketLastChangeTimeNewerDate}, inclusive, {@code SortBy=Changed&OrderBy=Up}, {@code Limit} = page size),
 * then TicketGet of the new ids, several per call, with their first article and dynamic fields. Lives in an exchange
 * variable for the length of the poll; not shared between threads.
 *
 * <p>TicketSearch has no paging. When a search comes back full, the next one starts at the change time where this one
 * ended, inclusive, and ids already seen are not fetched again. Search ids come back in change-time order as of the
 * search, but TicketGet reports change times as of its own, later moment: a ticket someone changed in between reports
 * a later time, and restarting there could pass over tickets between the two. So the restart point — and the
 * watermark — is the earlier of the change times of the result's last two tickets: only if both changed in that
 * instant could anything be passed over. Tickets that share one change time and fill a whole page are searched again
 * with a larger limit. A poll runs at most {@code maxPagesPerPoll} searches; the watermark resumes the rest.
 *
 * <p>TicketGet answers AccessDenied for the whole list when one ticket of it is gone (merged, deleted or moved out of
 * the agent's reach since the search); the ids are then fetched one by one and the gone one is passed over.
 */
public final class OtoboListing implements OtoboConversation {

    private static final Logger LOG = LoggerFactory.getLogger(OtoboListing.class);
    private static final Set<String> TICKET_GONE = Set.of("TicketGet.AccessDenied", "TicketGet.NotValidTicketID");

    private final OtoboTicketReader reader;
    private final List<UnreadableTicket> unreadable = new ArrayList<>();
    private final OtoboAuthentication authentication;
    private final OtoboTicketMapper mapper;
    private Instant since;
    private int limit;
    private int searches;
    private boolean lastSearchFull;
    private List<String> lastSearchIds = List.of();
    private final Set<String> seen = new LinkedHashSet<>();
    private final Deque<List<String>> batches = new ArrayDeque<>();
    private final Map<String, Instant> observed = new HashMap<>();
    private final Map<String, Ticket> selected = new LinkedHashMap<>();
    private List<String> currentBatch;
    private OtoboCall call;
    private Instant watermark;

    OtoboListing(OtoboTicketReader reader, OtoboAuthentication authentication, Instant changedSince) {
        this.reader = reader;
        this.authentication = authentication;
        this.mapper = new OtoboTicketMapper(reader.time(), reader.markerField());
        this.since = changedSince.truncatedTo(ChronoUnit.SECONDS);
        this.limit = reader.pageSize();
        search();
    }

    @Override
    public boolean hasNext() {
        return watermark == null;
    }

    @Override
    public OtoboRequest next() {
        return call.next();
    }

    @Override
    public void accept(int status, String body) {
        try {
            call.accept(status, body);
        } catch (OtoboRefusal refusal) {
            if (currentBatch == null || !TICKET_GONE.contains(refusal.errorCode())) {
                throw refusal;
            }
            ticketsGone();
            return;
        }
        if (call.hasNext()) {
            return; // a session is being created or renewed
        }
        if (currentBatch == null) {
            searched(call.result());
        } else {
            fetched(call.result());
        }
    }

    public TicketBatch toBatch() {
        List<Ticket> tickets = new ArrayList<>(selected.values());
        tickets.sort(Comparator.comparing(Ticket::updatedAt));
        return new TicketBatch(tickets, seen.size(), watermark == null ? since : watermark, unreadable);
    }

    private void search() {
        Map<String, Object> data = new LinkedHashMap<>();
        if (!reader.queues().isEmpty()) {
            data.put("Queues", reader.queues());
        }
        if (!reader.states().isEmpty()) {
            data.put("States", reader.states());
        }
        data.put("TicketLastChangeTimeNewerDate", reader.time().format(since));
        data.put("SortBy", "Changed");
        data.put("OrderBy", "Up");
        data.put("Limit", limit);
        // Only a JSON body can carry a dynamic field filter; on a GET route the marker is checked after TicketGet.
        if (reader.searchRoute().hasBody()) {
            reader.markerField().ifPresent(field -> data.put("DynamicField_" + field, Map.of("Empty", 1)));
        }
        currentBatch = null;
        call = new OtoboCall(reader.baseUrl(), authentication, reader.session(), reader.searchRoute(), data,
                "TicketSearch for tickets changed since " + reader.time().format(since));
    }

    private void searched(JsonNode result) {
        searches++;
        List<String> ids = new ArrayList<>();
        result.path("TicketID").forEach(id -> ids.add(id.asText()));
        lastSearchIds = ids;
        lastSearchFull = ids.size() >= limit;
        List<String> fresh = ids.stream().filter(seen::add).toList();
        for (int i = 0; i < fresh.size(); i += reader.batchSize()) {
            batches.add(fresh.subList(i, Math.min(fresh.size(), i + reader.batchSize())));
        }
        advance();
    }

    private void fetchNextBatch() {
        currentBatch = batches.poll();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("TicketID", String.join(",", currentBatch));
        data.put("AllArticles", 1);
        data.put("ArticleLimit", 1);
        data.put("DynamicFields", 1);
        call = new OtoboCall(reader.baseUrl(), authentication, reader.session(), reader.getRoute(), data,
                "TicketGet of ticket" + (currentBatch.size() == 1 ? " " : "s ") + String.join(",", currentBatch));
    }

    private void fetched(JsonNode result) {
        for (JsonNode json : result.path("Ticket")) {
            try {
                String id = OtoboTicketMapper.id(json);
                observed.put(id, mapper.changed(json));
                boolean marked = mapper.markers(json).stream().anyMatch(value -> value.equalsIgnoreCase(reader.markerTag()));
                if (!marked) {
                    selected.put(id, mapper.toTicket(json));
                }
            } catch (IllegalArgumentException e) {
                // One unreadable ticket must not fail every poll from now on; the dead-letter store keeps it.
                unreadable.add(new UnreadableTicket("otobo", json.path("TicketID").asText(""), json.toString(),
                        e.getMessage()));
                LOG.error("OTOBO returned a ticket that ticket-triage cannot read; it is skipped: {}", e.getMessage());
            }
        }
        advance();
    }

    /** A ticket of the current TicketGet is gone: fetch a list one by one, pass over a single one. */
    private void ticketsGone() {
        if (currentBatch.size() > 1) {
            for (int i = currentBatch.size() - 1; i >= 0; i--) {
                batches.addFirst(List.of(currentBatch.get(i)));
            }
        } else {
            LOG.warn("OTOBO ticket {} could not be read although the search listed it (merged, deleted or moved out "
                    + "of reach since); it is skipped", currentBatch.get(0));
        }
        advance();
    }

    /** Reads the next batch, or searches on from where the last full search ended, or ends the poll. */
    private void advance() {
        if (!batches.isEmpty()) {
            fetchNextBatch();
            return;
        }
        if (!lastSearchFull) {
            finish();
            return;
        }
        if (searches >= reader.maxPagesPerPoll()) {
            LOG.info("OTOBO: ran {} searches this poll; the next poll continues from {}", searches,
                    reader.time().format(restartPoint()));
            finish();
            return;
        }
        Instant restart = restartPoint();
        if (restart.isAfter(since)) {
            since = restart;
            limit = reader.pageSize();
        } else if (limit < OtoboTicketReader.MAX_LIMIT) {
            // A whole page changed at the very time the search started from: only a larger page gets past it.
            limit = Math.min(limit * 2, OtoboTicketReader.MAX_LIMIT);
            LOG.info("OTOBO: a whole page of tickets changed at {}; searching again for up to {}",
                    reader.time().format(since), limit);
        } else {
            LOG.warn("OTOBO: more than {} tickets changed at {}; the rest of them is skipped", limit,
                    reader.time().format(since));
            finish();
            return;
        }
        search();
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

    private void finish() {
        watermark = restartPoint();
        currentBatch = null;
    }
}
