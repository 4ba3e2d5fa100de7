package io.tickettriage.sim.rtreal;

import io.tickettriage.sim.DemoDesk;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An RT database set up once as the demo desk, which every instance starts from a copy of: RT's schema and initial
 * data ({@code rt-setup-database-5 --action init}), then the API user, the agent, the queues and the custom fields
 * through RT's own Perl API ({@code setup-demo-desk.pl}).
 *
 * @param database   the SQLite file to copy; never opened by a server
 * @param masonData  RT's compiled templates, shared by the instances of this JVM
 * @param apiToken   the auth string ticket-triage sends ({@code Authorization: token …}), of a user with only the
 *                   rights the adapter needs
 * @param agentToken the auth string of an agent with every right, for what people do in RT
 * @param setupTime  from nothing to this database, RT's packages being installed
 */
record PristineRt(RtInstallation installation, Path directory, Path database, Path masonData, String apiToken,
                  String agentToken, Duration setupTime) {

    static final String API_USER = "triage";
    static final String AGENT_USER = "agent";
    /** RT's own queue, where new tickets arrive in the demo desk. */
    static final String INCOMING_QUEUE = "General";
    static final String MARKER_FIELD = "Triage";
    static final String CONFIDENCE_FIELD = "Triage confidence";
    static final String TAGS_FIELD = "Triage tags";

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    /** Creates the database in {@code directory}. */
    static PristineRt create(RtInstallation installation, Path directory) {
        long started = System.nanoTime();
        Path database = directory.resolve("pristine.db");
        Path masonData = directory.resolve("mason");
        // No server ever runs on this configuration: the base URL only has to be valid.
        Map<String, String> environment = new RtSiteConfig(URI.create("http://127.0.0.1:9"), database, masonData,
                directory.resolve("sessions")).write(directory);
        run("rt-setup-database", List.of(installation.setupDatabase().toString(), "--action", "init"), environment,
                directory);

        Path script = directory.resolve("setup-demo-desk.pl");
        copyResource("setup-demo-desk.pl", script);
        List<String> setup = new ArrayList<>(List.of(installation.perl().toString(), "-I" + installation.library(),
                script.toString(), API_USER, AGENT_USER, MARKER_FIELD, CONFIDENCE_FIELD, TAGS_FIELD, INCOMING_QUEUE));
        setup.addAll(DemoDesk.QUEUES);
        Map<String, String> tokens = new HashMap<>();
        for (String line : run("setup-demo-desk", setup, environment, directory).split("\n")) {
            String[] userAndToken = line.split("=", 2);
            if (userAndToken.length == 2 && userAndToken[1].matches("\\d+-\\d+-[0-9a-f]+")) {
                tokens.put(userAndToken[0], userAndToken[1]);
            }
        }
        if (!tokens.containsKey(API_USER) || !tokens.containsKey(AGENT_USER)) {
            throw new IllegalStateException("setup-demo-desk.pl printed no token for " + API_USER + " and "
                    + AGENT_USER + " (see " + directory.resolve("setup-demo-desk.log") + ")");
        }
        return new PristineRt(installation, directory, database, masonData, tokens.get(API_USER),
                tokens.get(AGENT_USER), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Copies a resource of this package (a script) to {@code target}. */
    static void copyResource(String name, Path target) {
        try (InputStream in = PristineRt.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is missing from the simulators' jar");
            }
            Files.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * Runs an RT command with the instance's configuration; returns its standard output. Its output is kept in
     * {@code <directory>/<name>.out} and {@code .log} (standard error), and a failure's message quotes them.
     */
    private static String run(String name, List<String> command, Map<String, String> environment, Path directory) {
        Path log = directory.resolve(name + ".log");
        Path output = directory.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(output.toFile())
                .redirectError(log.toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(name + " did not finish within " + COMMAND_TIMEOUT + ": "
                        + tail(log));
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed (exit " + process.exitValue() + "): " + out
                        + tail(log));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
    }

    /** The last lines of a log, for an error message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e.getMessage() + ")";
        }
    }
}
