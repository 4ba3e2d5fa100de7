package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.classify.TicketClassifier;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.sim.DemoDesk;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedTicket;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriageStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end scenarios every help desk must pass, written once: the production routes and configuration, the
 * adapter chosen by {@code triage.helpdesk}, and that help desk's simulator over real HTTP. A help desk joins by
 * subclassing this with its simulator; nothing here knows which help desk it talks to.
 */
abstract class HelpDeskAcceptanceSuite {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;
    SimulatedHelpDesk helpDesk;
    private final List<RunningTriage> running = new ArrayList<>();

    /** A fresh simulator of the help desk, set up as the demo desk, on any free port. */
    abstract SimulatedHelpDesk startHelpDesk();

    @BeforeEach
    void startSimulator() {
        helpDesk = startHelpDesk();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (RunningTriage triage : running) {
            triage.close();
        }
        helpDesk.close();
    }

    RunningTriage startTriage(Map<String, String> extra) throws Exception {
        RunningTriage triage = RunningTriage.start(RunningTriage.properties(helpDesk, state, extra));
        running.add(triage);
        return triage;
    }

    @Test
    void everyNewTicketIsTriagedExactlyOnceWithTheConfiguredValues() throws Exception {
        List<String> ids = TestTickets.seed(helpDesk, 12);
        RunningTriage triage = startTriage(Map.of());

        triage.poll();

        assertEquals(onceEach(ids), helpDesk.updatesByTicket(), "every ticket is written exactly once");
        TicketClassifier classifier = triage.bean("ticketClassifier", TicketClassifier.class);
        int confidentPriorities = 0;
        for (String id : ids) {
            SimulatedTicket ticket = helpDesk.ticket(id);
            TriageDecision expected = expectedDecision(classifier, id, TestTickets.seeded(ids.indexOf(id)));
            Optional<String> queue = expected.queue().map(label -> configured(triage, "queue", label));
            assertEquals(queue.isPresent() ? queue : Optional.of(DemoDesk.REVIEW_QUEUE), ticket.queue(),
                    "ticket " + id + " is in the queue configured for " + expected.queue());
            if (expected.priority().isPresent()) {
                assertEquals(configured(triage, "priority", expected.priority().get()), ticket.priority(),
                        "ticket " + id + " has the priority configured for " + expected.priority().get());
                confidentPriorities++;
            }
            assertTrue(ticket.tags().contains("triaged"), "ticket " + id + " carries the triage marker");
            assertEquals(1, ticket.notes().size(), "one note on ticket " + id);
            assertTrue(ticket.notes().get(0).internal(), "the note on ticket " + id + " is internal");
            assertTrue(ticket.notes().get(0).text().contains("ticket-triage classified this ticket"));
        }
        assertTrue(confidentPriorities > ids.size() / 2, "most demo tickets get a confident priority");
    }

    @Test
    void ourOwnUpdatesDoNotBringTicketsBack() throws Exception {
        List<String> ids = TestTickets.seed(helpDesk, 6);
        RunningTriage triage = startTriage(Map.of());
        triage.poll();
        int pagesAfterFirstPoll = helpDesk.pagesServed();

        triage.poll();
        triage.poll();

        assertEquals(onceEach(ids), helpDesk.updatesByTicket(), "no ticket is written again");
        assertTrue(helpDesk.pagesServed() > pagesAfterFirstPoll, "the later polls did look for tickets");
        assertEquals(ids.size(), triage.bean("triageStatistics", TriageStatistics.class).snapshot().updated());
    }

    @Test
    void pagesThroughMoreTicketsThanOnePageHolds() throws Exception {
        List<String> ids = TestTickets.seed(helpDesk, 13);

        startTriage(helpDesk.pageSize(5)).poll();

        assertEquals(onceEach(ids), helpDesk.updatesByTicket(), "tickets on every page are written once");
        assertTrue(helpDesk.pagesServed() >= 3, "13 tickets in pages of 5 take at least 3 pages, served "
                + helpDesk.pagesServed());
    }

