package io.tickettriage.sim;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The HTTP side every help-desk simulator shares: listens on 127.0.0.1 only (over HTTPS when given a TLS context, as
 * a help desk behind a customer's own CA), serves one handler from a small pool of daemon threads, and stops at once
 * on {@link #close()}.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int WORKER_THREADS = 4;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService workers;
    private final String scheme;

    private SimulatorServer(HttpServer server, ExecutorService workers, String scheme) {
        this.server = server;
        this.workers = workers;
        this.scheme = scheme;
    }

    /**
     * Listens, so that {@link #baseUrl()} is known (APIs put it into Location and Link headers), but answers nothing
     * until {@link #serve}.
     *
     * @param name thread-name prefix, e.g. {@code zammad-sim}
     * @param port 0 for any free port
     */
    public static SimulatorServer bind(String name, int port) {
        return bind(name, port, null);
    }

    /**
     * As {@link #bind(String, int)}, over HTTPS with {@code tls}'s certificate.
     *
     * @param tls the server's key and certificate; null for plain HTTP
     */
    public static SimulatorServer bind(String name, int port, SSLContext tls) {
        // The JDK server leaves Nagle's algorithm on, which adds ~40 ms of delayed-ACK latency to every small
        // response and would make the simulator, not the code under test, dominate every measurement. The JDK reads
        // this once, when its first server starts, so it is set (unless the operator chose) before creating one.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        HttpServer server;
        try {
            if (tls == null) {
                server = HttpServer.create(new InetSocketAddress(HOST, port), 0);
            } else {
                HttpsServer https = HttpsServer.create(new InetSocketAddress(HOST, port), 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
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
        return new SimulatorServer(server, workers, tls == null ? "http" : "https");
    }

    /** Starts answering every request, whatever its path, with {@code handler}. */
    public void serve(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
    }

    /** "http://127.0.0.1:&lt;port&gt;" (or https), without a trailing slash. */
    public String baseUrl() {
        return scheme + "://" + HOST + ":" + port();
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
