package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.privacy.PersonalDataRedactor;
import io.tickettriage.sim.Fault;
import io.tickettriage.sim.MutableClock;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import io.tickettriage.sim.freshdesk.TicketDraft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customer data kept no longer than needed, through the shipped routes against the Freshdesk simulator: what a ticket
 * that failed leaves behind is redacted, and so are a dry run's lines and the retry warnings; what is kept expires on
 * the retention route's schedule while triage runs.
 */
class PersonalDataTest {

    private static final String API_KEY = "sim-key-5d2e8f10a7c94b3e";
    private static final String EMAIL = "jane.doe@example.com";
    private static final String REQUESTER = "j.doe+billing@mail.example.org";
    private static final String PHONE = "+49 30 901820";
    private static final String IBAN = "DE89 3704 0044 0532 0130 00";
    private static final String IBAN_IN_ONE_PIECE = IBAN.replace(" ", "");
    /** Every piece of personal data the failing tickets carry. */
    private static final List<String> PERSONAL = List.of(EMAIL, REQUESTER, PHONE, IBAN);

    @TempDir
    Path state;
    private FreshdeskSimulator simulator;
    private SimulatedFreshdesk helpDesk;
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeEach
    void startSimulator() {
        simulator = FreshdeskSimulator.start(SimulatorSettings.defaults(API_KEY, SimulatedFreshdesk.demoGroups()));
        helpDesk = SimulatedFreshdesk.around(simulator, API_KEY);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable triage : running) {
            triage.close();
        }
        simulator.close();
    }

    /**
     * A ticket whose update the help desk refuses, with personal data in subject, body and requester, and a record
     * the help desk lists that is no readable ticket, with the same in its raw JSON: two dead letters.
     */
    private void twoTicketsThatFail() {
        long refused = simulator.createTicket(new TicketDraft("Refund to " + EMAIL, "<p>Please pay back to " + IBAN
                + " or call me on " + PHONE + ".</p>", 2, 1, null, List.of(), REQUESTER));
        helpDesk.rejectNextUpdate(String.valueOf(refused));
        helpDesk.listRawRecord("{\"id\":990001,\"subject\":\"Call " + PHONE + "\",\"description_text\":\"IBAN "
                + IBAN + "\",\"status\":2,\"group_id\":null,\"tags\":[],\"requester\":{\"email\":\"" + REQUESTER
                + "\"},\"cc_emails\":[\"" + EMAIL + "\"],\"updated_at\":\"yesterday\"}");
    }

    private List<String> deadLetters() throws Exception {
        Path folder = state.resolve("dead-letter");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> letters = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                letters.add(Files.readString(file));
            }
            return letters;
        }
    }

    @Test
    void noEmailAddressPhoneNumberOrIbanOfAFailedTicketReachesTheDeadLettersOrTheLog() throws Exception {
        twoTicketsThatFail();
        String log = logOfOnePoll(Map.of());

        List<String> letters = deadLetters();
        assertEquals(2, letters.size(), "the refused ticket and the unreadable record: " + letters);
        assertTrue(log.contains("failed for good"), log);
        for (String personal : PERSONAL) {
            assertFalse(log.contains(personal), personal + " is in the log");
            letters.forEach(letter -> assertFalse(letter.contains(personal), personal + " is in " + letter));
        }
        assertTrue(letters.stream().anyMatch(letter -> letter.contains("\"subject\" : \"Refund to [e-mail]\"")),
                "what is not personal stays readable: " + letters);
        assertTrue(letters.stream().anyMatch(letter -> letter.contains("IBAN [IBAN]") && letter.contains("[phone]")),
                letters.toString());
    }

    /** The shipped routes against the simulator with these settings added, one poll. */
    private void startAndPoll(Map<String, String> extra) throws Exception {
        RunningTriage triage = RunningTriage.start(RunningTriage.properties(simulator, API_KEY, state, extra));
        running.add(triage);
        triage.poll();
    }

    /** What the log said during {@link #startAndPoll}. */
    private String logOfOnePoll(Map<String, String> extra) throws Exception {
        try (LogCapture capture = LogCapture.start()) {
            startAndPoll(extra);
            return capture.text();
        }
    }

    /**
     * Two tickets written with personal data in their text, short enough that the note's reasons (words of the
     * ticket, lower-cased) quote the e-mail address and the IBAN written in one piece.
     */
    private List<Long> twoTicketsWithPersonalDataInTheirText() {
        return List.of(
                simulator.createTicket(new TicketDraft(EMAIL, "<p>" + IBAN_IN_ONE_PIECE + " " + PHONE + "</p>", 2, 1,
                        null, List.of(), REQUESTER)),
                simulator.createTicket(new TicketDraft("Refund to " + EMAIL, "<p>Please pay back to "
                        + IBAN_IN_ONE_PIECE + " or call me on " + PHONE + ".</p>", 2, 1, null, List.of(), REQUESTER)));
    }

    /** Whether the text holds any of the personal data, in any case (a note's reasons are lower-cased). */
    private static void assertNoPersonalData(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String personal : List.of(EMAIL, REQUESTER, PHONE, IBAN, IBAN_IN_ONE_PIECE)) {
            assertFalse(lower.contains(personal.toLowerCase(Locale.ROOT)), personal + " is in the log:\n" + text);
        }
    }

    @Test
    void aDryRunsLinesShowTheNoteWithoutThePersonalDataItsReasonsQuote() throws Exception {
        twoTicketsWithPersonalDataInTheirText();
        String log = logOfOnePoll(Map.of("triage.dry-run", "true"));

        assertEquals(2, log.lines().filter(line -> line.contains("DRY RUN: would write")).count(), log);
        assertTrue(log.contains("because of:"), "the note with its reasons is shown: " + log);
        assertTrue(log.contains(PersonalDataRedactor.EMAIL) && log.contains(PersonalDataRedactor.IBAN), log);
        assertNoPersonalData(log);
        assertEquals(Map.of(), helpDesk.updatesByTicket(), "a dry run writes nothing");
    }

    @Test
    void retryWarningsOfAHelpDeskThatAnswers429And503OnceQuoteNoPersonalData() throws Exception {
        List<Long> ids = twoTicketsWithPersonalDataInTheirText();
        helpDesk.faultPages(Fault.Kind.STATUS, 429, 1);
        helpDesk.faultWrites(SimulatedHelpDesk.WritePart.FIELDS, Fault.Kind.STATUS, 503, 1);
        helpDesk.faultWrites(SimulatedHelpDesk.WritePart.NOTE, Fault.Kind.STATUS, 503, 1);
        String log = logOfOnePoll(Map.of());

        assertEquals(3, log.lines().filter(line -> line.contains("trying again in")).count(), log);
        ids.forEach(id -> assertEquals(1, helpDesk.ticket(String.valueOf(id)).notes().size(), "written: " + id));
        assertNoPersonalData(log);
    }

    @Test
    void withRedactionOffTheDeadLettersKeepTheTicketAsItCame() throws Exception {
        twoTicketsThatFail();
        startAndPoll(Map.of("triage.redaction.enabled", "false"));

        String letters = String.join("\n", deadLetters());
        for (String personal : PERSONAL) {
            assertTrue(letters.contains(personal), personal + " is kept: " + letters);
        }
    }

    @Test
    void theRetentionRoutePurgesExpiredDeadLettersWhileTriageRuns() throws Exception {
        twoTicketsThatFail();
        long fine = simulator.createTicket(TicketDraft.open("Printer question", "<p>Which toner?</p>"));
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Map<String, String> properties = new HashMap<>(helpDesk.adapterProperties());
        // The startup poll only; the purge every second.
        properties.put("triage.poll.cron", "0 0 0 1 1 ? 2099");
        properties.put("triage.retention.cron", "* * * * * ?");
        try (LogCapture log = LogCapture.start()) {
            Main main = TriageRuntime.create(RunningTriage.testProperties(state, properties), clock);
            main.start();
            running.add(main::stop);
            awaitTrue(() -> helpDesk.updatesByTicket().containsKey(String.valueOf(fine)) && count(2),
                    "the startup poll wrote one ticket and kept two dead letters");
            awaitTrue(() -> log.text().contains("Retention: purged 0 dead letter(s) kept before "),
                    "the purge runs on its schedule: " + log.text());

            clock.advance(Duration.ofDays(30).plusMinutes(1));

            awaitTrue(() -> count(0), "the dead letters expired after 30 days");
            awaitTrue(() -> log.text().contains("Retention: purged 2 dead letter(s) kept before "), log.text());
            assertTrue(main.getCamelContext().getRouteController().getRouteStatus("retention-purge").isStarted());
        }
    }

    private boolean count(int letters) {
        try {
            return deadLetters().size() == letters;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