    @Test
    void aRestartRepeatsNothingEvenForTicketsThatMatchAgain() throws Exception {
        List<String> ids = TestTickets.seed(helpDesk, 5);
        RunningTriage first = startTriage(Map.of());
        first.poll();
        first.close();
        running.remove(first);
        // An agent undoes one triage: the ticket matches the selection again, changed after the watermark, and only
        // the state directory's record of triaged tickets keeps it from being written twice.
        helpDesk.returnToIncoming(ids.get(0));
        List<String> later = TestTickets.seed(helpDesk, 2);

        startTriage(Map.of()).poll();

        Map<String, Integer> expected = onceEach(ids);
        expected.putAll(onceEach(later));
        assertEquals(expected, helpDesk.updatesByTicket(), "after the restart only the new tickets are written");
    }

    @Test
    void uncertainTicketsGetTheFallbackNotAGuess() throws Exception {
        List<String> ids = TestTickets.seedVague(helpDesk);

        startTriage(Map.of("triage.queue.min-confidence", "0.99", "triage.priority.min-confidence", "0.99")).poll();

        for (String id : ids) {
            SimulatedTicket ticket = helpDesk.ticket(id);
            assertEquals(Optional.of(DemoDesk.REVIEW_QUEUE), ticket.queue(), "uncertain ticket " + id + " goes to review");
            assertTrue(ticket.notes().get(0).text().contains("below the threshold"), ticket.notes().toString());
        }
        assertEquals(onceEach(ids), helpDesk.updatesByTicket());
    }

    @Test
    void refusedCredentialsFailThePollClearlyAndLoseNothing() throws Exception {
        List<String> ids = TestTickets.seed(helpDesk, 3);
        RunningTriage triage = startTriage(Map.of());
        helpDesk.revokeCredentials();

        try (LogCapture log = LogCapture.start()) {
            assertThrows(CamelExecutionException.class, triage::poll);
            assertTrue(log.text().contains("The help desk rejected our credentials"), log.text());
        }
        assertEquals(Map.of(), helpDesk.updatesByTicket(), "nothing was written");
        assertFalse(Files.exists(state.resolve("dead-letter")), "no ticket was given up on");

        helpDesk.restoreCredentials();
        triage.poll();
        assertEquals(onceEach(ids), helpDesk.updatesByTicket(), "the next poll with good credentials did them all");
    }

    @Test
    void oddTicketsAreTriagedAndARefusedOneIsKeptAsADeadLetter() throws Exception {
        List<String> ids = new ArrayList<>();
        ids.add(helpDesk.createTicket("", "My camera shows a black screen."));
        ids.add(helpDesk.createTicket("Invoice missing", ""));
        ids.add(helpDesk.createTicket("Huge log attached", "ERROR sensor timeout at gateway 17\n".repeat(30_000)));
        ids.add(helpDesk.createTicket("🔥🔥 everything is down 😱", "Nothing loads 🙈🚨"));
        ids.add(helpDesk.createTicket("مشكلة في الفاتورة", "تم خصم المبلغ مرتين من بطاقتي، أرجو الاسترداد."));
        ids.add(helpDesk.createTicket("<script>alert(1)</script> & \"quotes\"", "Refund for order 4471 <b>please</b>"));
        String refused = TestTickets.seed(helpDesk, 1).get(0);
        helpDesk.rejectNextUpdate(refused);
        ids.addAll(TestTickets.seed(helpDesk, 2));

        startTriage(Map.of()).poll();

        assertEquals(onceEach(ids), helpDesk.updatesByTicket(), "every other ticket was written, once");
        List<JsonNode> letters = deadLetters();
        assertEquals(1, letters.size(), "one dead letter: " + letters);
        assertEquals(helpDesk.helpdesk() + ":" + refused, letters.get(0).path("ticket").asText());
        assertTrue(letters.get(0).path("error").asText().length() > 10, "the dead letter says what went wrong");
        assertTrue(letters.get(0).path("httpStatus").asInt() >= 400, "with the help desk's answer: " + letters.get(0));
    }

    @Test
    void aListedRecordThatIsNoReadableTicketIsKeptAsADeadLetterOnceAndTheBatchGoesOn() throws Exception {
        List<String> ids = TestTickets.seed(helpDesk, 3);
        helpDesk.garbleInListings(ids.get(1));
        RunningTriage triage = startTriage(Map.of());

        triage.poll();
        triage.poll();

        assertEquals(onceEach(List.of(ids.get(0), ids.get(2))), helpDesk.updatesByTicket(),
                "the readable tickets were written");
        List<JsonNode> letters = deadLetters();
        assertEquals(1, letters.size(), "kept once, however often it is listed: " + letters);
        JsonNode letter = letters.get(0);
        assertEquals(helpDesk.helpdesk() + ":unreadable-" + ids.get(1), letter.path("ticket").asText());
        assertTrue(letter.path("error").asText().contains("yesterday"), letter.toString());
        assertTrue(letter.path("content").asText().contains("yesterday"), "kept as the help desk sent it");
        assertEquals(1, triage.bean("triageStatistics", TriageStatistics.class).snapshot().failed());
    }

