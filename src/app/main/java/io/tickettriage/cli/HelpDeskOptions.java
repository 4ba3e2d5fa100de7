package io.tickettriage.cli;

import io.tickettriage.TriageRuntime;
import io.tickettriage.adapter.HelpDeskHistory;
import io.tickettriage.adapter.TriagedTickets;
import io.tickettriage.adapter.freshdesk.FreshdeskAdapter;
import io.tickettriage.adapter.freshdesk.FreshdeskHistory;
import io.tickettriage.adapter.otobo.OtoboAdapter;
import io.tickettriage.adapter.otobo.OtoboHistory;
import io.tickettriage.adapter.rt.RtAdapter;
import io.tickettriage.adapter.rt.RtHistory;
import io.tickettriage.adapter.zammad.ZammadAdapter;
import io.tickettriage.adapter.zammad.ZammadHistory;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.dataset.DatasetException;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.state.FilePredictionLog;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import picocli.CommandLine.Option;

/**
 * {@code train --from-helpdesk}: the help desk's own resolved and closed tickets as training data, read through its
 * API with the service's configuration ({@code config/application.properties} and the environment).
 */
final class HelpDeskOptions {

    /** What {@code --since} accepts, tried in this order. */
    private static final List<BiFunction<String, Clock, Instant>> SINCE_FORMS = List.of(
            (text, clock) -> OffsetDateTime.parse(text).toInstant(),
            (text, clock) -> LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant(),
            (text, clock) -> clock.instant().minus(Duration.parse(text)),
            (text, clock) -> ZonedDateTime.now(clock).minus(Period.parse(text)).toInstant());

    /** A help desk whose history can be read, and its name in progress lines. */
    private record HistorySource(String displayName, HelpDeskHistory.Factory history) {
    }

    /** By {@code --from-helpdesk} name. */
    private static final Map<String, HistorySource> HISTORIES = Map.of(
            FreshdeskAdapter.NAME, new HistorySource("Freshdesk", FreshdeskHistory::configure),
            ZammadAdapter.NAME, new HistorySource("Zammad", ZammadHistory::configure),
            OtoboAdapter.NAME, new HistorySource("OTOBO", OtoboHistory::configure),
            RtAdapter.NAME, new HistorySource("RT", RtHistory::configure));
    private static final String NAMES = FreshdeskAdapter.NAME + ", " + ZammadAdapter.NAME + ", " + OtoboAdapter.NAME
            + ", " + RtAdapter.NAME;

    @Option(names = "--from-helpdesk", required = true, paramLabel = "NAME",
            description = "Train on the help desk's own resolved and closed tickets, read through its API with the "
                    + "service's configuration: " + NAMES + ". Heads: --label queue=queue, priority=priority (both by "
                    + "default) and tags=tags (the tickets' own tags, ticket-triage's marker, review and duplicate "
                    + "values left out)")
    private String helpdesk;

    @Option(names = "--since", defaultValue = "P365D", paramLabel = "WHEN",
            description = "Tickets changed since a date (2025-01-31, UTC), a time (2025-01-31T08:00:00Z) or a period "
                    + "back from now (P90D, P6M) (default: ${DEFAULT-VALUE})")
    private String since;

    @Option(names = "--include-triaged",
            description = "Also learn from tickets that carry ticket-triage's marker (triage.marker-tag; OTOBO: in "
                    + "otobo.dynamic-field.marker, RT: in rt.custom-field.marker) and that no agent corrected, whose "
                    + "group and priority may be its "
                    + "own predictions rather than people's")
    private boolean includeTriaged;

    @Option(names = "--state", defaultValue = "state", paramLabel = "DIR",
            description = "The service's state directory (triage.state.directory), whose prediction log says which "
                    + "tickets with the marker agents corrected: those are learned from, with the agents' values "
                    + "(default: ${DEFAULT-VALUE})")
    private Path state;

