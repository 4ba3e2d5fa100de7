package io.tickettriage.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A watermark in a one-line file, e.g. {@code state/freshdesk.watermark}, replaced by write-then-rename. */
public record WatermarkFile(Path file) implements WatermarkStorage {

    @Override
    public Optional<Instant> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the watermark " + file.toAbsolutePath(), e);
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("the watermark file " + file.toAbsolutePath() + " holds '" + text
                    + "', not a timestamp; fix it or delete it to start again from the look-back window", e);
        }
    }

    @Override
    public void advance(Instant watermark) {
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
