package io.tickettriage.adapter.rt;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.HelpDeskHistory;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HistoryLabels;
import io.tickettriage.adapter.HistoryTags;
import io.tickettriage.adapter.TriagedTickets;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.dataset.LabelledDataset;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * An RT's own history as training data: every ticket changed since a point in time, listed as the poll lists them
 * ({@link RtSearch}: TicketSQL {@code LastUpdated >= '…'}, every queue and status, walked by key), of which the
 * resolved ones teach their queue and priority ({@link HistoryLabels}). The text of those is read a page at a time
 * ({@link RtTexts}: two calls per page). A ticket whose marker field ({@code rt.custom-field.marker}) holds the
 * marker ({@code triage.marker-tag}) was labelled by ticket-triage. {@code rejected} and {@code deleted} tickets
 * were not finished by people's choice of queue, and an open one may still move. A tags head learns the values of
 * the tags custom field ({@code rt.custom-field.tags}), which the search sends with the ticket ({@link HistoryTags}).
 */
public final class RtHistory implements HelpDeskHistory {

    static final HistoryLabels.Reasons REASONS = new HistoryLabels.Reasons(new Reason("not resolved"),
            new Reason("labelled by ticket-triage (marker field)"), new Reason("without a queue"),
            new Reason("in the review queue"));

    /** A ticket of the page being read, with its change time. */
    private record Seen(JsonNode ticket, Instant updated) {
    }

    private final HelpDeskHttp http;
    private final RtSettings settings;
    private final HistoryLabels labels;
    private final Progress progress;

    RtHistory(HelpDeskHttp http, RtSettings settings, HistoryLabels labels, Progress progress) {
        this.http = http;
        this.settings = settings;
        this.labels = labels;
        this.progress = progress;
    }

    /**
     * The history as the service's configuration describes it: {@code rt.base-url}, the credentials,
     * {@code rt.page-size}, {@code rt.time-zone}, the label mappings, {@code rt.review-queue} and the marker.
     */
    public static RtHistory configure(CamelContext camel, TriageProperties properties, TriagedTickets triaged,
                                      boolean tags, Progress progress) {
        // The same settings and client as the service's: one error type, one Retry-After policy.
        RtSettings settings = RtSettings.fromConfiguration(properties, "");
        if (tags && settings.tagsField().isEmpty()) {
            throw new ConfigurationException("a tags head learns the values of rt.custom-field.tags, which is empty "
                    + "(off): name the multi-value custom field that holds the tickets' tags");
        }
        HelpDeskHttp http = RtHttp.standalone(camel, settings.baseUrl(), settings.authentication(),
                settings.policy(), HelpDeskHistory.announcing(RtHttp.NAME, progress));
        HistoryLabels labels = HistoryLabels.of(properties, RtAdapter.QUEUE_MAPPING, RtAdapter.PRIORITY_MAPPING,
                "queue", RtTicketMapper.DONE_STATUSES, settings.write().review(), RtTicketMapper.SYSTEM, triaged,
                REASONS, HistoryTags.of(tags, settings.write(), progress::notice));
        return new RtHistory(http, settings, labels, progress);
    }

    @Override
    public String baseUrl() {
        return http.baseUrl();
    }

    @Override
    public String qualifies() {
        return "resolved in a queue set by people";
    }

    @Override
    public Optional<TagsRead> tags() {
        return labels.tags().map(tags -> TagsRead.of("the custom field " + settings.tagsField().orElseThrow()
                + ", sent with each ticket", tags));
    }

    /** Oldest change first. */
    @Override
    public Result read(Instant since) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        Map<String, Seen> page = new LinkedHashMap<>();
        RtSearch search = new RtSearch(http, bound -> RtSelection.changedSince(bound, settings.timeZone()),
                settings.timeZone(), settings.pageSize(), Integer.MAX_VALUE, Clock.systemUTC());
        RtSearch.Listed listed = search.walk(since, (id, ticket, updated) -> page.put(id, new Seen(ticket, updated)),
                sofar -> {
            judge(page, verdicts);
            page.clear();
            progress.page(tally(sofar, verdicts));
        });
        listed.unreadable().forEach(ticket -> progress.notice("RT: ticket " + ticket.reference() + " is left out "
                + "because ticket-triage cannot read it: " + ticket.reason()));
        return new Result(new LabelledDataset("RT " + baseUrl() + ", resolved tickets changed since "
                + since.truncatedTo(ChronoUnit.SECONDS), verdicts.values().stream().filter(Kept.class::isInstance)
                .map(verdict -> ((Kept) verdict).ticket()).toList(), 0), tally(listed, verdicts));
    }

    /** Judges one page's tickets; the texts of the resolved ones are read together, two calls for the page. */
    private void judge(Map<String, Seen> tickets, Map<String, Verdict> verdicts) {
        List<String> resolved = tickets.entrySet().stream().filter(e -> RtTicketMapper.DONE_STATUSES.contains(
                RtTicketMapper.text(e.getValue().ticket(), "Status"))).map(Map.Entry::getKey).toList();
        Map<String, String> bodies = RtTexts.read(http, resolved);
        String marker = settings.write().markerTag();
        tickets.forEach((id, seen) -> {
            JsonNode ticket = seen.ticket();
            boolean marked = settings.markerField().map(field -> RtTicketMapper.customFieldValues(ticket, field)
                    .stream().anyMatch(marker::equalsIgnoreCase)).orElse(false);
            String queueId = RtTicketMapper.queueId(ticket);
            String queue = labels.queues().containsKey(queueId) ? queueId : RtTicketMapper.queueName(ticket);
            verdicts.put(id, labels.judge(id, RtTicketMapper.text(ticket, "Status"), marked, queue,
                    RtTicketMapper.text(ticket, "Priority"), () -> RtTicketMapper.toTicket(ticket,
                            bodies.getOrDefault(id, ""), List.of(), seen.updated()),
                    () -> RtTicketMapper.customFieldValues(ticket, settings.tagsField().orElseThrow())));
        });
    }

    private static Tally tally(RtSearch.Listed listed, Map<String, Verdict> verdicts) {
        return Tally.of(listed.pages(), verdicts.values(), listed.unreadable().size(), REASONS.all());
    }
}
