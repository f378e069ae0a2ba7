package io.nextops.server.blobs;

import io.nextops.hashing.BlobNotFoundException;
import io.nextops.hashing.HashResult;
import io.nextops.hashing.StorageException;
import io.nextops.hashing.UploadHasher;
import io.nextops.hashing.UploadLimits;
import io.nextops.hashing.store.BlobCallback;
import io.nextops.hashing.store.BlobStore;
import io.nextops.hashing.store.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link BlobStore} on an S3-compatible bucket, shared by several server instances. A blob with digest
 * {@code abcdef...} is the object {@code prefix/ab/cd/abcdef...}; nothing else is ever written to the bucket.
 *
 * <p><b>Spool, then upload.</b> A put streams its source once through {@link UploadHasher} (hashing, counting,
 * limiting) into a local spool file ({@link SpoolFiles}), and only then talks to S3. Streaming straight into a multipart
 * upload would have to target a temporary key (the digest, hence the key, is known only at the end) and then copy it
 * server-side; spooling instead gives: the final key written once and only when absent (a duplicate costs one HEAD,
 * no transfer), no temporary keys in the bucket to clean after a crash, a body of known length that the SDK can
 * retry, and a refused upload (size, type, client gone) that never reaches S3. Memory stays constant both ways: the
 * hasher's 64 KiB chunk into the file, then {@link FileUpload} sends the file in parts of at most
 * {@code partSizeBytes} read from disk as they are sent; {@link #open} streams the object's body. The price is
 * local disk for the uploads in flight, which the filesystem store needs as well.
 *
 * <p><b>Across instances.</b> Publishing (HEAD, upload when absent), the caller's callback and a delete of that
 * blob all run under the digest's PostgreSQL advisory lock ({@link DigestLock}), so two instances racing the same
 * content end with one object and one row, and a failing callback that deletes the object it created can never
 * delete an object that another instance's committed row points at: that instance either ran first (and this put
 * found the object: {@code alreadyExisted}, nothing deleted) or runs after (and uploads it again). The lock holds one
 * pooled connection (idle in its transaction) while the object is published and the callback runs, which takes a
 * second one: with uploads on the heavy lane that is at most twice {@code HEAVY_WORKERS} connections.
 *
 * <p>Any failure leaves nothing behind: the spool file is deleted, a multipart upload aborted, an object this put
 * created is deleted when its callback fails. An instance killed during a multipart upload cannot abort it; the
 * sweeper of every instance ({@link #startSweeping}) does, once the dead instance's digest lock is gone. S3 failures are {@link StorageException}s naming bucket and key, never
 * the credentials.
 *
 * <pre>{@code
 * S3BlobStore store = S3BlobStore.create(S3Clients.create(s3Config), s3Config, dataSource, spoolDir,
 *         UploadHasher.create());
 * long fileId = store.put(in, limits, blob -> jdbi.inTransaction(h -> files.insertOrReuse(h, blob)));
 * }</pre>
 *
 * <p>Thread-safety: thread-safe.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);
    /** Files up to this size go in one PutObject, larger ones in parts of this size. */
    public static final long DEFAULT_PART_SIZE_BYTES = 8L << 20;
    /** How long a put waits for another instance's upload of the same content. */
    public static final Duration LOCK_WAIT = Duration.ofMinutes(5);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final UploadHasher hasher;
    private final DigestLock locks;
    private final SpoolFiles spool;
    private final FileUpload upload;
    private final MultipartSweeper sweeper;

    private S3BlobStore(S3Client s3, S3Config config, UploadHasher hasher, DigestLock locks, SpoolFiles spool,
                        long partSizeBytes) {
        this.s3 = s3;
        this.bucket = config.bucket();
        this.prefix = config.prefix();
        this.hasher = hasher;
        this.locks = locks;
        this.spool = spool;
        this.upload = new FileUpload(s3, bucket, partSizeBytes);
        this.sweeper = new MultipartSweeper(s3, bucket, prefix.isEmpty() ? "" : prefix + "/", this::digestOfKey,
                locks, toString());
    }

    /**
     * A store in {@code config}'s bucket and prefix over {@code s3} (closed by {@link #close()}), locking digests on
     * {@code lockDatabase} (the database every instance shares) and spooling under {@code spoolDir}.
     */
    public static S3BlobStore create(S3Client s3, S3Config config, DataSource lockDatabase, Path spoolDir,
                                     UploadHasher hasher) {
        return create(s3, config, lockDatabase, spoolDir, hasher, DEFAULT_PART_SIZE_BYTES);
    }

    static S3BlobStore create(S3Client s3, S3Config config, DataSource lockDatabase, Path spoolDir,
                              UploadHasher hasher, long partSizeBytes) {
        if (s3 == null || config == null || lockDatabase == null || spoolDir == null || hasher == null) {
            throw new IllegalArgumentException("s3, config, lockDatabase, spoolDir and hasher must not be null");
        }
        return new S3BlobStore(s3, config, hasher, new DigestLock(lockDatabase, LOCK_WAIT), SpoolFiles.in(spoolDir),
                partSizeBytes);
    }

    /** The object key of a digest: {@code prefix/ab/cd/abcdef...}. */
    public String keyOf(String digestHex) {
        checkDigest(digestHex);
        String key = digestHex.substring(0, 2) + "/" + digestHex.substring(2, 4) + "/" + digestHex;
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    /**
     * The digest of {@code key} when it is a key of this store's layout ({@code prefix/ab/cd/<digest>}, as
     * {@link #keyOf} makes them); empty for any other key.
     */
    Optional<String> digestOfKey(String key) {
        String digest = key.substring(key.lastIndexOf('/') + 1);
        try {
            return keyOf(digest).equals(key) ? Optional.of(digest) : Optional.empty();
        } catch (IllegalArgumentException notADigest) {
            return Optional.empty();
        }
    }

    /**
     * Starts aborting the unfinished multipart uploads of dead instances ({@link MultipartSweeper}): one sweep now,
     * then one every {@code interval} (zero: none after the first), on a daemon thread that {@link #close()} stops.
     */
    public void startSweeping(Duration interval) {
        sweeper.start(interval);
    }

    /** One sweep of dead instances' multipart uploads, on the calling thread (tests, and the sweeper's thread). */
    MultipartSweeper.Outcome sweepMultipartUploads() {
        return sweeper.sweep();
    }

    /** The local spool files (uploads in flight, or leftovers of a crash). */
    public SpoolFiles spool() {
        return spool;
    }

    @Override
    public <R, X extends Exception> R put(InputStream content, UploadLimits limits, BlobCallback<R, X> callback)
            throws X {
        if (content == null || limits == null || callback == null) {
            throw new IllegalArgumentException("content, limits and callback must not be null");
        }
        Path file = spool.create();
        try {
            HashResult hashed;
            try (OutputStream out = Files.newOutputStream(file)) {
                hashed = hasher.copy(content, out, limits);
            } catch (IOException e) {
                throw new StorageException(this + " - writing the spool file failed: " + e, e);
            }
            return publish(file, hashed, callback);
        } finally {
            spool.delete(file);
        }
    }

    private <R, X extends Exception> R publish(Path file, HashResult hashed, BlobCallback<R, X> callback) throws X {
        String digest = hashed.digestHex();
        String key = keyOf(digest);
        try (DigestLock.Held lock = locks.lock(digest)) {
            OptionalLong stored = sizeOfKey(key);
            boolean existed = stored.isPresent() && stored.getAsLong() == hashed.sizeBytes();
            if (stored.isPresent() && !existed) {
                log.warn("{} - {} holds {} bytes, not {}: replacing it", this, key, stored.getAsLong(),
                        hashed.sizeBytes());
            }
            if (!existed) {
                uploadOrClean(key, file, hashed.sizeBytes());
            }
            StoredBlob blob = new StoredBlob(digest, hashed.sizeBytes(), hashed.type(), key, existed);
            try {
                return callback.withBlob(blob);
            } catch (Throwable t) {
                if (!existed) {
                    deleteQuietly(key, t);
                    log.info("{} - deleted {} because the caller's callback failed: {}", this, key, t.toString());
                }
                throw t;
            }
        }
    }

    private void uploadOrClean(String key, Path file, long sizeBytes) {
        try {
            upload.upload(key, file, sizeBytes);
        } catch (SdkException | java.io.UncheckedIOException e) {
            // the response may be lost after S3 stored the object: under the lock, nobody else can point at it
            StorageException failure = new StorageException(this + " - uploading " + key + " failed: " + e, e);
            deleteQuietly(key, failure);
            throw failure;
        }
    }

    @Override
    public InputStream open(String digestHex) {
        String key = keyOf(digestHex);
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(digestHex);
        } catch (SdkException e) {
            throw new StorageException(this + " - opening " + key + " failed: " + e, e);
        }
        return new ObjectBody(body); // a reader that stops early aborts instead of draining the object
    }

    @Override
    public boolean exists(String digestHex) {
        return size(digestHex).isPresent();
    }

    @Override
    public OptionalLong size(String digestHex) {
        return sizeOfKey(keyOf(digestHex));
    }

    @Override
    public boolean delete(String digestHex) {
        String key = keyOf(digestHex);
        try (DigestLock.Held lock = locks.lock(digestHex)) {
            if (sizeOfKey(key).isEmpty()) {
                return false;
            }
            s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key).build());
            return true;
        } catch (SdkException e) {
            throw new StorageException(this + " - deleting " + key + " failed: " + e, e);
        }
    }

    private OptionalLong sizeOfKey(String key) {
        try {
            return OptionalLong.of(s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build())
                    .contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw new StorageException(this + " - reading the size of " + key + " failed: " + e, e);
        } catch (SdkException e) {
            throw new StorageException(this + " - reading the size of " + key + " failed: " + e, e);
        }
    }

    /** As the filesystem store: lower-case hex of the hasher's length, so a key never leaves its prefix. */
    private void checkDigest(String digestHex) {
        int expected = hasher.digestHexLength();
        if (digestHex == null || digestHex.length() != expected || !digestHex.chars().allMatch(
                c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            String shown = digestHex == null || digestHex.length() <= 80 ? String.valueOf(digestHex)
                    : digestHex.substring(0, 80) + "...";
            throw new IllegalArgumentException("digestHex must be " + expected + " lower-case hex characters ("
                    + hasher.options().algorithm() + "), was '" + shown + "'");
        }
    }

    private void deleteQuietly(String key, Throwable cause) {
        try {
            s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (SdkException e) {
            cause.addSuppressed(e);
            log.error("{} - could not delete {} after a failure; it holds complete content and a later upload of "
                    + "the same content adopts it: {}", this, key, e.toString());
        }
    }

    /** Stops the multipart sweeper, then closes the S3 client. */
    @Override
    public void close() {
        try {
            sweeper.close();
        } finally {
            s3.close();
        }
    }

    @Override
    public String toString() {
        return "s3-blob-store[" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + "]";
    }
}
