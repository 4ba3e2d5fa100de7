package io.tickettriage.classify.transformer;

import io.tickettriage.classify.ModelLoadException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Settles where and how DJL loads its native tokenizer library. DJL reads these settings from the environment or
 * system properties once, when the first tokenizer is created, so they are set before that and apply to the whole
 * JVM. A setting the operator made (environment variable or {@code -D}) is kept.
 * <ul>
 *   <li>{@code ai.djl.offline=true}: DJL then uses the CPU library bundled in the jar. Otherwise a host with CUDA
 *       makes DJL download a GPU build, and DJL probes the EC2 metadata endpoint to send telemetry.</li>
 *   <li>{@code OPT_OUT_TRACKING=true}: no telemetry even where an operator turns offline mode off.</li>
 *   <li>{@code ENGINE_CACHE_DIR}: where the library is unpacked, unless {@code DJL_CACHE_DIR} says so; DJL's
 *       default is {@code ~/.djl.ai}.</li>
 * </ul>
 */
final class TokenizerNatives {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private TokenizerNatives() {
    }

    static void prepare(Path cacheDir) {
        keepOrSet("ai.djl.offline", "DJL_OFFLINE", "true");
        keepOrSet("OPT_OUT_TRACKING", "OPT_OUT_TRACKING", "true");
        boolean chosen = Stream.of("ENGINE_CACHE_DIR", "DJL_CACHE_DIR")
                .anyMatch(key -> System.getenv(key) != null || System.getProperty(key) != null);
        if (!chosen) {
            requirePrivate(cacheDir);
            System.setProperty("ENGINE_CACHE_DIR", cacheDir.toAbsolutePath().toString());
        }
    }

    private static void keepOrSet(String property, String environment, String value) {
        if (System.getenv(environment) == null && System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /**
     * DJL loads a library it finds in the cache without checking it, so a cache under a shared {@code /tmp} that
     * someone else created could hand us their code: the folder must be ours and writable by nobody else.
     */
    static void requirePrivate(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!owner.equals(System.getProperty("user.name"))
                    || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new ModelLoadException("tokenizer native cache " + dir.toAbsolutePath() + " belongs to " + owner
                        + " with permissions " + PosixFilePermissions.toString(permissions)
                        + "; it must be a folder only this user can write: choose another with ENGINE_CACHE_DIR");
            }
        } catch (IOException e) {
            throw new ModelLoadException("tokenizer native cache " + dir.toAbsolutePath() + " cannot be created: "
                    + e.getMessage() + "; choose another with ENGINE_CACHE_DIR");
        }
    }
}
