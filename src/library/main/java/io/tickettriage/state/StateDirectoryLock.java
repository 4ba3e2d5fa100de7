package io.tickettriage.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.apache.camel.support.service.ServiceSupport;

/**
 * One ticket-triage per state directory: two processes sharing a watermark and a triaged-ticket store would both
 * write the same tickets. The operating system releases the lock when the process ends, however it ends, so a crash
 * never leaves a stale lock behind.
 */
public final class StateDirectoryLock extends ServiceSupport {

    private final FileChannel channel;
    private final FileLock lock;

    private StateDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @return the lock, or empty when another process (or this one) already holds it */
    public static Optional<StateDirectoryLock> tryAcquire(Path directory) {
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new StateDirectoryLock(channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the state directory " + directory.toAbsolutePath(), e);
        }
    }

    @Override
    protected void doStop() throws IOException {
        lock.release();
        channel.close();
    }
}
