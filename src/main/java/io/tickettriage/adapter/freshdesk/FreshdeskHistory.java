package io.tickettriage.adapter.freshdesk;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.dataset.LabelledTicket;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.HttpPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The help desk's own history as training data: every ticket changed since a point in time, read page by page through
 * {@code GET /api/v2/tickets} within the account's rate limit, of which the {@link FreshdeskHistorySelection} keeps
 * the resolved and closed ones that people gave a group. Each run reads afresh; nothing is stored.
 */
public final class FreshdeskHistory {

    /** What the caller shows while the history is read. */
    public interface Progress {

        /** After every page. */
        void page(Tally sofar);

        /** One line worth the operator's attention: a rate-limit wait, a retry, a skipped ticket. */
        void notice(String message);
    }

    /**
     * The counts of a read, for progress and for the model's manifest.
     *
     * @param pages      pages read
     * @param listed     distinct tickets listed
     * @param kept       tickets that became training data
     * @param excluded   the others by why ({@link FreshdeskHistorySelection.Exclusion#description()}), in that order
     * @param unreadable tickets that could not be read at all
     */
    public record Tally(int pages, int listed, int kept, Map<String, Integer> excluded, int unreadable) {

        public Tally {
            excluded = Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
        }
    }

    /** The tickets read and the counts behind them. */
    public record Result(LabelledDataset dataset, Tally tally) {
    }

    private static final java.time.Duration NOTICEABLE_WAIT = java.time.Duration.ofSeconds(10);

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
     * @param includeTriaged also learn from tickets ticket-triage labelled (marker tag)
     * @throws ConfigurationException  for a missing or wrong setting
     * @throws HelpDeskApiException   when the account's groups cannot be read
     */
    public static FreshdeskHistory configure(TriageProperties properties, boolean includeTriaged, Progress progress) {
        int perPage = properties.integer("freshdesk.page-size", FreshdeskTicketWalk.MAX_PER_PAGE);
        if (perPage < 1 || perPage > FreshdeskTicketWalk.MAX_PER_PAGE) {
            throw new ConfigurationException("freshdesk.page-size must be 1.." + FreshdeskTicketWalk.MAX_PER_PAGE
                    + ", was " + perPage);
        }
        // The same client as the service's: one error type, one Retry-After policy, the same share of the budget.
        HelpDeskHttp client;
        try {
            client = FreshdeskHttp.standalone(FreshdeskAdapter.baseUrl(properties),
                    properties.secret("freshdesk.api-key"), HttpPolicy.from(properties), FreshdeskHttp.share(properties),
                    wait -> {
                        // Pacing waits are short; a long one (a Retry-After, a back-off) is worth a line.
                        if (wait.compareTo(NOTICEABLE_WAIT) >= 0) {
                            progress.notice("Freshdesk: waiting " + wait.toSeconds() + " s before the next call "
                                    + "(its rate limit or a retry)");
                        }
                        Thread.sleep(wait.toMillis());
                    });
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        Map<String, Long> groups = new FreshdeskGroupDirectory(client).groups();
        return new FreshdeskHistory(client, perPage, FreshdeskTicketWalk.PAGE_CAP,
                FreshdeskHistorySelection.of(properties, groups, includeTriaged, progress::notice), progress);
    }

    /** The Freshdesk it reads. */
    public String baseUrl() {
        return client.baseUrl();
    }

    /** Reads every ticket changed since {@code since} and keeps the labelled ones, oldest change first. */
    public Result read(Instant since) {
        Map<Long, FreshdeskHistorySelection.Verdict> verdicts = new LinkedHashMap<>();
        FreshdeskTicketWalk walk = new FreshdeskTicketWalk(client.baseUrl(), perPage, pageCap, since,
                Clock.systemUTC(), (level, message) -> progress.notice(message));
        while (walk.hasNext()) {
            FreshdeskPage page = client.send(HelpDeskHttp.Request.get(walk.nextUrl(), "listing tickets"),
                    FreshdeskPage.READER);
            // A ticket listed again after a restart replaces what was read of it before: it may have changed.
            walk.accept(page, (json, raw) -> verdicts.put(FreshdeskTicketMapper.id(json), selection.judge(json)));
            progress.page(tally(walk, verdicts));
        }
        List<LabelledTicket> tickets = verdicts.values().stream()
                .filter(FreshdeskHistorySelection.Kept.class::isInstance)
                .map(verdict -> ((FreshdeskHistorySelection.Kept) verdict).ticket()).toList();
        return new Result(new LabelledDataset("Freshdesk " + client.baseUrl() + ", resolved and closed tickets "
                + "updated since " + since.truncatedTo(ChronoUnit.SECONDS), tickets, 0), tally(walk, verdicts));
    }

    private static Tally tally(FreshdeskTicketWalk walk, Map<Long, FreshdeskHistorySelection.Verdict> verdicts) {
        Map<String, Integer> excluded = new LinkedHashMap<>();
        for (FreshdeskHistorySelection.Exclusion reason : FreshdeskHistorySelection.Exclusion.values()) {
            excluded.put(reason.description(), 0);
        }
        int kept = 0;
        for (FreshdeskHistorySelection.Verdict verdict : verdicts.values()) {
            if (verdict instanceof FreshdeskHistorySelection.Excluded out) {
                excluded.merge(out.reason().description(), 1, Integer::sum);
            } else {
                kept++;
            }
        }
        return new Tally(walk.pages(), verdicts.size() + walk.unreadable(), kept, excluded, walk.unreadable());
    }
}
