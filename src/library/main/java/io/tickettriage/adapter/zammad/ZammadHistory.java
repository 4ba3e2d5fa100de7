package io.tickettriage.adapter.zammad;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.adapter.HelpDeskHistory;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HistoryLabels;
import io.tickettriage.adapter.HistoryTags;
import io.tickettriage.adapter.TriagedTickets;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.triage.HelpDeskApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;

/**
 * A Zammad's own history as training data: every ticket changed since a point in time, from the ticket search
 * ({@code updated_at:[since TO *]}, sorted by {@code updated_at}, walked by key as the fetch does), of which the
 * closed ones in a group teach their group and priority ({@link HistoryLabels}); the first article of each is their
 * text, read as the fetch reads it. Zammad's search answers carry no tags, so the tickets carrying the marker tag are
 * found first by a search of their own ({@code tags:"triaged"}), which costs a page per page of them rather than a
 * call per ticket. For the same reason a tags head's labels cost a call per ticket used: each one's tags are read
 * with {@code GET /api/v1/tags?object=Ticket&o_id={id}}, only for the tickets kept ({@link HistoryTags}).
 *
 * <p>Only {@code closed} counts as done: a {@code merged} ticket lives on in the one it was merged into, and
 * {@code pending close} may still be reopened by the customer.
 */
public final class ZammadHistory implements HelpDeskHistory {

