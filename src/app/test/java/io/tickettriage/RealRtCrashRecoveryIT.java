package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickettriage.sim.Fault;
import io.tickettriage.sim.SimulatedTicket;
import io.tickettriage.sim.rtreal.RealRequestTracker;
import io.tickettriage.sim.rtreal.RtInstallation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing written twice, across hard crashes, against a real Request Tracker 5: the packaged jar is
 * killed with SIGKILL in the middle of a batch of 200 tickets five times, each time while it waits inside one
 * ticket's writes, and started again on the same state directory; in the end every ticket carries the marker, its
 * queue and priority were written once, and it has exactly one comment. Skipped, saying what is missing, where RT's
 * Debian packages are not installed.
 */
class RealRtCrashRecoveryIT {

    private static final int TICKETS = 200;
    private static final int KILLS = 5;
    /** How long the jar is given to finish the rest after the last kill (RT takes ~0.1-0.5 s per ticket). */
    private static final Duration FINISH = Duration.ofMinutes(6);
    /** Where a run is parked before it is killed: a write answered 429, wait ten minutes. */
    private static final int PARKED_SECONDS = 600;

    @TempDir
    Path work;

    /** Per test: Surefire reports a class skipped in its {@code @BeforeAll} as no tests, without the reason. */
    @BeforeEach
    void needsRt() {
        List<String> missing = RtInstallation.missing();
        assumeTrue(missing.isEmpty(), () -> RtInstallation.whyUnavailable(missing));
    }

    @Test
    void killedFiveTimesMidBatchEveryTicketIsWrittenOnceWithOneComment() throws Exception {
        try (RealRequestTracker rt = RealRequestTracker.startAlone()) {
            long seeding = System.nanoTime();
            List<String> ids = TestTickets.seed(rt, TICKETS);
            System.out.printf("RealRtCrashRecoveryIT: %d tickets filed in RT in %.1f s%n", TICKETS,
                    (System.nanoTime() - seeding) / 1e9);
            long started = System.nanoTime();
            for (int kill = 1; kill <= KILLS; kill++) {
                Process run = start(rt, "run-" + kill + ".log");
                int writtenBefore = rt.updatesByTicket().size();
                // Let this run write some tickets of its own, then park it inside the next ticket's writes: the
                // field update (odd kills) or the comment and marker (even kills) is answered 429.
                int target = writtenBefore + TICKETS / (KILLS + 2);
                waitFor(Duration.ofMinutes(4), () -> rt.updatesByTicket().size() >= target, run, "run-" + kill + ".log");
                boolean fields = kill % 2 == 1;
                int parkedBefore = parked(rt);
                rt.injectFault(new Fault(fields ? "PUT" : "POST", "/REST/2\\.0/ticket/\\d+" + (fields ? "" : "/comment"),
                        429, PARKED_SECONDS, 1));
                waitFor(Duration.ofMinutes(2), () -> parked(rt) > parkedBefore, run, "run-" + kill + ".log");
                run.destroyForcibly().waitFor();
                assertTrue(rt.updatesByTicket().size() < TICKETS, "killed mid-batch, before the last ticket");
                System.out.printf("RealRtCrashRecoveryIT: kill %d (SIGKILL while waiting in %s) after %d tickets"
                        + " written%n", kill, fields ? "a field update" : "a comment", rt.updatesByTicket().size());
            }
            assertFalse(Files.exists(work.resolve("state/rt.watermark")), "no crashed batch was committed");

            Process last = start(rt, "last.log");
            try {
                waitFor(FINISH, () -> commented(rt, ids), last, "last.log");
                waitFor(Duration.ofMinutes(1), () -> Files.exists(work.resolve("state/rt.watermark")), last,
                        "last.log");
            } finally {
                last.destroy();
                last.waitFor();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("RealRtCrashRecoveryIT: %d tickets in %.1f s across %d kills and %d runs (%.1f tickets"
                    + "/s including the jar's restarts), %d requests through the proxy%n", TICKETS, seconds, KILLS,
                    KILLS + 1, TICKETS / seconds, rt.requests().size());

            assertEquals(onceEach(ids), rt.updatesByTicket(), "every ticket's queue and priority written once");
            List<String> wrong = new ArrayList<>();
            for (String id : ids) {
                SimulatedTicket ticket = rt.ticket(id);
                long comments = ticket.notes().stream().filter(SimulatedTicket.SimulatedNote::internal).count();
                if (comments != 1 || ticket.notes().size() != 1 || !ticket.tags().contains("triaged")) {
                    wrong.add(id + ": " + ticket.notes().size() + " notes, " + comments + " comments, tags "
                            + ticket.tags());
                }
            }
            assertEquals(List.of(), wrong, "every ticket has exactly one comment and the marker");
        }
    }

    /**
     * Whether every ticket's comment was answered with success: the comment is the last call of a ticket's write,
     * and the marker travels with it. What RT holds is checked once this is true.
     */
    private static boolean commented(RealRequestTracker rt, List<String> ids) {
        return rt.requests().stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/comment")
                && r.status() / 100 == 2).map(r -> r.path().split("/")[4]).distinct().count() >= ids.size();
    }

    /** How many writes were answered 429 so far: each one parked a run. */
    private static int parked(RealRequestTracker rt) {
        return (int) rt.requests().stream().filter(r -> r.status() == 429).count();
    }

    private Process start(RealRequestTracker rt, String logName) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of(
                "TRIAGE_HELPDESK", "rt",
                "RT_BASE_URL", rt.baseUrl(),
                "RT_TOKEN", rt.adapterProperties().get("rt.token"),
                "TRIAGE_POLL_CRON", "0/1 * * * * ?",
                "TRIAGE_FIRST_POLL_LOOK_BACK", "P1D",
                "TRIAGE_STATE_DIRECTORY", work.resolve("state").toString(),
                "CAMEL_MANAGEMENT_ENABLED", "false"));
        return new PackagedJar(work).start(environment, logName);
    }

    private void waitFor(Duration limit, java.util.function.BooleanSupplier condition, Process process,
                         String logName) throws Exception {
        new PackagedJar(work).waitFor(limit, condition, process, logName);
    }

    private static Map<String, Integer> onceEach(List<String> ids) {
        Map<String, Integer> once = new HashMap<>();
        ids.forEach(id -> once.put(id, 1));
        return once;
    }
}
