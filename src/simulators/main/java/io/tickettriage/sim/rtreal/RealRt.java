package io.tickettriage.sim.rtreal;

import io.tickettriage.sim.SimulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real RT of this JVM: the demo desk's pristine database, set up on first use, and the instances started from
 * copies of it. One instance is kept starting in the background for the next test, so that a suite mostly finds a
 * fresh RT ready rather than waiting the seconds RT takes to start.
 */
public final class RealRt {

    private static final Logger LOG = LoggerFactory.getLogger(RealRt.class);

    /** A started RT and the proxy address it was configured with, bound but not yet serving. */
    record Instance(SimulatorServer proxy, RtServer server, Duration waited) {
    }

    /** The shared instance, or why there is none: a failed setup fails every test that asks, with its cause. */
    private record Shared(RealRt rt, RuntimeException failure) {

        static final Shared OF_THIS_JVM = create();

        private static Shared create() {
            try {
                return new Shared(RealRt.setUp(RtInstallation.locate()), null);
            } catch (RuntimeException e) {
                return new Shared(null, e);
            }
        }
    }

    private final PristineRt pristine;
    private final Path root;
    private final ExecutorService starter;
    private final AtomicInteger started = new AtomicInteger();
    /** The instance starting for the next test; guarded by this. */
    private Future<Instance> spare;

    private RealRt(PristineRt pristine, Path root, ExecutorService starter) {
        this.pristine = pristine;
        this.root = root;
        this.starter = starter;
    }

    /**
     * This JVM's real RT, its pristine database set up on the first call.
     *
     * @throws IllegalStateException when RT is not installed (see {@link RtInstallation#missing()}) or its setup
     *                               failed, with the reason
     */
    public static RealRt shared() {
        Shared shared = Shared.OF_THIS_JVM;
        if (shared.failure() != null) {
            throw new IllegalStateException("no real RT in this JVM: " + shared.failure().getMessage(),
                    shared.failure());
        }
        return shared.rt();
    }

    private static RealRt setUp(RtInstallation installation) {
        Path root;
        try {
            root = Files.createTempDirectory("ticket-triage-rt-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for RT", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root), "rt-delete-" + root.getFileName()));
        Path pristineDirectory = root.resolve("pristine");
        try {
            Files.createDirectories(pristineDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + pristineDirectory, e);
        }
        PristineRt pristine = PristineRt.create(installation, pristineDirectory);
        LOG.info("Real RT 5: the demo desk's pristine database was set up in {} s (once per JVM)",
                seconds(pristine.setupTime()));
        ExecutorService starter = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "rt-starter");
            thread.setDaemon(true);
            return thread;
        });
        return new RealRt(pristine, root, starter);
    }

    /** From nothing (RT's packages installed) to the pristine database. */
    public Duration setupTime() {
        return pristine.setupTime();
    }

    PristineRt pristine() {
        return pristine;
    }

    /**
     * A fresh RT, ready; with {@code keepSpare}, another one starts in the background for the next call.
     *
     * @param keepSpare false where no other instance follows (one test in its own JVM): a spare would only take CPU
     *                  from the test
     */
    Instance next(boolean keepSpare) {
        long asked = System.nanoTime();
        Future<Instance> ready;
        synchronized (this) {
            ready = spare != null ? spare : starter.submit(this::startOne);
            spare = keepSpare ? starter.submit(this::startOne) : null;
        }
        try {
            Instance instance = ready.get();
            Duration waited = Duration.ofNanos(System.nanoTime() - asked);
            LOG.info("Real RT 5 on {}: started in {} s, ready for the test after {} s", instance.server().url(),
                    seconds(instance.server().startTime()), seconds(waited));
            return new Instance(instance.proxy(), instance.server(), waited);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new IllegalStateException("RT did not start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while RT was starting", e);
        }
    }

    private Instance startOne() {
        Path directory = root.resolve("instance-" + started.incrementAndGet());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        // The proxy listens first: RT must know its address, which it puts into every link it sends.
        SimulatorServer proxy = SimulatorServer.bind("rt-proxy", 0);
        try {
            return new Instance(proxy, RtServer.start(pristine, directory, URI.create(proxy.baseUrl())),
                    Duration.ZERO);
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A server still stopping may hold a file; the system's temporary directory is cleaned anyway.
        }
    }
}
