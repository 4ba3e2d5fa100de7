package io.tickettriage.state;

import java.time.Instant;
import java.util.List;

/** Where a {@link DeadLetterStore} keeps its letters: a folder of files, or a table of the state database. */
public interface DeadLetterShelf {

    /** Whether a letter kept under {@code version} is there (e.g. {@code freshdesk:42@2026-01-01T10:00:00Z}). */
    boolean holds(String version);

    /**
     * Keeps one letter, its JSON text ready.
     *
     * @param name    a name that is safe as a file name whatever the ticket's key holds, unique per key and moment
     * @param version what {@link #holds} will find it by from now on; null for a letter nothing looks up
     * @return where it is, for the log
     */
    String keep(String name, String version, Instant failedAt, String letter);

    /** Deletes the letters that failed before {@code before}; returns how many. Their versions are no longer held. */
    int purge(Instant before);

    /** Deletes the letters of the ticket {@code ticket} ({@link Erased#concerns}); returns their names. */
    List<String> erase(String ticket);
}
