package io.tickettriage.state;

import java.time.Instant;
import java.util.Optional;

/** Where a {@link WatermarkStore} keeps its one value: a file, or a row of the state database. */
public interface WatermarkStorage {

    /** The stored watermark; empty before the first batch was committed. */
    Optional<Instant> read();

    /** Stores {@code watermark}, which is after the stored one; atomically, so a crash leaves the old or the new. */
    void advance(Instant watermark);
}
