package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edited route or Kamelet takes effect while the service runs, with no ticket lost or written twice across the
 * reload. The service runs a copy of the shipped routes, which the test edits as an engineer would.
 */
class LiveReloadTest {

    @TempDir
    Path work;

    @Test
    void editingARouteAndAKameletWhileTheServiceRunsTakesEffectWithoutARestart() throws Exception {
        Path routes = work.resolve("routes");
        copy(Path.of("routes"), routes);
        try (SimulatedHelpDesk helpDesk = SimulatedHelpDesks.start("freshdesk", 0, Clock.systemUTC());
             LogCapture log = LogCapture.start()) {
            List<String> ids = new ArrayList<>(TestTickets.seed(helpDesk, 3));
            Map<String, String> properties = new HashMap<>(helpDesk.adapterProperties());
            properties.put("triage.poll.cron", "0 0 0 1 1 ? 2099");
            properties.put("triage.routes.location", "file:" + routes);
            properties.put("triage.kamelets.location", "file:" + routes.resolve("kamelets"));
            Map<String, String> settings = RunningTriage.testProperties(work.resolve("state"), properties);
            settings.put("triage.routes.reload", "true");
            Main main = TriageRuntime.create(settings, Clock.systemUTC());
            main.start();
            try (ProducerTemplate poller = main.getCamelContext().createProducerTemplate()) {
                await(() -> helpDesk.updatesByTicket().size() == ids.size(), "the startup poll");

                // One file at a time, each reload on its own: a file left unedited must be reloaded once, not once
                // per route it holds.
                edit(routes.resolve("kamelets/freshdesk-update-ticket-action.kamelet.yaml"),
                        "            method: write\n", "            method: write\n        - log:\n"
                                + "            message: \"written by the edited Kamelet: ${body.ticket().key()}\"\n");
                pollAfterReload(1, helpDesk, ids, poller, log);
                edit(routes.resolve("desks/freshdesk.yaml"),
                        "        uri: \"direct:{{desk}}-update-ticket\"\n        steps:\n",
                        "        uri: \"direct:{{desk}}-update-ticket\"\n        steps:\n          - log:\n"
                                + "              message: \"through the edited desk route: ${body.ticket().key()}\"\n");
                pollAfterReload(2, helpDesk, ids, poller, log);
                edit(routes.resolve("triage.yaml"), "message: \"Poll done: ", "message: \"Poll done (edited route): ");
                pollAfterReload(3, helpDesk, ids, poller, log);
            } finally {
                main.stop();
            }
            assertTrue(log.text().contains("written by the edited Kamelet: freshdesk:" + ids.get(3)),
                    "the edited Kamelet ran");
            assertTrue(log.text().contains("through the edited desk route: freshdesk:" + ids.get(6)),
                    "the edited desk route ran");
            assertTrue(log.text().contains("Poll done (edited route): "), "the edited route ran");
            assertFalse(log.text().contains("Error reloading routes"), "every reload succeeded");
            Map<String, Integer> once = new HashMap<>();
            ids.forEach(id -> once.put(id, 1));
            assertEquals(once, helpDesk.updatesByTicket(), "every ticket written once across the reload");
            for (String id : ids) {
                assertEquals(1, helpDesk.ticket(id).notes().size(), "one note on " + id);
            }
        }
    }

    /** Waits for reload number {@code reloads}, then polls until three new tickets are written. */
    private static void pollAfterReload(int reloads, SimulatedHelpDesk helpDesk, List<String> ids,
                                        ProducerTemplate poller, LogCapture log) throws Exception {
        await(() -> log.text().split("Routes reloaded", -1).length - 1 >= reloads, "reload " + reloads);
        ids.addAll(TestTickets.seed(helpDesk, 3));
        await(() -> {
            poller.sendBody("direct:freshdesk-poll", null);
            return helpDesk.updatesByTicket().size() == ids.size();
        }, "a poll after reload " + reloads);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has " + from);
        // Whole or not at all, as an editor saves: the watcher must never read half a file.
        Path edited = file.resolveSibling(file.getFileName() + ".edited");
        Files.writeString(edited, text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
        Files.move(edited, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
