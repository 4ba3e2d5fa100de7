package io.tickettriage.adapter.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickettriage.adapter.HelpDeskHistory;
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
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * An OTOBO's (Znuny's, OTRS's) own history as training data: every ticket changed since a point in time, listed as
 * the poll lists them ({@link OtoboListing}: TicketSearch by {@code TicketLastChangeTimeNewerDate}, then TicketGet
 * several at a time with the first article and the dynamic fields), in every queue and state, of which those of a
 * closed state type ("closed successful", "closed unsuccessful" and any state an admin added of that type) teach
 * their queue and priority ({@link HistoryLabels}). A ticket whose marker field ({@code otobo.dynamic-field.marker})
 * holds the marker value ({@code triage.marker-tag}) was labelled by ticket-triage. A tags head learns the values of
 * the tags field ({@code otobo.dynamic-field.tags}), which TicketGet sends with the ticket ({@link HistoryTags}).
 */
public final class OtoboHistory implements HelpDeskHistory {

    /** TicketGet's StateType of a finished ticket; merged and removed tickets are not finished by people. */
    static final Set<String> DONE_STATE_TYPES = Set.of("closed");
    static final HistoryLabels.Reasons REASONS = new HistoryLabels.Reasons(new Reason("not closed"),
            new Reason("labelled by ticket-triage (marker field)"), new Reason("without a queue"),
            new Reason("in the review queue"));

    private final OtoboTicketFetch fetch;
    private final HistoryLabels labels;
    private final Progress progress;

    /** @param fetch how to list: every queue and state, no page limit */
    OtoboHistory(OtoboTicketFetch fetch, HistoryLabels labels, Progress progress) {
        this.fetch = fetch;
        this.labels = labels;
        this.progress = progress;
    }

    /**
     * The history as the service's configuration describes it: {@code otobo.base-url}, the agent's credentials and
     * {@code otobo.auth}, the search and get routes, {@code otobo.time-zone}, {@code otobo.page-size},
     * {@code otobo.get-batch-size}, the label mappings, {@code otobo.review-queue} and the marker.
     */
    public static OtoboHistory configure(CamelContext camel, TriageProperties properties, TriagedTickets triaged,
                                         boolean tags, Progress progress) {
        // The same settings and client as the service's: one error type, one Retry-After policy.
        OtoboSettings settings = OtoboSettings.fromConfiguration(properties, "");
        if (tags && settings.tagsField().isEmpty()) {
            throw new ConfigurationException("a tags head learns the values of otobo.dynamic-field.tags, which is "
                    + "empty (off): name the multiselect dynamic field that holds the tickets' tags");
        }
        OtoboClient client = OtoboClient.standalone(camel, settings.baseUrl(), settings.authentication(),
                settings.policy(), HelpDeskHistory.announcing("OTOBO", progress));
        OtoboTicketFetch fetch = new OtoboTicketFetch(client, settings.searchRoute(), settings.getRoute(), List.of(),
                List.of(), settings.pageSize(), Integer.MAX_VALUE, settings.batchSize(), settings.time(),
                settings.markerField(), settings.tagsField(), settings.write().markerTag(), Optional.empty(),
                Clock.systemUTC());
        HistoryLabels labels = HistoryLabels.of(properties, OtoboAdapter.QUEUE_MAPPING,
                OtoboAdapter.PRIORITY_MAPPING, "queue", DONE_STATE_TYPES, properties.optional("otobo.review-queue"),
                OtoboTicketMapper.SYSTEM, triaged, REASONS, HistoryTags.of(tags, settings.write(), progress::notice));
        return new OtoboHistory(fetch, labels, progress);
    }

    @Override
    public String baseUrl() {
        return fetch.client().baseUrl();
    }

    @Override
    public String qualifies() {
        return "closed in a queue set by people";
    }

    @Override
    public Optional<TagsRead> tags() {
        return labels.tags().map(tags -> TagsRead.of("the dynamic field " + fetch.tagsField().orElseThrow()
                + ", sent with each ticket", tags));
    }

    /** Oldest change first. */
    @Override
    public Result read(Instant since) {
        OtoboTicketMapper mapper = new OtoboTicketMapper(fetch.time(), fetch.markerField());
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        OtoboListing.Visitor judge = new OtoboListing.Visitor() {
            @Override
            public Map<String, Object> filters() {
                return Map.of();
            }

            @Override
            public void ticket(String id, JsonNode ticket, Instant changed) {
                boolean marked = mapper.markers(ticket).stream().anyMatch(fetch.markerTag()::equalsIgnoreCase);
                verdicts.put(id, labels.judge(id, text(ticket, "StateType"), marked, text(ticket, "Queue"),
                        text(ticket, "Priority"), () -> mapper.toTicket(ticket),
                        () -> OtoboTicketMapper.values(ticket, fetch.tagsField())));
            }

            @Override
            public void searched(OtoboListing.Listed sofar) {
                progress.page(tally(sofar, verdicts));
            }
        };
        OtoboListing.Listed listed = new OtoboListing(fetch, since, judge).run();
        listed.unreadable().forEach(ticket -> progress.notice("OTOBO: ticket " + ticket.reference() + " is left out "
                + "because ticket-triage cannot read it: " + ticket.reason()));
        return new Result(new LabelledDataset("OTOBO " + baseUrl() + ", closed tickets changed since "
                + since.truncatedTo(ChronoUnit.SECONDS), verdicts.values().stream().filter(Kept.class::isInstance)
                .map(verdict -> ((Kept) verdict).ticket()).toList(), 0), tally(listed, verdicts));
    }

    private static Tally tally(OtoboListing.Listed listed, Map<String, Verdict> verdicts) {
        return Tally.of(listed.searches(), verdicts.values(), listed.unreadable().size(), REASONS.all());
    }

    private static String text(JsonNode ticket, String field) {
        JsonNode value = ticket.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }
}