    static final Set<String> DONE_STATES = Set.of("closed");
    static final HistoryLabels.Reasons REASONS = new HistoryLabels.Reasons(new Reason("not closed"),
            new Reason("labelled by ticket-triage (marker tag)"), new Reason("without a group"),
            new Reason("in the review group"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HelpDeskHttp http;
    private final int perPage;
    private final HistoryLabels labels;
    private final Optional<String> markerTag;
    private final Progress progress;
    private final Clock clock;

    /**
     * @param perPage   tickets per search page, up to Zammad's {@value ZammadTicketReader#MAX_PER_PAGE}
     * @param markerTag the tag ticket-triage marks written tickets with; empty when every marked ticket is kept
     */
    ZammadHistory(HelpDeskHttp http, int perPage, HistoryLabels labels, Optional<String> markerTag,
                  Progress progress, Clock clock) {
        this.http = http;
        this.perPage = perPage;
        this.labels = labels;
        this.markerTag = markerTag;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * The history as the service's configuration describes it: {@code zammad.base-url}, the credentials,
     * {@code zammad.page-size}, the label mappings, {@code zammad.review-group} and {@code triage.marker-tag}.
     */
    public static ZammadHistory configure(CamelContext camel, TriageProperties properties, TriagedTickets triaged,
                                          boolean tags, Progress progress) {
        ZammadSettings settings = ZammadSettings.fromConfiguration(properties, "");
        HistoryLabels labels = HistoryLabels.of(properties, ZammadAdapter.QUEUE_MAPPING,
                ZammadAdapter.PRIORITY_MAPPING, "group", DONE_STATES, settings.write().review(),
                ZammadTicketMapper.SYSTEM, triaged, REASONS, HistoryTags.of(tags, settings.write(), progress::notice));
        Optional<String> markerTag = triaged.includeAll() ? Optional.empty()
                : Optional.of(settings.write().markerTag());
        HelpDeskHttp http = ZammadHttp.standalone(camel, settings.baseUrl(), settings.authentication(),
                settings.policy(), HelpDeskHistory.announcing(ZammadHttp.NAME, progress));
        return new ZammadHistory(http, settings.perPage(), labels, markerTag, progress, Clock.systemUTC());
    }

    @Override
    public String baseUrl() {
        return http.baseUrl();
    }

    @Override
    public String qualifies() {
        return "closed in a group set by people";
    }

    @Override
    public Optional<TagsRead> tags() {
        return labels.tags().map(tags -> TagsRead.of("the tickets' tags, one call per ticket used "
                + "(GET /api/v1/tags): Zammad's search answers carry none", tags));
    }

    /** Oldest change first. */
    @Override
    public Result read(Instant since) {
        Counts counts = new Counts();
        Set<Long> marked = new HashSet<>();
        markerTag.ifPresent(tag -> search("tags:" + ZammadSelection.quoted(tag) + " AND ", since,
                "searching tickets tagged " + tag, counts, new ZammadSearchWalk.Visitor() {
                    @Override
                    public void ticket(JsonNode ticket, long id, Instant updated) {
                        marked.add(id);
                    }

                    @Override
                    public void unreadable(String why) {
                        // The main search lists it again, and counts it there.
                    }
                }));
        search("", since, "searching tickets changed since " + ZammadSelection.time(since), counts, new ZammadSearchWalk.Visitor() {
            @Override
            public void ticket(JsonNode ticket, long id, Instant updated) {
                // A ticket of the millisecond a walk restarts at comes again, unchanged: judged once.
                if (!counts.verdicts.containsKey(id)) {
                    counts.verdicts.put(id, labels.judge(String.valueOf(id), ticket.path("state").asText(""),
                            marked.contains(id),
                            ticket.path("group").asText(""), ticket.path("priority").asText(""),
                            () -> ZammadTicketMapper.toTicket(ticket, articles(id), updated),
                            () -> tags(id)));
                }
            }

            @Override
            public void unreadable(String why) {
                // One unreadable ticket must not stop the run.
                counts.unreadable++;
                progress.notice("Zammad: a ticket is left out because ticket-triage cannot read it: " + why);
            }
        });
        return new Result(new LabelledDataset("Zammad " + http.baseUrl() + ", closed tickets updated since "
                + since.truncatedTo(ChronoUnit.SECONDS), counts.verdicts.values().stream()
                .filter(Kept.class::isInstance).map(verdict -> ((Kept) verdict).ticket()).toList(), 0),
                counts.tally());
    }

    /**
     * Walks the search for the tickets changed since {@code since} that meet {@code condition} (empty, or ending in
     * " AND "), reporting each page.
     */
    private void search(String condition, Instant since, String what, Counts counts,
                        ZammadSearchWalk.Visitor visitor) {
        // "Since" includes its instant, as Freshdesk's updated_since does.
        new ZammadSearchWalk(http.baseUrl(), (bound, inclusive) -> condition
                + ZammadSelection.changedSince(bound, inclusive), since, true, perPage, Integer.MAX_VALUE)
                .run(http, what, clock, since, visitor, () -> {
                    counts.pages++;
                    progress.page(counts.tally());
                });
    }

    /** The first article is the ticket's text. */
    private List<JsonNode> articles(long id) {
        return aboutOneTicket(() -> ZammadTicketReader.articles(http, id));
    }

    /** The ticket's tags ({@code GET /api/v1/tags?object=Ticket&o_id={id}}, answered with {@code {"tags":[...]}}). */
    private List<String> tags(long id) {
        return aboutOneTicket(() -> http.send(HelpDeskHttp.Request.get(http.baseUrl()
                + "/api/v1/tags?object=Ticket&o_id=" + id, "reading the tags of ticket " + id).aboutOneTicket(true),
                answer -> tagList(answer.body(), id)));
    }

    /** A call about one ticket: a ticket Zammad will not show is left out, the others go on. */
    private static <T> T aboutOneTicket(Supplier<T> call) {
        try {
            return call.get();
        } catch (HelpDeskApiException e) {
            if (e.isRejected()) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw e;
        }
    }

    private static List<String> tagList(String body, long id) {
        JsonNode tags;
        try {
            tags = JSON.readTree(body).path("tags");
        } catch (JsonProcessingException e) {
            throw new HelpDeskHttp.UnreadableAnswer("Zammad's tags of ticket " + id + " are not JSON");
        }
        if (!tags.isArray()) {
            throw new HelpDeskHttp.UnreadableAnswer("Zammad's tags of ticket " + id + " are no list: " + body);
        }
        List<String> values = new ArrayList<>();
        tags.forEach(tag -> {
            if (tag.isTextual()) {
                values.add(tag.asText());
            }
        });
        return values;
    }

    /** What one read has counted so far. */
    private static final class Counts {
        private final Map<Long, Verdict> verdicts = new LinkedHashMap<>();
        private int pages;
        private int unreadable;

        Tally tally() {
            return Tally.of(pages, verdicts.values(), unreadable, REASONS.all());
        }
    }
}
