package io.nextops.hashing.store;

import io.nextops.hashing.BlobNotFoundException;
import io.nextops.hashing.HashResult;
import io.nextops.hashing.StorageException;
import io.nextops.hashing.UploadHasher;
import io.nextops.hashing.UploadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BlobStore} on a local filesystem. A blob with digest {@code abcdef...} lives at {@code root/ab/cd/abcdef...};
 * client file names are never used, and digests given to {@link #open} and friends are checked to be lower-case hex
 * of the right length, so no path can escape the root.
 *
 * <p>A put streams into {@code root/tmp/upload-*.part} (same filesystem as the blobs) while hashing, counting and
 * limiting, forces it to disk, then moves it into place with {@code ATOMIC_MOVE} (or drops it when the digest is
 * already stored) and forces the directory. Any failure deletes the temp file. A crash can still leave temp files:
 * call {@link #sweepStaleTempFiles(Duration)} at startup.
 *
 * <pre>{@code
 * FileSystemBlobStore store = FileSystemBlobStore.create(Path.of("/var/lib/nextops/blobs"), UploadHasher.create());
 * store.sweepStaleTempFiles(Duration.ofMinutes(30));
 * StoredBlob blob = store.put(in, UploadLimits.defaults());
 * }</pre>
 *
 * <p>Deduplication is exact within one process (puts of one digest are serialised). Two processes sharing a root
 * still end with one file per digest (the rename replaces identical content), but both may report
 * {@code alreadyExisted == false}.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class FileSystemBlobStore implements BlobStore {
    private static final Logger log = LoggerFactory.getLogger(FileSystemBlobStore.class);
    static final String TEMP_DIR = "tmp";
    static final String TEMP_PREFIX = "upload-";
    static final String TEMP_SUFFIX = ".part";

    private final Path root;
    private final Path tempDir;
    private final UploadHasher hasher;
    private final KeyedLocks locks = new KeyedLocks();

    private FileSystemBlobStore(Path root, UploadHasher hasher) {
        this.root = root;
        this.tempDir = root.resolve(TEMP_DIR);
        this.hasher = hasher;
    }

    /** Opens (creating directories as needed) a store under {@code root}, hashing with {@code hasher}. */
    public static FileSystemBlobStore create(Path root, UploadHasher hasher) {
        if (root == null || hasher == null) {
            throw new IllegalArgumentException("root and hasher must not be null, were " + root + ", " + hasher);
        }
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.resolve(TEMP_DIR));
        } catch (IOException e) {
            throw new StorageException("blob store[" + absolute + "] - cannot create directories: " + e, e);
        }
        return new FileSystemBlobStore(absolute, hasher);
    }

    public Path root() {
        return root;
    }

    /** The key of a digest: {@code ab/cd/abcdef...}. */
    public String keyOf(String digestHex) {
        checkDigest(digestHex);
        return digestHex.substring(0, 2) + "/" + digestHex.substring(2, 4) + "/" + digestHex;
    }

    /** Where the blob of {@code digestHex} is (or would be) stored. */
    public Path pathOf(String digestHex) {
        return root.resolve(keyOf(digestHex));
    }

    @Override
    public <R, X extends Exception> R put(InputStream content, UploadLimits limits, BlobCallback<R, X> callback)
            throws X {
        if (content == null || limits == null || callback == null) {
            throw new IllegalArgumentException("content, limits and callback must not be null");
        }
        Path temp = createTempFile();
        try {
            HashResult hashed = writeAndForce(content, limits, temp);
            return publish(temp, hashed, callback);
        } finally {
            // after a successful move there is nothing left here; after any failure this discards the partial data
            deleteQuietly(temp);
        }
    }

    private HashResult writeAndForce(InputStream content, UploadLimits limits, Path temp) {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            HashResult hashed = hasher.copy(content, Channels.newOutputStream(channel), limits);
            channel.force(true);
            return hashed;
        } catch (IOException e) {
            throw new StorageException(this + " - writing " + temp.getFileName() + " failed: " + e, e);
        }
    }

    private <R, X extends Exception> R publish(Path temp, HashResult hashed, BlobCallback<R, X> callback) throws X {
        String digest = hashed.digestHex();
        String key = keyOf(digest);
        Path target = root.resolve(key);
        KeyedLocks.Entry lock = locks.acquire(digest);
        try {
            boolean existed = Files.exists(target);
            if (!existed) {
                moveIntoPlace(temp, target);
                log.debug("{} - stored {} ({} bytes, {})", this, key, hashed.sizeBytes(), hashed.type());
            } else {
                log.debug("{} - {} already stored, keeping one copy", this, key);
            }
            StoredBlob blob = new StoredBlob(digest, hashed.sizeBytes(), hashed.type(), key, existed);
            try {
                return callback.withBlob(blob);
            } catch (Throwable t) {
                if (!existed) {
                    deleteQuietly(target);
                    log.info("{} - deleted {} because the caller's callback failed: {}", this, key, t.toString());
                }
                throw t;
            }
        } finally {
            locks.release(digest, lock);
        }
    }

    private void moveIntoPlace(Path temp, Path target) {
        Path shard = target.getParent();
        try {
            boolean newShard = !Files.isDirectory(shard);
            Files.createDirectories(shard);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(shard);
            if (newShard) {
                forceDirectory(shard.getParent());
                forceDirectory(root);
            }
        } catch (IOException e) {
            throw new StorageException(this + " - moving " + temp.getFileName() + " to " + root.relativize(target)
                    + " failed: " + e, e);
        }
    }

    /** Makes a rename durable; Linux allows fsync on a directory, other platforms may refuse, which is tolerated. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.trace("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    @Override
    public InputStream open(String digestHex) {
        Path path = pathOf(digestHex);
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digestHex);
        } catch (IOException e) {
            throw new StorageException(this + " - opening " + keyOf(digestHex) + " failed: " + e, e);
        }
    }

    @Override
    public boolean exists(String digestHex) {
        return Files.isRegularFile(pathOf(digestHex));
    }

    @Override
    public OptionalLong size(String digestHex) {
        try {
            return OptionalLong.of(Files.size(pathOf(digestHex)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new StorageException(this + " - reading the size of " + keyOf(digestHex) + " failed: " + e, e);
        }
    }

    @Override
    public boolean delete(String digestHex) {
        Path path = pathOf(digestHex);
        KeyedLocks.Entry lock = locks.acquire(digestHex);
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new StorageException(this + " - deleting " + keyOf(digestHex) + " failed: " + e, e);
        } finally {
            locks.release(digestHex, lock);
        }
    }

    /**
     * Deletes temp files not modified for {@code olderThan}: leftovers of a crash or kill mid-upload. Call at startup,
     * with an age well above the slowest upload (a temp file's modification time advances with every chunk written).
     *
     * @return how many files were deleted
     */
    public int sweepStaleTempFiles(Duration olderThan) {
        if (olderThan == null || olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must be >= 0, was " + olderThan);
        }
        FileTime cutoff = FileTime.from(Instant.now().minus(olderThan));
        int deleted = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(tempDir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                try {
                    if (Files.getLastModifiedTime(temp).compareTo(cutoff) < 0 && Files.deleteIfExists(temp)) {
                        deleted++;
                    }
                } catch (NoSuchFileException e) {
                    // finished or failed meanwhile: nothing to sweep
                }
            }
        } catch (IOException e) {
            throw new StorageException(this + " - sweeping temp files failed: " + e, e);
        }
        if (deleted > 0) {
            log.warn("{} - deleted {} stale temp file(s) older than {}", this, deleted, olderThan);
        }
        return deleted;
    }

    private Path createTempFile() {
        try {
            return Files.createTempFile(tempDir, TEMP_PREFIX, TEMP_SUFFIX);
        } catch (IOException e) {
            throw new StorageException(this + " - cannot create a temp file: " + e, e);
        }
    }

    private void checkDigest(String digestHex) {
        int expected = hasher.digestHexLength();
        if (digestHex == null || digestHex.length() != expected || !isLowerHex(digestHex)) {
            String shown = digestHex == null || digestHex.length() <= 80 ? String.valueOf(digestHex)
                    : digestHex.substring(0, 80) + "...";
            throw new IllegalArgumentException("digestHex must be " + expected + " lower-case hex characters ("
                    + hasher.options().algorithm() + "), was '" + shown + "'");
        }
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("{} - could not delete {}: {}; sweepStaleTempFiles will retry", this, path, e.toString());
        }
    }

    int lockCount() {
        return locks.size();
    }

    @Override
    public String toString() {
        return "blob-store[" + root + "]";
    }
}
