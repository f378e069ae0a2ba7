package io.nextops.server.blobs;

import io.nextops.server.HeapPeak;
import io.nextops.server.uploads.Multipart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.hashing.BlobNotFoundException;
import io.nextops.hashing.FileType;
import io.nextops.hashing.SizeLimitExceededException;
import io.nextops.hashing.SourceReadException;
import io.nextops.hashing.StorageException;
import io.nextops.hashing.UploadLimits;
import io.nextops.hashing.store.StoredBlob;
import io.nextops.testsupport.S3Proxy;
import java.time.Duration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** {@link S3BlobStore} against a real S3-compatible server (s3proxy in its own process) and a real PostgreSQL. */
class S3BlobStoreIT {
    @RegisterExtension
    static final S3Proxy S3 = new S3Proxy();
    static final long MB = 1024L * 1024;

    S3Fixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new S3Fixture(S3);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void storesReadsAndDeletesContentUnderItsDigest() throws Exception {
        S3BlobStore store = fx.store("invoices/files", S3BlobStore.DEFAULT_PART_SIZE_BYTES);
        byte[] content = S3Fixture.bytes(300_000, 1);
        String digest = S3Fixture.sha256(content);

        StoredBlob blob = store.put(new ByteArrayInputStream(content), UploadLimits.defaults());

        assertThat(blob.digestHex()).isEqualTo(digest);
        assertThat(blob.sizeBytes()).isEqualTo(content.length);
        assertThat(blob.alreadyExisted()).isFalse();
        assertThat(blob.key()).isEqualTo("invoices/files/" + digest.substring(0, 2) + "/" + digest.substring(2, 4)
                + "/" + digest);
        assertThat(fx.bucketFiles()).containsExactly(blob.key());
        assertThat(store.exists(digest)).isTrue();
        assertThat(store.size(digest)).hasValue(content.length);
        try (InputStream in = store.open(digest)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.put(new ByteArrayInputStream(content), UploadLimits.defaults()).alreadyExisted()).isTrue();
        assertThat(fx.bucketFiles()).containsExactly(blob.key());

        assertThat(store.delete(digest)).isTrue();
        assertThat(store.delete(digest)).isFalse();
        assertThat(store.exists(digest)).isFalse();
        assertThat(store.size(digest)).isEmpty();
        assertThatThrownBy(() -> store.open(digest)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.open("../" + digest.substring(3))).isInstanceOf(IllegalArgumentException.class);
        assertThat(fx.bucketFiles()).isEmpty();
        assertThat(fx.spoolFiles()).isEmpty();
    }

    @Test
    void largeContentGoesUpInPartsWithoutGrowingTheHeap() throws Exception {
        long size = 30 * MB;
        S3BlobStore store = fx.store("", FileUpload.MIN_PART_BYTES); // 6 parts of 5 MiB
        HeapPeak heap = HeapPeak.start(Duration.ofMillis(100));
        StoredBlob blob;
        String downloaded;
        try {
            blob = store.put(generated(size, 7), UploadLimits.unlimited());
            try (InputStream in = store.open(blob.digestHex())) {
                downloaded = S3Fixture.sha256(in);
            }
        } finally {
            heap.close();
        }
        long growth = heap.growthBytes();
        System.out.printf("S3 put + get of %d MB: live heap growth at peak %.1f MB%n", size / MB, growth / (double) MB);

        assertThat(blob.sizeBytes()).isEqualTo(size);
        assertThat(downloaded).isEqualTo(blob.digestHex()).isEqualTo(S3Fixture.sha256(generated(size, 7)));
        assertThat(store.size(blob.digestHex())).hasValue(size);
        assertThat(growth).isLessThan(16 * MB);
        assertThat(fx.bucketFiles()).containsExactly(blob.key());
        assertThat(fx.spoolFiles()).isEmpty();
    }

