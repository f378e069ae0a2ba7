package io.nextops.server.blobs;

import io.nextops.hashing.UploadHasher;
import io.nextops.hashing.store.BlobStore;
import io.nextops.hashing.store.FileSystemBlobStore;
import io.nextops.server.config.BlobStoreConfig;
import io.nextops.server.config.ServerConfig;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the blob store {@code BLOB_STORE} names: the {@link FileSystemBlobStore} under {@code UPLOAD_DIR}, or the
 * {@link S3BlobStore} of the {@code S3_*} variables (bucket checked first, spool files under {@code UPLOAD_DIR/tmp},
 * digests locked on {@code lockDatabase}). Either way, temp files left by a crash are swept.
 *
 * <pre>{@code
 * BlobStore store = BlobStores.open(config, database.dataSource());   // ConfigException when S3 is unusable
 * }</pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class BlobStores {
    private static final Logger log = LoggerFactory.getLogger(BlobStores.class);
    /** Temp and spool files not written to for this long at start-up are leftovers of a crash. */
    public static final Duration STALE_TEMP_AGE = Duration.ofHours(1);
    /** The spool directory under {@code UPLOAD_DIR}: the filesystem store's temp directory. */
    public static final String SPOOL_DIR = "tmp";

    private BlobStores() {}

    /** The configured store; an {@link S3BlobStore} is {@link AutoCloseable} (its client). */
    public static BlobStore open(ServerConfig config, DataSource lockDatabase) {
        UploadHasher hasher = UploadHasher.create();
        if (config.blobs().kind() == BlobStoreConfig.Kind.FILESYSTEM) {
            FileSystemBlobStore store = FileSystemBlobStore.create(config.uploads().dir(), hasher);
            report(store, store.sweepStaleTempFiles(STALE_TEMP_AGE));
            return store;
        }
        S3Config s3 = config.blobs().s3();
        S3BlobStore store = S3BlobStore.create(S3Clients.createVerified(s3), s3, lockDatabase,
                config.uploads().dir().resolve(SPOOL_DIR), hasher);
        report(store, store.spool().sweep(STALE_TEMP_AGE));
        return store;
    }

    /**
     * Checks, before anything else starts, that the S3 bucket is usable (a no-op for the filesystem store): a
     * missing bucket or refused credentials end the start-up with one line, before the database is started.
     */
    public static void verify(ServerConfig config) {
        if (config.blobs().kind() == BlobStoreConfig.Kind.S3) {
            S3Clients.createVerified(config.blobs().s3()).close();
        }
    }

    private static void report(BlobStore store, int swept) {
        if (swept > 0) {
            log.warn("{} - removed {} stale temp file(s) left by an interrupted run", store, swept);
        }
    }
}
