package io.nextops.server.blobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.hashing.UploadLimits;
import io.nextops.hashing.store.StoredBlob;
import io.nextops.testsupport.S3Proxy;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The sweeper that aborts the multipart uploads of dead instances, against a real s3proxy and a real PostgreSQL: an
 * upload nobody holds the digest lock of is aborted, one whose lock a live session holds is left until that session
 * ends, and a real multipart put racing a loop of sweeps completes intact.
 */
class S3MultipartSweepIT {
    @RegisterExtension
    static final S3Proxy S3 = new S3Proxy();
    static final String PREFIX = "invoices";

    S3Fixture fx;
    S3Client admin;

    @BeforeEach
    void start() throws Exception {
        fx = new S3Fixture(S3);
        admin = S3Clients.create(fx.config(""));
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
        fx.close();
    }

    @Test
    void anUnfinishedUploadWhoseDigestNobodyHoldsIsAborted() throws Exception {
        S3BlobStore store = fx.store(PREFIX, S3BlobStore.DEFAULT_PART_SIZE_BYTES);
        String digest = S3Fixture.sha256(S3Fixture.bytes(1000, 1));
        String uploadId = leaveUnfinishedUpload(store.keyOf(digest));
        // not of the store's layout, or outside its prefix: never touched
        String foreign = leaveUnfinishedUpload(PREFIX + "/not-a-digest");
        String outside = leaveUnfinishedUpload("elsewhere/" + digest.substring(0, 2) + "/" + digest.substring(2, 4)
                + "/" + digest);
        assertThat(fx.bucketFiles()).as("s3proxy keeps the part as a file").anyMatch(f -> f.contains(digest)
                && !f.contains("elsewhere"));

        MultipartSweeper.Outcome outcome = store.sweepMultipartUploads();

        assertThat(outcome).isEqualTo(new MultipartSweeper.Outcome(1, 1, 0));
        assertThat(openUploads()).extracting(MultipartUpload::uploadId).containsExactlyInAnyOrder(foreign, outside)
                .doesNotContain(uploadId);
        assertThat(fx.bucketFiles()).as("no part of the aborted upload left").noneMatch(f -> f.contains(digest)
                && !f.contains("elsewhere"));
        assertThat(store.sweepMultipartUploads()).isEqualTo(new MultipartSweeper.Outcome(0, 0, 0));
    }

    @Test
    void anUploadWhoseDigestLockALiveSessionHoldsIsLeftUntilThatSessionEnds() throws Exception {
        S3BlobStore store = fx.store(PREFIX, S3BlobStore.DEFAULT_PART_SIZE_BYTES);
        String digest = S3Fixture.sha256(S3Fixture.bytes(1000, 2));
        String uploadId = leaveUnfinishedUpload(store.keyOf(digest));
        Connection uploader = DriverManager.getConnection(fx.db.jdbcUrl(), fx.db.user(), fx.db.password());
        try (PreparedStatement lock = uploader.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            lock.setInt(1, DigestLock.LOCK_CLASS);
            lock.setInt(2, DigestLock.keyOf(digest));
            lock.execute();
        }

        assertThat(store.sweepMultipartUploads()).isEqualTo(new MultipartSweeper.Outcome(1, 0, 1));
        assertThat(openUploads()).extracting(MultipartUpload::uploadId).containsExactly(uploadId);

        uploader.close(); // the session ends as a killed instance's does: PostgreSQL releases its locks

        assertThat(store.sweepMultipartUploads()).isEqualTo(new MultipartSweeper.Outcome(1, 1, 0));
        assertThat(openUploads()).isEmpty();
        assertThat(fx.bucketFiles()).isEmpty();
    }

    @Test
    void aMultipartPutRacingALoopOfSweepsCompletesIntact() throws Exception {
        S3BlobStore uploader = fx.store(PREFIX, FileUpload.MIN_PART_BYTES);
        S3BlobStore sweeper = fx.store(PREFIX, FileUpload.MIN_PART_BYTES); // another instance: own client and pool
        long size = 40L << 20; // 8 parts of 5 MiB
        AtomicBoolean putDone = new AtomicBoolean();
        ExecutorService sweeps = Executors.newSingleThreadExecutor();
        StoredBlob blob;
        int[] totals = new int[3];
        try {
            Future<?> loop = sweeps.submit(() -> {
                while (!putDone.get()) {
                    MultipartSweeper.Outcome o = sweeper.sweepMultipartUploads();
                    totals[0] += o.listed();
                    totals[1] += o.aborted();
                    totals[2] += o.busy();
                }
                return null;
            });
            try {
                blob = uploader.put(S3BlobStoreIT.generated(size, 9), UploadLimits.unlimited(), b -> {
                    fx.insertRow(b);
                    return b;
                });
            } finally {
                putDone.set(true);
            }
            loop.get(60, TimeUnit.SECONDS);
        } finally {
            sweeps.shutdownNow();
        }

        assertThat(totals[1]).as("uploads aborted by the sweeps").isZero();
        assertThat(totals[2]).as("sweeps that saw the upload in flight and left it").isPositive();
        assertThat(blob.sizeBytes()).isEqualTo(size);
        assertThat(blob.digestHex()).isEqualTo(S3Fixture.sha256(S3BlobStoreIT.generated(size, 9)));
        try (InputStream in = sweeper.open(blob.digestHex())) {
            assertThat(S3Fixture.sha256(in)).isEqualTo(blob.digestHex());
        }
        assertThat(fx.rows(blob.digestHex())).isEqualTo(1);
        assertThat(openUploads()).isEmpty();
        assertThat(fx.bucketFiles()).containsExactly(blob.key());
    }

    @Test
    void theSweeperThreadSweepsAtStartAndStopsWithTheStore() throws Exception {
        S3BlobStore store = fx.store(PREFIX, S3BlobStore.DEFAULT_PART_SIZE_BYTES);
        leaveUnfinishedUpload(store.keyOf(S3Fixture.sha256(S3Fixture.bytes(1000, 3))));

        store.startSweeping(java.time.Duration.ofSeconds(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!openUploads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(openUploads()).as("aborted by the first sweep").isEmpty();

        String later = leaveUnfinishedUpload(store.keyOf(S3Fixture.sha256(S3Fixture.bytes(1000, 4))));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!openUploads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(openUploads()).as("aborted by a later sweep").isEmpty();
        assertThat(later).isNotEmpty();

        store.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("s3-multipart-sweeper")
                && t.isAlive());
    }

    /** What an instance killed mid-upload leaves: a multipart upload with one part sent, never completed. */
    private String leaveUnfinishedUpload(String key) {
        String uploadId = admin.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(fx.bucket)
                .key(key).build()).uploadId();
        byte[] part = S3Fixture.bytes(64 * 1024, key.hashCode());
        admin.uploadPart(UploadPartRequest.builder().bucket(fx.bucket).key(key).uploadId(uploadId).partNumber(1)
                .contentLength((long) part.length).build(), RequestBody.fromBytes(part));
        return uploadId;
    }

    private List<MultipartUpload> openUploads() {
        return admin.listMultipartUploads(ListMultipartUploadsRequest.builder().bucket(fx.bucket).build()).uploads();
    }
}