    @Test
    void aSourceThatFailsHalfwayLeavesNothing() throws Exception {
        S3BlobStore store = fx.store("p", FileUpload.MIN_PART_BYTES);
        InputStream failing = new SequenceInputStream(generated(3 * MB, 3), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        });
        AtomicInteger callbacks = new AtomicInteger();

        assertThatThrownBy(() -> store.put(failing, UploadLimits.unlimited(), b -> callbacks.incrementAndGet()))
                .isInstanceOf(SourceReadException.class);

        assertThat(callbacks).hasValue(0);
        assertThat(fx.bucketFiles()).isEmpty();
        assertThat(fx.spoolFiles()).isEmpty();
    }

    @Test
    void anUploadOverTheSizeLimitLeavesNothing() throws Exception {
        S3BlobStore store = fx.store("p", FileUpload.MIN_PART_BYTES);

        assertThatThrownBy(() -> store.put(generated(12 * MB, 4), UploadLimits.defaults().withMaxBytes(6 * MB),
                fx::insertRow)).isInstanceOf(SizeLimitExceededException.class);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(S3Fixture.bytes(100, 5)),
                UploadLimits.defaults().withAllowedTypes(FileType.PDF), fx::insertRow))
                .isInstanceOf(io.nextops.hashing.FileTypeNotAllowedException.class);

        fx.execute("SELECT 1");
        assertThat(fx.bucketFiles()).isEmpty();
        assertThat(fx.spoolFiles()).isEmpty();
    }

    @Test
    void aMultipartUploadThatFailsOnItsThirdPartIsAbortedAndLeavesNothing() throws Exception {
        AtomicInteger parts = new AtomicInteger();
        S3Client failingThirdPart = S3Client.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(S3.endpoint()).forcePathStyle(true)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        S3.accessKeyId(), S3.secretAccessKey()))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation
                        .WHEN_REQUIRED)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof UploadPartRequest && parts.incrementAndGet() == 3) {
                            throw software.amazon.awssdk.core.exception.SdkClientException.create(
                                    "network cut during part 3");
                        }
                    }
                }))
                .build();
        S3BlobStore store = fx.store(failingThirdPart, "p", FileUpload.MIN_PART_BYTES);
        AtomicInteger callbacks = new AtomicInteger();

        assertThatThrownBy(() -> store.put(generated(20 * MB, 6), UploadLimits.unlimited(),
                b -> callbacks.incrementAndGet())).isInstanceOf(StorageException.class)
                .hasMessageContaining("uploading p/");

        assertThat(parts).hasValue(3);
        assertThat(callbacks).hasValue(0);
        assertThat(fx.bucketFiles()).isEmpty();
        assertThat(fx.spoolFiles()).isEmpty();
    }

    @Test
    void aFailingCallbackDeletesTheObjectItCreatedButNotOneThatExisted() throws Exception {
        S3BlobStore store = fx.store("p", S3BlobStore.DEFAULT_PART_SIZE_BYTES);
        byte[] content = S3Fixture.bytes(50_000, 8);
        String digest = S3Fixture.sha256(content);

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(content), UploadLimits.defaults(), b -> {
            assertThat(store.exists(b.digestHex())).isTrue(); // in place while the callback runs
            throw new IllegalStateException("insert failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("insert failed");
        assertThat(store.exists(digest)).isFalse();
        assertThat(fx.bucketFiles()).isEmpty();

        store.put(new ByteArrayInputStream(content), UploadLimits.defaults(), fx::insertRow);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(content), UploadLimits.defaults(), b -> {
            throw new java.sql.SQLException("second insert failed");
        })).isInstanceOf(java.sql.SQLException.class);
        assertThat(store.exists(digest)).isTrue();
        assertThat(fx.rows(digest)).isEqualTo(1);
        assertThat(fx.spoolFiles()).isEmpty();
    }

    /** {@code length} bytes, PDF-looking, generated while read (the upload tests' generator). */
    static InputStream generated(long length, long seed) {
        return Multipart.generatedPdf(length, seed);
    }
}
