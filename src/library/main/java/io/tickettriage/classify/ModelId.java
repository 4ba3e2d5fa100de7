package io.tickettriage.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A model's identity: the first 12 hex digits of the SHA-256 of its ONNX file, so the same file has the same id on
 * every machine and a retrained one another, whatever its path. Shown in the log and the note, kept with every
 * recorded prediction.
 */
public final class ModelId {

    private static final int DIGITS = 12;

    private ModelId() {
    }

    public static String of(byte[] onnx) {
        MessageDigest digest = sha256();
        digest.update(onnx);
        return HexFormat.of().formatHex(digest.digest()).substring(0, DIGITS);
    }

    public static String of(Path onnxFile) {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(onnxFile)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + onnxFile + " to identify the model", e);
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, DIGITS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