    @Test
    void aRefusedTicketIsKeptOnceAndTriedAgainOnlyWhenItChanges() throws Exception {
        List<String> ids = TestTickets.seed(helpDesk, 2);
        // The newest ticket: a help desk whose "changed since" is inclusive lists it again on every poll.
        String refused = ids.get(1);
        helpDesk.rejectNextUpdate(refused);
        RunningTriage triage = startTriage(Map.of());

        triage.poll();
        triage.poll();
        triage.poll();

        assertEquals(1, deadLetters().size(), "kept once, not once per poll");
        assertEquals(onceEach(List.of(ids.get(0))), helpDesk.updatesByTicket(), "the unchanged ticket was not retried");

        // An agent looks at the dead letter, fixes the cause and moves the ticket back: a new version, tried again.
        // Some help desks (Freshdesk) stamp changes to the second, and no agent fixes a ticket within the same one.
        Thread.sleep(1_100);
        helpDesk.returnToIncoming(refused);
        triage.poll();
        assertEquals(onceEach(ids), helpDesk.updatesByTicket());
    }

    @Test
    void secretsNeverReachTheLogOrTheDeadLetters() throws Exception {
        List<String> ids = TestTickets.seed(helpDesk, 3);
        try (LogCapture log = LogCapture.start()) {
            RunningTriage triage = startTriage(Map.of());
            helpDesk.revokeCredentials();
            assertThrows(CamelExecutionException.class, triage::poll);
            helpDesk.restoreCredentials();
            helpDesk.rejectNextUpdate(ids.get(1));
            triage.poll();

            assertTrue(log.text().contains("rejected our credentials"), "the refusal was logged");
            assertTrue(log.text().contains("failed for good"), "the dead letter was logged");
            for (String secret : helpDesk.secrets()) {
                assertFalse(log.text().contains(secret), "a secret is in the log");
                for (Path letter : deadLetterFiles()) {
                    assertFalse(Files.readString(letter).contains(secret), "a secret is in " + letter);
                }
            }
        }
    }

    @Test
    void theDemoRunsAgainstThisHelpDeskWhenItIsTheOneSettingChanged() throws Exception {
        // Exactly what a user changes: triage.helpdesk. The rest is test plumbing (state, no management port,
        // no ticket arrivals during the test).
        Map<String, String> properties = RunningTriage.testProperties(state, Map.of(
                "triage.helpdesk", helpDesk.helpdesk(),
                "demo.backlog", "6",
                "demo.new-ticket-every", "PT1H"));
        try (LogCapture log = LogCapture.start()) {
            RunningTriage demo = RunningTriage.start(properties);
            running.add(demo);
            demo.poll();
            assertTrue(log.text().contains("runs against a local " + helpDesk.helpdesk() + " simulator"), log.text());
            assertEquals(6, demo.bean("triageStatistics", TriageStatistics.class).snapshot().updated());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Map<String, Integer> onceEach(List<String> ids) {
        Map<String, Integer> once = new HashMap<>();
        ids.forEach(id -> once.put(id, 1));
        return once;
    }

    /** What the model decides for the ticket as it was filed, independent of the help desk's representation. */
    private TriageDecision expectedDecision(TicketClassifier classifier, String id, CorpusTicket filed) {
        return classifier.decideAll(List.of(new Ticket(helpDesk.helpdesk(), id, filed.subject(), filed.description(),
                List.of(), Instant.now()))).get(0);
    }

    /** The help desk value the shipped configuration maps a label to, e.g. {@code zammad.priority.high}. */
    private String configured(RunningTriage triage, String head, String label) {
        return triage.configured(helpDesk.helpdesk() + "." + head + "." + label);
    }

    private List<Path> deadLetterFiles() throws IOException {
        Path directory = state.resolve("dead-letter");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private List<JsonNode> deadLetters() throws IOException {
        List<JsonNode> letters = new ArrayList<>();
        for (Path file : deadLetterFiles()) {
            letters.add(JSON.readTree(file.toFile()));
        }
        return letters;
    }
}
