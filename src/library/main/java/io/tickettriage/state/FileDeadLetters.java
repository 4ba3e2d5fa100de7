package io.tickettriage.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Dead letters as one JSON file each in a folder, where an operator can read them. Which versions it holds is read
 * from the letters themselves at start, so it survives restarts without a file of its own.
 */
public final class FileDeadLetters implements DeadLetterShelf {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Set<String> versions = ConcurrentHashMap.newKeySet();

    public FileDeadLetters(Path directory) {
        this.directory = directory;
        versions.addAll(readVersions(directory));
    }

    @Override
    public boolean holds(String version) {
        return versions.contains(version);
    }

    @Override
    public String keep(String name, String version, Instant failedAt, String letter) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name);
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, letter, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            // Held only once the file is there: a letter that could not be kept is tried again.
            if (version != null) {
                versions.add(version);
            }
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter to " + directory.toAbsolutePath(), e);
        }
    }

    @Override
    public int purge(Instant before) {
        return remove((file, letter) -> failedAt(file, letter).isBefore(before)).size();
    }

    @Override
    public List<String> erase(String ticket) {
        return remove((file, letter) -> Erased.concerns(ticket, letter.path("ticket").asText(null)));
    }

    /**
     * Deletes each letter that {@code expired} holds for (given its file and its JSON); returns their names. The running service and this may
     * meet only over a letter kept in this very instant, which is not old enough to be purged, nor erased yet.
     */
    private synchronized List<String> remove(BiPredicate<Path, JsonNode> expired) {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return removed;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode letter = JSON.readTree(file.toFile());
                if (expired.test(file, letter)) {
                    Files.delete(file);
                    DeadLetterStore.versionOf(letter).ifPresent(versions::remove);
                    removed.add(file.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove dead letters from " + directory.toAbsolutePath(), e);
        }
        return removed;
    }

    /** When the letter says it failed; for a letter an operator edited that no longer says, when it was written. */
    private static Instant failedAt(Path file, JsonNode letter) {
        try {
            return Instant.parse(letter.path("failedAt").asText());
        } catch (DateTimeParseException e) {
            try {
                return Files.getLastModifiedTime(file).toInstant();
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot tell when the dead letter " + file + " was kept", unreadable);
            }
        }
    }

    private static Set<String> readVersions(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        Set<String> versions = new HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                DeadLetterStore.versionOf(JSON.readTree(file.toFile())).ifPresent(versions::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dead letters in " + folder.toAbsolutePath(), e);
        }
        return versions;
    }

    @Override
    public String toString() {
        return "FileDeadLetters[" + directory + "]";
    }
}
