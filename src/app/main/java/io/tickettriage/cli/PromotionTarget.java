package io.tickettriage.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code train --promote-to PATH}: where a promoted bundle goes, usually the service's {@code triage.model.path}. A
 * folder (an existing one, or a path not ending in {@code .onnx}) receives the bundle's model.onnx with its manifest
 * and report; a {@code .onnx} path receives the model alone.
 *
 * <p>Every file is written beside its destination and moved over it atomically: the service's model watch may look
 * at any moment, and must see the old file or the new one, never half of one. The model goes last, so that by the
 * time it changes, the manifest and report beside it already describe it.
 */
record PromotionTarget(Path path) {

    static final String MODEL = "model.onnx";
    /** What goes with the model into a folder, each when the bundle has it. */
    private static final List<String> ALONGSIDE = List.of("manifest.json", "report.html", "report.json");

    boolean folder() {
        return Files.isDirectory(path) || !path.getFileName().toString().endsWith(".onnx");
    }

    /** The model file the service reads. */
    Path model() {
        return folder() ? path.resolve(MODEL) : path;
    }

    /** The model there now, if any: what a new one must beat. */
    Optional<Path> current() {
        return Files.isRegularFile(model()) ? Optional.of(model()) : Optional.empty();
    }

    /** Puts the bundle in {@code bundle} (train's --out) here. */
    void install(Path bundle) throws IOException {
        Path folder = folder() ? path : path.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        if (folder()) {
            for (String file : ALONGSIDE) {
                if (Files.exists(bundle.resolve(file))) {
                    replace(bundle.resolve(file), path.resolve(file));
                }
            }
        }
        replace(bundle.resolve(MODEL), model());
    }

    private static void replace(Path from, Path to) throws IOException {
        // Same folder, so the move is a rename on one file system; a dot name, so nothing takes it for a model.
        Path temporary = Files.createTempFile(to.toAbsolutePath().getParent(), "." + to.getFileName(), ".tmp");
        try {
            Files.copy(from, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
