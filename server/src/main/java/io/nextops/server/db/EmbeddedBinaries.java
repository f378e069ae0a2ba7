package io.nextops.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Unpacks the embedded PostgreSQL binaries once, in a short-lived child JVM. The archive is xz-compressed with a
 * large dictionary: unpacking it needs more heap than the server's small {@code -Xmx} allows, and the server should
 * not grow its heap (and its RSS) for a one-time job. Later starts find the binaries unpacked and skip this.
 */
final class EmbeddedBinaries {
    private EmbeddedBinaries() {}

    /** Makes sure {@code workDir} holds unpacked binaries, unpacking them in a child JVM when it does not. */
    static void ensureUnpacked(Path workDir) {
        if (isUnpacked(workDir)) {
            return;
        }
        try {
            Files.createDirectories(workDir);
            Path scratch = Files.createTempDirectory(workDir, "init-");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    EmbeddedBinaries.class.getName(), workDir.toString(), scratch.toString()))
                    .inheritIO()
                    .start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("unpacking the embedded PostgreSQL binaries into " + workDir + " failed");
            }
            deleteTree(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries into " + workDir + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking the embedded PostgreSQL binaries", e);
        }
    }

    static boolean isUnpacked(Path workDir) {
        if (!Files.isDirectory(workDir)) {
            return false;
        }
        try (Stream<Path> dirs = Files.list(workDir)) {
            return dirs.anyMatch(d -> d.getFileName().toString().startsWith("PG-")
                    && Files.isExecutable(d.resolve("bin").resolve("postgres")));
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return; // the child's embedded server removes its scratch data directory itself
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Child entry point: {@code <workDir> <scratchDataDir>}; starting once unpacks the binaries into workDir. */
    public static void main(String[] args) throws IOException {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(Path.of(args[0]).toFile())
                .setDataDirectory(Path.of(args[1]))
                .start()) {
            pg.getPort();
        }
    }
}
