package io.tickettriage.adapter.freshdesk;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.dataset.LabelledTicket;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.adapter.HelpDeskHistory;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HistoryTags;
import io.tickettriage.adapter.TriagedTickets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * The help desk's own history as training data: every ticket changed since a point in time, read page by page through
 * {@code GET /api/v2/tickets} within the account's rate limit, of which the {@link FreshdeskHistorySelection} keeps
 * the resolved and closed ones that people gave a group. Each run reads afresh; nothing is stored.
 */
public final class FreshdeskHistory implements HelpDeskHistory {

    private final HelpDeskHttp client;
    private final int perPage;
    private final int pageCap;
    private final FreshdeskHistorySelection selection;
    private final Progress progress;

    /**
     * @param perPage tickets per page, up to Freshdesk's 100
     * @param pageCap the last page Freshdesk lists ({@value FreshdeskTicketWalk#PAGE_CAP}; tests lower it)
     */
    public FreshdeskHistory(HelpDeskHttp client, int perPage, int pageCap, FreshdeskHistorySelection selection,
                            Progress progress) {
        FreshdeskTicketWalk.requireValidPaging(perPage, pageCap);
        this.client = client;
        this.perPage = perPage;
        this.pageCap = pageCap;
        this.selection = selection;
        this.progress = progress;
    }

    /**
     * The history as the configuration describes it: the service's Freshdesk, API key, page size, label mappings,
     * review group and marker tag ({@code config/application.properties} and the environment).
     *
     * @param triaged which tickets carrying the marker tag to learn from
     * @param tags    whether a kept ticket's tags are read as the tags head's labels
     * @throws ConfigurationException  for a missing or wrong setting
     * @throws HelpDeskApiException   when the account's groups cannot be read
     */
    public static FreshdeskHistory configure(CamelContext camel, TriageProperties properties, TriagedTickets triaged,
                                             boolean tags, Progress progress) {
        // The same settings and client as the service's: one error type, one Retry-After policy, the same share.
        FreshdeskSettings settings = FreshdeskSettings.fromConfiguration(properties, "");
        HelpDeskHttp client = FreshdeskHttp.standalone(camel, settings.baseUrl(), settings.apiKey().value(),
                settings.policy(), settings.rateLimitShare(), HelpDeskHistory.announcing("Freshdesk", progress));
        Map<String, Long> groups = new FreshdeskGroupDirectory(client).groups();
        return new FreshdeskHistory(client, settings.perPage(), settings.pageCap(),
                FreshdeskHistorySelection.of(properties, groups, triaged, HistoryTags.of(tags,
                        settings.write(), progress::notice), progress::notice), progress);
    }

    @Override
    public String baseUrl() {
        return client.baseUrl();
    }

    @Override
    public String qualifies() {
        return "resolved or closed with a group set by people";
    }

    @Override
    public Optional<TagsRead> tags() {
        // Listed with the ticket: no call of its own.
        return selection.tags().map(tags -> TagsRead.of("the tickets' tags", tags));
    }

    /** Oldest change first. */
    @Override
    public Result read(Instant since) {
        Map<Long, Verdict> verdicts = new LinkedHashMap<>();
        FreshdeskTicketWalk walk = new FreshdeskTicketWalk(client.baseUrl(), perPage, pageCap, since,
                Clock.systemUTC(), (level, message) -> progress.notice(message));
        while (walk.hasNext()) {
            FreshdeskPage page = client.send(HelpDeskHttp.Request.get(walk.nextUrl(), "listing tickets"),
                    FreshdeskPage.READER);
            // A ticket listed again after a restart replaces what was read of it before: it may have changed.
            walk.accept(page, json -> verdicts.put(FreshdeskTicketMapper.id(json), selection.judge(json)));
            progress.page(tally(walk, verdicts));
        }
        List<LabelledTicket> tickets = verdicts.values().stream()
                .filter(Kept.class::isInstance).map(verdict -> ((Kept) verdict).ticket()).toList();
        return new Result(new LabelledDataset("Freshdesk " + client.baseUrl() + ", resolved and closed tickets "
                + "updated since " + since.truncatedTo(ChronoUnit.SECONDS), tickets, 0), tally(walk, verdicts));
    }

    private static Tally tally(FreshdeskTicketWalk walk, Map<Long, Verdict> verdicts) {
        return Tally.of(walk.pages(), verdicts.values(), walk.unreadable(), FreshdeskHistorySelection.REASONS);
    }
}
