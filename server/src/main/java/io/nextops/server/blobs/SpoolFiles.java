package io.nextops.server.blobs;

import io.nextops.hashing.StorageException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local files an S3 put spools its upload into ({@code dir/upload-*.part}, the filesystem store's naming), each
 * deleted when its put ends; a crash can leave some, which {@link #sweep(Duration)} removes at start-up.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class SpoolFiles {
    private static final Logger log = LoggerFactory.getLogger(SpoolFiles.class);
    static final String PREFIX = "upload-";
    static final String SUFFIX = ".part";

    private final Path dir;

    private SpoolFiles(Path dir) {
        this.dir = dir;
    }

    /** Spool files under {@code dir}, created if needed. */
    static SpoolFiles in(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new StorageException("spool[" + absolute + "] - cannot create the directory: " + e, e);
        }
        return new SpoolFiles(absolute);
    }

    public Path dir() {
        return dir;
    }

    Path create() {
        try {
            return Files.createTempFile(dir, PREFIX, SUFFIX);
        } catch (IOException e) {
            throw new StorageException("spool[" + dir + "] - cannot create a spool file: " + e, e);
        }
    }

    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("spool[{}] - could not delete {}: {}; the next start-up's sweep will", dir, file.getFileName(),
                    e.toString());
        }
    }

    /** The spool files present now: uploads in flight, or leftovers. */
    public List<Path> list() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            all.forEach(files::add);
        } catch (IOException e) {
            throw new StorageException("spool[" + dir + "] - listing failed: " + e, e);
        }
        return files;
    }

    /** Deletes spool files not modified for {@code olderThan} (leftovers of a crash); returns how many. */
    public int sweep(Duration olderThan) {
        FileTime cutoff = FileTime.from(Instant.now().minus(olderThan));
        int deleted = 0;
        for (Path file : list()) {
            try {
                if (Files.getLastModifiedTime(file).compareTo(cutoff) < 0 && Files.deleteIfExists(file)) {
                    deleted++;
                }
            } catch (NoSuchFileException e) {
                // its put ended meanwhile
            } catch (IOException e) {
                log.warn("spool[{}] - could not sweep {}: {}", dir, file.getFileName(), e.toString());
            }
        }
        return deleted;
    }
}
