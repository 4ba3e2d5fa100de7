package io.tickettriage.sim;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side every help-desk simulator shares: listens on 127.0.0.1 only, serves one handler from a small pool of
 * daemon threads, and stops at once on {@link #close()}.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int WORKER_THREADS = 4;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService workers;

    private SimulatorServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Listens, so that {@link #baseUrl()} is known (APIs put it into Location and Link headers), but answers nothing
     * until {@link #serve}.
     *
     * @param name thread-name prefix, e.g. {@code zammad-sim}
     * @param port 0 for any free port
     */
    public static SimulatorServer bind(String name, int port) {
        // The JDK server leaves Nagle's algorithm on, which adds ~40 ms of delayed-ACK latency to every small
        // response and would make the simulator, not the code under test, dominate every measurement. The JDK reads
        // this once, when its first server starts, so it is set (unless the operator chose) before creating one.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(HOST, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + HOST + ":" + port, e);
        }
        String prefix = name + "-" + server.getAddress().getPort() + "-";
        AtomicInteger count = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            // Daemons, so that a test which forgets close() can't keep its JVM alive.
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        return new SimulatorServer(server, workers);
    }

    /** Starts answering every request, whatever its path, with {@code handler}. */
    public void serve(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
    }

    /** "http://127.0.0.1:&lt;port&gt;", without a trailing slash. */
    public String baseUrl() {
        return "http://" + HOST + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops at once: requests in flight are cut off rather than waited for. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
