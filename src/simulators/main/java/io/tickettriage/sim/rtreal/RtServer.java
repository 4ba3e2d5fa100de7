package io.tickettriage.sim.rtreal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real RT: starman serving RT's PSGI app on a free loopback port, on a copy of the pristine database, under
 * {@code guardian.pl}, which ends starman and its workers when {@link #close()} closes its standard input, and also
 * when this JVM dies without closing it (a shutdown hook closes it on an orderly exit).
 */
final class RtServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtServer.class);
    /** Starting RT takes 2-5 s on two idle cores, and several times that when the machine is busy. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    /** Another process may take the free port between our look and starman's bind. */
    private static final int BIND_ATTEMPTS = 3;

    private final Process guardian;
    private final Path directory;
    private final URI url;
    private final Duration startTime;
    private final Thread shutdownHook;

    private RtServer(Process guardian, Path directory, URI url, Duration startTime, Thread shutdownHook) {
        this.guardian = guardian;
        this.directory = directory;
        this.url = url;
        this.startTime = startTime;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Starts RT on a copy of {@code pristine}'s database in {@code directory} and waits until its REST2 API answers
     * the API user.
     *
     * @param webBaseUrl the address clients use (the proxy's), which RT puts into every link it sends
     */
    static RtServer start(PristineRt pristine, Path directory, URI webBaseUrl) {
        long started = System.nanoTime();
        Path database = directory.resolve("rt.db");
        try {
            Files.copy(pristine.database(), database, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy RT's pristine database to " + directory, e);
        }
        var environment = new RtSiteConfig(webBaseUrl, database, pristine.masonData(), directory.resolve("sessions"))
                .write(directory);
        Path guardianScript = directory.resolve("guardian.pl");
        PristineRt.copyResource("guardian.pl", guardianScript);
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            URI url = URI.create("http://127.0.0.1:" + port);
            Path errorLog = directory.resolve("starman-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(pristine.installation().perl().toString(),
                    guardianScript.toString(), pristine.installation().starman().toString(),
                    "--listen", "127.0.0.1:" + port, "--workers", "2",
                    // RT is loaded once, then forked: half the work of each worker loading it (rt-server closes its
                    // database connection before the fork).
                    "--preload-app",
                    "--error-log", errorLog.toString(), pristine.installation().rtServer().toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("guardian-" + port + ".log").toFile());
            builder.environment().putAll(environment);
            Process guardian;
            try {
                guardian = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start starman under " + guardianScript, e);
            }
            Thread hook = new Thread(() -> stop(guardian), "rt-stop-" + port);
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                awaitReady(guardian, url, pristine.apiToken(), errorLog);
                return new RtServer(guardian, directory, url, Duration.ofNanos(System.nanoTime() - started), hook);
            } catch (RuntimeException failed) {
                stop(guardian);
                removeHook(hook);
                if (attempt >= BIND_ATTEMPTS || !PristineRt.tail(errorLog).contains("Address already in use")) {
                    throw failed;
                }
                LOG.info("Port {} was taken before RT could listen on it; trying another", port);
            }
        }
    }

    /** RT's own address, past the proxy: {@code http://127.0.0.1:<port>}. */
    URI url() {
        return url;
    }

    /** From the copy of the database to RT's first answer. */
    Duration startTime() {
        return startTime;
    }

    /** Ends starman and its workers, and deletes the instance's files. */
    @Override
    public void close() {
        stop(guardian);
        removeHook(shutdownHook);
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the RT instance's files in {}: {}", directory, e.getMessage());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it stops the server itself.
        }
    }

    /**
     * Closes the guardian's input, which makes it kill the whole process group and end once none of it runs; if the
     * guardian does not end in time, it and every process it started are killed from here.
     */
    private static void stop(Process guardian) {
        List<ProcessHandle> started = new ArrayList<>(guardian.descendants().toList());
        try (OutputStream input = guardian.getOutputStream()) {
            input.flush();
        } catch (IOException alreadyClosed) {
            // The guardian is gone already, and took its group with it.
        }
        try {
            if (guardian.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("RT's guardian (pid {}) did not stop within {}; killing it and the {} processes it started",
                guardian.pid(), STOP_TIMEOUT, started.size());
        guardian.destroyForcibly();
        started.forEach(ProcessHandle::destroyForcibly);
    }

    private static void awaitReady(Process guardian, URI url, String token, Path errorLog) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(url.resolve("/REST/2.0/rt"))
                .header("Authorization", "token " + token).timeout(Duration.ofSeconds(10)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        int lastStatus = 0;
        while (System.nanoTime() < deadline) {
            if (!guardian.isAlive()) {
                throw new IllegalStateException("RT's server ended while starting (exit " + guardian.exitValue()
                        + "); starman's log " + errorLog + " ends:\n" + PristineRt.tail(errorLog));
            }
            try {
                lastStatus = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starman binds after loading RT: until then the connection is refused.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for RT at " + url, e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for RT at " + url, e);
            }
        }
        throw new IllegalStateException("RT at " + url + " did not answer GET /REST/2.0/rt with 200 within "
                + READY_TIMEOUT + (lastStatus == 0 ? "" : " (last status " + lastStatus + ")")
                + "; starman's log " + errorLog + " ends:\n" + PristineRt.tail(errorLog));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
