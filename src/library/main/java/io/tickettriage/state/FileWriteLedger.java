package io.tickettriage.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.triage.WriteLedger;
import io.tickettriage.triage.WritePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WriteLedger} in two files of the state directory:
 * <ul>
 *   <li>{@code triaged-tickets.txt}: the keys of tickets completely written, one per line, only ever appended;</li>
 *   <li>{@code write-journal.jsonl}: one JSON line per event of a write in progress (its plan, each call attempted,
 *       each call landed, finished, abandoned), replayed at start and compacted to the writes still open.</li>
 * </ul>
 * Each event is appended before the step it records is taken further, so a crash of the process at any instant
 * leaves a journal from which the next start knows which calls may have been sent. An append is in the operating
 * system's page cache once written, so it survives the process; a half-written last line (the process died while
 * writing it) is ignored.
 */
public final class FileWriteLedger implements WriteLedger, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileWriteLedger.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Entry {
        final WritePlan plan;
        final Set<String> attempted = new HashSet<>();
        final Set<String> landed = new HashSet<>();
        boolean abandoned;

        Entry(WritePlan plan) {
            this.plan = plan;
        }
    }

    private final Path written;
    private final Path journal;
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Map<String, Entry> open = new LinkedHashMap<>();
    private final FileChannel doneAppender;
    /** Replaced when the journal is rewritten while open ({@link #erase}, {@link #forgetClosedWrites}). */
    private FileChannel journalAppender;

    private FileWriteLedger(Path directory) throws IOException {
        Files.createDirectories(directory);
        this.written = directory.resolve("triaged-tickets.txt");
        this.journal = directory.resolve("write-journal.jsonl");
        if (Files.exists(written)) {
            try (var lines = Files.lines(written, StandardCharsets.UTF_8)) {
                lines.map(String::strip).filter(line -> !line.isEmpty()).forEach(done::add);
            }
        }
        replay();
        compact();
        doneAppender = FileChannel.open(written, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        journalAppender = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** The ledger of {@code directory}, created if missing. */
    public static FileWriteLedger open(Path directory) {
        try {
            return new FileWriteLedger(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the write ledger in " + directory.toAbsolutePath(), e);
        }
    }

    @Override
    public boolean isWritten(String key) {
        return done.contains(key);
    }

    @Override
    public synchronized Optional<WritePlan> openPlan(String key) {
        Entry entry = open.get(key);
        return entry == null || entry.abandoned ? Optional.empty() : Optional.of(entry.plan);
    }

    @Override
    public synchronized void begin(WritePlan plan) {
        Entry previous = open.get(plan.key());
        Entry entry = new Entry(plan);
        if (previous != null) {
            entry.landed.addAll(plan.landedBefore(previous.landed));
        }
        ObjectNode event = event("plan", plan.key());
        event.set("plan", JSON.valueToTree(plan));
        event.set("landed", JSON.valueToTree(entry.landed));
        append(event);
        open.remove(plan.key());
        open.put(plan.key(), entry);
    }

    @Override
    public synchronized boolean hasLanded(String key, String call) {
        Entry entry = open.get(key);
        return done.contains(key) || entry != null && entry.landed.contains(call);
    }

    @Override
    public synchronized boolean wasAttempted(String key, String call) {
        Entry entry = open.get(key);
        return entry != null && entry.attempted.contains(call);
    }

    @Override
    public synchronized void attempting(String key, String call) {
        Entry entry = require(key);
        if (entry.attempted.add(call)) {
            append(event("attempt", key).put("call", call));
        }
    }

    @Override
    public synchronized void landed(String key, String call) {
        Entry entry = require(key);
        if (entry.landed.add(call)) {
            append(event("landed", key).put("call", call));
        }
    }

    @Override
    public synchronized void finished(String key) {
        if (done.add(key)) {
            write(doneAppender, key + "\n", written);
        }
        if (open.remove(key) != null) {
            append(event("finished", key));
        }
    }

    @Override
    public synchronized void abandoned(String key) {
        Entry entry = require(key);
        if (!entry.abandoned) {
            entry.abandoned = true;
            append(event("abandoned", key));
        }
    }

    @Override
    public synchronized List<WritePlan> unfinished(String system) {
        return open.values().stream().filter(entry -> !entry.abandoned)
                .filter(entry -> entry.plan.key().startsWith(system + ":")).map(entry -> entry.plan).toList();
    }

    /**
     * Drops the ticket's write still open (its plan: the subject and the note), rewriting the journal without it;
     * the mark that it was written, if it was, stays. Returns whether there was one.
     */
    public synchronized boolean erase(String key) {
        if (open.remove(key) == null) {
            return false;
        }
        rewriteJournal();
        return true;
    }

    /**
     * Rewrites the journal as a start does: with only the writes still open, and the abandoned ones bare
     * ({@link ClosedWrites}). The plans of finished writes, their subjects and notes, are needed no longer.
     */
    public synchronized void forgetClosedWrites() {
        rewriteJournal();
    }

    private void rewriteJournal() {
        try {
            journalAppender.close();
            compact();
            journalAppender = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the write journal " + journal.toAbsolutePath(), e);
        }
    }

    /** How many tickets were completely written. */
    public int writtenCount() {
        return done.size();
    }

    @Override
    public synchronized void close() {
        try {
            journalAppender.close();
            doneAppender.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the write ledger in " + journal.getParent(), e);
        }
    }

    private Entry require(String key) {
        Entry entry = open.get(key);
        if (entry == null) {
            throw new IllegalStateException("no write of " + key + " was begun");
        }
        return entry;
    }

    private static ObjectNode event(String type, String key) {
        ObjectNode event = JSON.createObjectNode();
        event.put("event", type);
        event.put("key", key);
        return event;
    }

    private void append(ObjectNode event) {
        write(journalAppender, event.toString() + "\n", journal);
    }

    private static void write(FileChannel channel, String text, Path file) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(text);
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a write in " + file.toAbsolutePath(), e);
        }
    }

    private void replay() throws IOException {
        if (!Files.exists(journal)) {
            return;
        }
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode event;
            try {
                event = JSON.readTree(line);
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    LOG.warn("The write journal {} ends in a line cut short (the process died while writing it); "
                            + "it is ignored", journal.toAbsolutePath());
                    continue;
                }
                throw new IllegalStateException("line " + (i + 1) + " of the write journal " + journal.toAbsolutePath()
                        + " is not JSON; fix or remove the line", e);
            }
            apply(event);
        }
    }

    private void apply(JsonNode event) throws IOException {
        String key = event.path("key").asText();
        switch (event.path("event").asText()) {
            case "plan" -> {
                Entry entry = new Entry(JSON.treeToValue(event.get("plan"), WritePlan.class));
                event.path("landed").forEach(call -> entry.landed.add(call.asText()));
                open.remove(key);
                open.put(key, entry);
            }
            case "attempt" -> Optional.ofNullable(open.get(key)).ifPresent(e -> e.attempted.add(event.path("call")
                    .asText()));
            case "landed" -> Optional.ofNullable(open.get(key)).ifPresent(e -> e.landed.add(event.path("call")
                    .asText()));
            case "abandoned" -> Optional.ofNullable(open.get(key)).ifPresent(e -> e.abandoned = true);
            case "finished" -> {
                open.remove(key);
                done.add(key);
            }
            default -> LOG.warn("The write journal {} has an event of unknown type: {}", journal, event);
        }
    }

    /**
     * Rewrites the journal with only the writes still open (abandoned ones bare), so it does not grow with the
     * history and keeps no content that is not needed.
     */
    private void compact() throws IOException {
        // A ticket finished in the journal but missing from the written list (the process died between the two).
        Set<String> missing = new HashSet<>(done);
        if (Files.exists(written)) {
            try (var lines = Files.lines(written, StandardCharsets.UTF_8)) {
                lines.map(String::strip).forEach(missing::remove);
            }
        }
        if (!missing.isEmpty()) {
            Files.writeString(written, String.join("\n", missing) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        List<String> lines = new ArrayList<>();
        for (Entry entry : open.values()) {
            ObjectNode plan = event("plan", entry.plan.key());
            // An abandoned write is never resumed: only which of its calls landed is needed again.
            plan.set("plan", JSON.valueToTree(entry.abandoned ? ClosedWrites.bare(entry.plan) : entry.plan));
            plan.set("landed", JSON.valueToTree(entry.landed));
            lines.add(plan.toString());
            entry.attempted.forEach(call -> lines.add(event("attempt", entry.plan.key()).put("call", call)
                    .toString()));
            if (entry.abandoned) {
                lines.add(event("abandoned", entry.plan.key()).toString());
            }
        }
        Path temporary = journal.resolveSibling(journal.getFileName() + ".tmp");
        Files.write(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, journal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return "FileWriteLedger[" + journal.getParent() + ", " + done.size() + " written, " + open.size() + " open]";
    }
}
