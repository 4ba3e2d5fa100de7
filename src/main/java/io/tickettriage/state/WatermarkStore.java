package io.tickettriage.state;

import io.tickettriage.triage.TicketBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the next poll starts: the newest {@code updated_at} of the last fully processed batch, kept in a one-line
 * file. It is written only after a whole batch is done, by write-then-rename, so a crash leaves either the old or the
 * new value and at worst repeats a batch (the triaged-ticket store then skips what was already written).
 */
public final class WatermarkStore {

    private static final Logger LOG = LoggerFactory.getLogger(WatermarkStore.class);

    /** How far ahead of our clock the watermark may go, for a help desk whose clock runs a little ahead. */
    static final Duration LARGEST_SKEW = Duration.ofMinutes(5);

    private final Path file;
    private final Duration firstLookBack;
    private final Clock clock;

    /**
     * @param file          the watermark file, e.g. {@code state/freshdesk.watermark}
     * @param firstLookBack how far back the very first poll looks, before any watermark exists
     */
    public WatermarkStore(Path file, Duration firstLookBack, Clock clock) {
        this.file = file;
        this.firstLookBack = firstLookBack;
        this.clock = clock;
    }

    public Instant current() {
        if (!Files.exists(file)) {
            return clock.instant().minus(firstLookBack);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the watermark " + file.toAbsolutePath(), e);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("the watermark file " + file.toAbsolutePath() + " holds '" + text
                    + "', not a timestamp; fix it or delete it to start again from the look-back window", e);
        }
    }

    /** Moves the watermark to the batch's and hands the batch back, so a route can call this as a step. */
    public TicketBatch commit(TicketBatch batch) {
        Instant previous = current();
        Instant next = batch.watermark();
        Instant latest = clock.instant().plus(LARGEST_SKEW);
        if (next.isAfter(latest)) {
            // Whatever a record claims, the next poll must still see tickets that change from now on.
            LOG.warn("The help desk reported a change at {}, ahead of now; the watermark moves to {} instead", next,
                    latest);
            next = latest;
        }
        if (next.isAfter(previous)) {
            write(next);
            LOG.debug("watermark {} -> {}", previous, next);
        }
        return batch;
    }

    private void write(Instant watermark) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, watermark + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the watermark " + file.toAbsolutePath(), e);
        }
    }
}
