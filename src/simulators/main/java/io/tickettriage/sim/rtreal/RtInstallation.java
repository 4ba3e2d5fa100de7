package io.tickettriage.sim.rtreal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where Debian's Request Tracker 5 packages put what a test needs to run a real RT: the PSGI app, the database setup
 * tool, RT's Perl library, the starman web server and perl.
 *
 * @param rtServer      {@code rt-server}, the PSGI app starman serves
 * @param setupDatabase {@code rt-setup-database-5}, which creates RT's schema and initial data
 * @param library       RT's Perl modules, for scripts that use RT's own API
 */
public record RtInstallation(Path rtServer, Path setupDatabase, Path library, Path starman, Path perl) {

    private static final Path RT_SERVER = Path.of("/usr/share/request-tracker5/libexec/rt-server");
    private static final Path SETUP_DATABASE = Path.of("/usr/sbin/rt-setup-database-5");
    private static final Path LIBRARY = Path.of("/usr/share/request-tracker5/lib");
    private static final String PACKAGES = "request-tracker5 rt5-standalone rt5-db-sqlite rt5-clients dma starman";

    /**
     * What is missing for a real RT here, each with the Debian package that brings it; empty when nothing is. The
     * tests that need RT skip with this list as their reason.
     */
    public static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(RT_SERVER)) {
            missing.add(RT_SERVER + " (Debian package request-tracker5)");
        }
        if (!Files.isExecutable(SETUP_DATABASE)) {
            missing.add(SETUP_DATABASE + " (request-tracker5)");
        }
        if (!Files.isDirectory(LIBRARY)) {
            missing.add(LIBRARY + " (request-tracker5)");
        }
        if (onPath("starman").isEmpty()) {
            missing.add("starman on the PATH (starman)");
        }
        if (onPath("perl").isEmpty()) {
            missing.add("perl on the PATH (perl)");
        }
        return List.copyOf(missing);
    }

    /** One sentence for a test's skip reason or an error: what is missing and how to get it. */
    public static String whyUnavailable(List<String> missing) {
        return "no real Request Tracker 5 here: missing " + String.join(", ", missing) + ". On Debian 12, `bash .ci/run`"
                + " installs it (apt-get install " + PACKAGES + ")";
    }

    /** The installation, or an {@link IllegalStateException} that says what is missing. */
    public static RtInstallation locate() {
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(whyUnavailable(missing));
        }
        return new RtInstallation(RT_SERVER, SETUP_DATABASE, LIBRARY, onPath("starman").orElseThrow(),
                onPath("perl").orElseThrow());
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