    @Option(names = "--desk", paramLabel = "NAME",
            description = "The desk of triage.desks to train for: its settings (<desk>.<key> before <key>) and the "
                    + "corrections its agents made (default: the one desk, named after --from-helpdesk)")
    private String desk;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The service's configuration (default: config/application.properties, else the jar's copy);"
                    + " environment variables and -D options override it as they do for the service")
    private Path config;

    /**
     * Reads the tickets, showing progress and anything worth knowing on {@code err}.
     *
     * @param tags whether each ticket's tags are read too, as the tags head's labels
     * @throws IllegalArgumentException for a bad option
     * @throws DatasetException         when no ticket qualifies
     */
    TrainingData read(Clock clock, boolean tags, PrintWriter err) {
        HistorySource source = HISTORIES.get(helpdesk);
        if (source == null) {
            throw new IllegalArgumentException("--from-helpdesk " + helpdesk + ": ticket-triage reads the history of "
                    + NAMES);
        }
        Instant from = since(since, clock);
        if (config != null && !Files.isRegularFile(config)) {
            throw new IllegalArgumentException("--config " + config + " is not a file");
        }
        String location = config == null ? TriageRuntime.configLocation() : "file:" + config.toAbsolutePath();
        TriageProperties loaded = TriageProperties.load(location);
        TriageProperties properties = desk == null ? loaded : loaded.scoped(desk, Map.of());
        // The help desk is called as the service calls it: through the Kamelet, with Camel's settings.
        Main camel = TriageRuntime.createForTools(location);
        try {
            camel.start();
            return read(source, from, camel.getCamelContext(), properties, tags, err);
        } finally {
            camel.stop();
        }
    }

    private TrainingData read(HistorySource source, Instant from, CamelContext camel, TriageProperties properties,
                              boolean tags, PrintWriter err) {
        Console.StatusLine status = Console.statusLine(err);
        HelpDeskHistory.Progress progress = new HelpDeskHistory.Progress() {
            @Override
            public void page(HelpDeskHistory.Tally sofar) {
                status.show(String.format("%s: %d page%s, %d tickets listed, %d kept", source.displayName(), sofar.pages(),
                        sofar.pages() == 1 ? "" : "s", sofar.listed(), sofar.kept()));
            }

            @Override
            public void notice(String message) {
                status.notice(message);
            }
        };
        HelpDeskHistory history = source.history().configure(camel, properties, triaged(), tags, progress);
        // Said first: on Zammad the tags cost a call per ticket, which the operator sees in the time it takes.
        history.tags().ifPresent(read -> status.notice("tags: " + read.from() + "; ticket-triage's own "
                + String.join(", ", read.leftOut()) + " are left out"));
        HelpDeskHistory.Result result = history.read(from);
        status.end();
        if (noLog()) {
            // Said after the read, so that a refused read stays one line.
            err.println("no prediction log in --state " + state + ": no corrections by agents are known, so every "
                    + "ticket with ticket-triage's marker is left out");
        }
        HelpDeskHistory.Tally tally = result.tally();
        String leftOut = tally.excluded().entrySet().stream().filter(reason -> reason.getValue() > 0)
                .map(reason -> reason.getValue() + " " + reason.getKey()).collect(Collectors.joining(", "));
        if (tally.kept() == 0) {
            throw new DatasetException(result.dataset().source() + ": none of the " + tally.listed()
                    + " tickets is " + history.qualifies()
                    + (leftOut.isEmpty() ? "" : " (" + leftOut + ")") + "; try an earlier --since");
        }
        err.printf("%s: %d tickets listed, %d used%s%s%n", result.dataset().source(), tally.listed(), tally.kept(),
                includeTriaged ? "" : " (" + tally.corrected() + " corrected by agents, kept)",
                leftOut.isEmpty() ? "" : "; left out " + leftOut);
        // Every history is read oldest change first.
        return new TrainingData(result.dataset(), provenance(history, result.dataset(), tally, from), true);
    }

    /** Which marked tickets teach: with --include-triaged all, else those the prediction log says agents corrected. */
    private TriagedTickets triaged() {
        if (includeTriaged) {
            return TriagedTickets.all();
        }
        if (noLog()) {
            return TriagedTickets.correctedIn(List.of(), helpdesk, helpdesk);
        }
        try {
            return TriagedTickets.correctedIn(FilePredictionLog.read(state, Instant.EPOCH),
                    desk == null ? helpdesk : desk, helpdesk);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new IllegalArgumentException("--state " + state + ": " + e.getMessage());
        }
    }

    /** A desk ticket-triage never served, or a state directory elsewhere: no correction is known. */
    private boolean noLog() {
        return !includeTriaged && !Files.exists(state.resolve(FilePredictionLog.FILE));
    }

    private Map<String, Object> provenance(HelpDeskHistory history, LabelledDataset dataset,
                                           HelpDeskHistory.Tally tally, Instant from) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("helpdesk", helpdesk);
        source.put("url", history.baseUrl());
        source.put("updatedSince", from.truncatedTo(ChronoUnit.SECONDS).toString());
        source.put("markerTagged", includeTriaged ? "included" : "left out unless corrected by agents");
        source.put("correctedByAgents", tally.corrected());
        source.put("pages", tally.pages());
        source.put("ticketsListed", tally.listed());
        source.put("ticketsUsed", tally.kept());
        source.put("leftOut", tally.excluded());
        source.put("unreadable", tally.unreadable());
        history.tags().ifPresent(read -> {
            source.put("tagsFrom", read.from());
            source.put("tagsLeftOut", read.leftOut());
        });
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("data", dataset.source());
        provenance.put("dataSha256", dataset.sha256());
        provenance.put("source", source);
        return provenance;
    }

    private static Instant since(String text, Clock clock) {
        for (BiFunction<String, Clock, Instant> form : SINCE_FORMS) {
            Instant instant;
            try {
                instant = form.apply(text, clock);
            } catch (DateTimeException | ArithmeticException notThisForm) {
                continue;
            }
            if (instant.isAfter(clock.instant())) {
                throw new IllegalArgumentException("--since " + text + " is in the future");
            }
            return instant;
        }
        throw new IllegalArgumentException("--since must be a date (2025-01-31), a time (2025-01-31T08:00:00Z) or a "
                + "period back from now (P90D, P6M, PT12H), was '" + text + "'");
    }
}
