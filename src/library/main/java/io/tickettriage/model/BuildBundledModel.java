package io.tickettriage.model;

import io.tickettriage.classify.LinearTicketModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (bound to {@code process-classes} in the pom): trains the bundled demo model into
 * {@code target/classes/model/}, so the jar always carries the model its sources produce.
 */
public final class BuildBundledModel {

    private BuildBundledModel() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BuildBundledModel <output directory>");
            System.exit(2);
        }
        long start = System.nanoTime();
        byte[] onnx = BundledModel.train();
        Path directory = Files.createDirectories(Path.of(args[0]));
        Path file = directory.resolve(BundledModel.FILE_NAME);
        Files.write(file, onnx);
        try (LinearTicketModel model = LinearTicketModel.open(onnx, file.toString())) {
            System.out.printf("[ticket-triage] bundled model %s (%d KiB) trained in %d ms; held-out accuracy %s%n",
                    file, onnx.length / 1024, (System.nanoTime() - start) / 1_000_000,
                    model.descriptor().training().get("heldOutAccuracy"));
        }
    }
}
