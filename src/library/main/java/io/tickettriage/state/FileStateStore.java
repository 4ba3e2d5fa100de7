package io.tickettriage.state;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.triage.PredictionLog;
import io.tickettriage.triage.WriteLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The state as files of one directory ({@code triage.state.directory}): {@code <helpdesk>.watermark}, the write
 * ledger's {@code triaged-tickets.txt} and {@code write-journal.jsonl}, {@code dead-letter/} and
 * {@code predictions.jsonl}. The directory is locked while it is open: files are meant for one process, and the lock
 * is what keeps a second one off them.
 */
public final class FileStateStore implements StateStore {

    private final Path directory;
    private final StateDirectoryLock lock;
    private final FileWriteLedger ledger;
    private final FilePredictionLog predictions;
    private final FileDeadLetters deadLetters;

    private FileStateStore(Path directory, StateDirectoryLock lock, FileWriteLedger ledger,
                           FilePredictionLog predictions) {
        this.directory = directory;
        this.lock = lock;
        this.ledger = ledger;
        this.predictions = predictions;
        this.deadLetters = new FileDeadLetters(directory.resolve("dead-letter"));
    }

    /** Locks {@code directory} and opens what it holds; a directory another process holds is a configuration error. */
    public static FileStateStore open(Path directory) {
        StateDirectoryLock lock = StateDirectoryLock.tryAcquire(directory).orElseThrow(() ->
                new ConfigurationException("another ticket-triage is already running with the state directory "
                        + directory.toAbsolutePath() + "; stop it, or give this one its own triage.state.directory"));
        FileWriteLedger ledger = null;
        try {
            ledger = FileWriteLedger.open(directory);
            return new FileStateStore(directory, lock, ledger, FilePredictionLog.open(directory));
        } catch (RuntimeException e) {
            // A start that fails must not keep the directory locked for the rest of this JVM.
            if (ledger != null) {
                ledger.close();
            }
            lock.stop();
            throw e;
        }
    }

    @Override
    public WatermarkStorage watermark(String helpdesk) {
        return new WatermarkFile(directory.resolve(helpdesk + ".watermark"));
    }

    @Override
    public WriteLedger writeLedger() {
        return ledger;
    }

    @Override
    public DeadLetterShelf deadLetters() {
        return deadLetters;
    }

    @Override
    public PredictionLog predictions() {
        return predictions;
    }

    @Override
    public int purgePredictions(Instant before) {
        return predictions.purge(before);
    }

    @Override
    public void forgetClosedWrites() {
        ledger.forgetClosedWrites();
    }

    @Override
    public Erased erase(String ticket) {
        return new Erased(ticket, deadLetters.erase(ticket), predictions.erase(ticket), ledger.erase(ticket),
                ledger.isWritten(ticket));
    }

    @Override
    public void close() {
        try {
            predictions.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the prediction log in " + directory.toAbsolutePath(), e);
        } finally {
            ledger.close();
            lock.stop();
        }
    }

    @Override
    public String toString() {
        return directory.toAbsolutePath().toString();
    }
}
