package io.tickettriage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An estate that adds ticket-triage as one Maven dependency, as an integration engineer would: each project under
 * {@code src/app/test/resources/estate/} is built by Maven against the installed {@code io.tickettriage:ticket-triage}
 * (the README's test command, {@code mvn install}, installs it before this module runs), started with
 * {@code java -jar}, and left to triage the Freshdesk simulator's backlog with its own YAML route. Every ticket is
 * written once, with one note, and a restarted estate writes none again.
 */
class EstateIT {

    private static final Path ESTATES = Path.of("src", "app", "test", "resources", "estate");
    private static final int TICKETS = 6;

    @ParameterizedTest
    @ValueSource(strings = {"spring-boot", "camel-main"})
    void anEstateTriagesTheBacklogOnceWithItsOwnRoute(String estate, @TempDir Path work) throws Exception {
        Path project = work.resolve(estate);
        copyEstate(ESTATES.resolve(estate), project);
        build(project, work.resolve("build.log"));
        Path jar = project.resolve("target").resolve("estate.jar");
        System.out.printf("%s estate: target/estate.jar and target/lib/ hold %,d bytes%n", estate,
                bytesUnder(project.resolve("target"), jar));

        try (SimulatedHelpDesk freshdesk = SimulatedHelpDesks.start("freshdesk", 0, Clock.systemUTC())) {
            List<String> ids = TestTickets.seed(freshdesk, TICKETS);
            Map<String, String> environment = Map.of(
                    "ACME_FRESHDESK_URL", freshdesk.baseUrl(),
                    "ACME_FRESHDESK_API_KEY", freshdesk.adapterProperties().get("freshdesk.api-key"),
                    "ACME_STATE", work.resolve("state").toString());

            PackagedJar logs = new PackagedJar(work);
            Path firstLog = logs.log("first-run.log");
            Process first = start(jar, environment, firstLog);
            try {
                logs.waitFor(Duration.ofMinutes(2), () -> ids.stream().allMatch(id ->
                        freshdesk.updatesByTicket().getOrDefault(id, 0) > 0), first, "first-run.log");
                // Two more polls find the tickets marked: nothing is written again.
                int pages = freshdesk.pagesServed();
                logs.waitFor(Duration.ofSeconds(30), () -> freshdesk.pagesServed() >= pages + 2, first,
                        "first-run.log");
            } finally {
                stop(first);
            }
            assertWrittenOnce(freshdesk, ids, firstLog);

            Path secondLog = logs.log("second-run.log");
            Process second = start(jar, environment, secondLog);
            try {
                int pages = freshdesk.pagesServed();
                logs.waitFor(Duration.ofMinutes(1), () -> freshdesk.pagesServed() >= pages + 2, second,
                        "second-run.log");
            } finally {
                stop(second);
            }
            assertWrittenOnce(freshdesk, ids, secondLog);
            String log = Files.readString(firstLog) + Files.readString(secondLog);
            assertFalse(log.contains(freshdesk.adapterProperties().get("freshdesk.api-key")),
                    "the API key is never logged");
        }
    }

    private static void assertWrittenOnce(SimulatedHelpDesk freshdesk, List<String> ids, Path log)
            throws IOException {
        for (String id : ids) {
            String why = "ticket " + id + "\n" + Files.readString(log);
            assertEquals(1, freshdesk.updatesByTicket().get(id), "written once: " + why);
            assertEquals(1, freshdesk.ticket(id).notes().size(), "one note: " + why);
            assertTrue(freshdesk.ticket(id).tags().contains("triaged"), "the marker: " + why);
            assertTrue(freshdesk.ticket(id).queue().isPresent(), "a queue: " + why);
        }
    }

    /** The estate as its engineer would write it, with the version under test in its pom. */
    private static void copyEstate(Path from, Path to) throws IOException {
        String version = System.getProperty("project.version");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.writeString(target, Files.readString(file).replace("@ticket-triage.version@", version));
            }
        }
        Path routes = to.resolve("src/main/resources/camel");
        Files.createDirectories(routes);
        Files.copy(ESTATES.resolve("triage-freshdesk.yaml"), routes.resolve("triage-freshdesk.yaml"));
    }

    /**
     * {@code mvn package} in the estate, with this build's Maven and local repository, after checking that the
     * library installed there is the one this build made (not one left by an earlier {@code mvn install}).
     */
    private static void build(Path project, Path log) throws Exception {
        Path localRepository = Path.of(System.getProperty("local.repository"));
        String version = System.getProperty("project.version");
        Path installed = localRepository.resolve(Path.of("io", "tickettriage", "ticket-triage", version,
                "ticket-triage-" + version + ".jar"));
        Path built = Path.of(System.getProperty("library.jar"));
        assertTrue(Files.isRegularFile(installed), "the library is not installed at " + installed
                + ": run the README's test command, mvn -B install");
        assertArrayEquals(Files.readAllBytes(built), Files.readAllBytes(installed),
                "the installed library is not the one this build made: run mvn -B install");

        Path mvn = Path.of(System.getProperty("maven.home"), "bin", "mvn");
        Process build = new ProcessBuilder(mvn.toString(), "-B", "-Dmaven.repo.local=" + localRepository,
                "-DskipTests", "package")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(build.waitFor(10, TimeUnit.MINUTES), "the estate's build took over 10 minutes");
        assertEquals(0, build.exitValue(), "the estate's build failed:\n" + tail(log));
    }

    /** The jar, and the jars it names in a lib/ folder beside it (camel-main's host has them there). */
    private static long bytesUnder(Path target, Path jar) throws IOException {
        Path lib = target.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return Files.size(jar);
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return Files.size(jar) + jars.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static Process start(Path jar, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .directory(jar.getParent().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
