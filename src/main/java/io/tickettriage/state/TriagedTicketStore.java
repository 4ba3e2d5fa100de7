package io.tickettriage.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The keys of tickets already written, one per line in a file, behind Camel's {@link IdempotentRepository} so the
 * route's {@code idempotentConsumer} uses it. All keys are held in memory and the file is only appended to:
 * Camel's {@code FileIdempotentRepository} rescans its whole file for every key it has not cached, which makes each
 * new ticket cost as much as the history is long.
 *
 * <p>A line is written only when a ticket's update succeeded. An append survives a crash of the process (it is in the
 * operating system's page cache); after a power loss the marker tag on the ticket still keeps it from being fetched
 * again.
 */
public final class TriagedTicketStore extends ServiceSupport implements IdempotentRepository {

    private final Path file;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final ReentrantLock fileLock = new ReentrantLock();
    private FileChannel appender;

    public TriagedTicketStore(Path file) {
        this.file = file;
    }

    @Override
    protected void doStart() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.filter(line -> !line.isBlank()).forEach(keys::add);
            }
        }
        appender = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    @Override
    protected void doStop() throws IOException {
        if (appender != null) {
            appender.close();
            appender = null;
        }
    }

    @Override
    public boolean contains(String key) {
        return keys.contains(key);
    }

    @Override
    public boolean add(String key) {
        if (!keys.add(key)) {
            return false;
        }
        fileLock.lock();
        try {
            ByteBuffer line = StandardCharsets.UTF_8.encode(key + "\n");
            while (line.hasRemaining()) {
                appender.write(line);
            }
            return true;
        } catch (IOException e) {
            keys.remove(key);
            throw new UncheckedIOException("cannot record triaged ticket " + key + " in " + file.toAbsolutePath(), e);
        } finally {
            fileLock.unlock();
        }
    }

    /** Rewrites the file without the key; rare (only when a key was recorded and its exchange then failed). */
    @Override
    public boolean remove(String key) {
        if (!keys.remove(key)) {
            return false;
        }
        rewrite();
        return true;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        keys.clear();
        rewrite();
    }

    public int size() {
        return keys.size();
    }

    private void rewrite() {
        fileLock.lock();
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, keys, StandardCharsets.UTF_8);
            appender.close();
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            appender = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file.toAbsolutePath(), e);
        } finally {
            fileLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "TriagedTicketStore[" + file + ", " + keys.size() + " tickets]";
    }
}
